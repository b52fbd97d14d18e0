"""The forecast development sets: labelled texts as extraction inputs, for the quality bench.

Two kinds of label file are read:

- ``../shared/corpus/polnear/forecasts/dev-*.jsonl`` (the first development set): each label
  carries its ``key``, an exact substring of the article;
- ``bench/labels/*.jsonl`` (the project's own label format, no third-party text): each label
  carries ``start``/``end``, the offsets of the labeller's key in that part's text, and
  ``key_sha1``, the first 12 hex digits of the SHA-1 of the key. The key is read from the
  corpus and its hash checked, so a label that no longer points at its words is reported, not
  silently scored.

PolNeAR parts are the ``.txt`` files of ``polnear/text/<split>/`` with date, byline and
publisher from ``metadata.tsv``; comment parts are ``comments[i]["body"]`` of the C3 document
whose ``title`` is the label's ``doc`` (``comments/c3-globe-and-mail-comments.jsonl``).
"""

import datetime
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from predictions.extraction import Part  # noqa: E402

CORPUS = Path(os.environ.get("ARCHIVE_CORPUS_DIR", PROJECT_DIR.parent / "shared" / "corpus"))
POLNEAR = CORPUS / "polnear"
C3 = CORPUS / "comments" / "c3-globe-and-mail-comments.jsonl"
LABELS = PROJECT_DIR / "bench" / "labels"

OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "Western Journalism",
}
WIRES = {"reuters": "Reuters", "ap": "AP", "upi": "UPI", "afp": "AFP"}


@dataclass
class Text:
    """One labelled part: an article or one comment, with the extractor's input for it."""

    ident: tuple[str, int | None]  # (doc, comment index or None)
    text: str
    part: Part


@dataclass
class Label:
    ident: tuple[str, int | None]
    start: int
    end: int
    fields: dict


@dataclass
class DevSet:
    name: str
    texts: list[Text]
    labels: list[Label]
    problems: list[str] = field(default_factory=list)


def clean_authors(raw: str) -> tuple[str, ...]:
    """Turn metadata bylines ("By JAMES B. STEWART", "X, @handle, USA TODAY") into names."""
    if not raw or raw == "None":
        return ()
    raw = re.sub(r"^By\s+", "", raw.strip())
    raw = re.split(r"\.\s*Email:|,\s*Twitter:", raw)[0]
    parts = []
    for chunk in re.split(r",\s*|\s+and\s+", raw):
        chunk = chunk.strip()
        if not chunk or "@" in chunk or "contributed" in chunk or chunk == "USA TODAY":
            continue
        if chunk.isupper():
            chunk = chunk.title()
        parts.append(chunk)
    return tuple(parts)


_METADATA: dict[str, dict[str, str]] = {}


def metadata() -> dict[str, dict[str, str]]:
    if not _METADATA:
        with open(POLNEAR / "metadata.tsv", encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split("\t")
            for line in handle:
                row = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
                _METADATA[row["filename"]] = row
    return _METADATA


def polnear_text(doc: str, split: str) -> Text:
    text = (POLNEAR / "text" / split / f"{doc}.txt").read_text(encoding="utf-8")
    row = metadata()[doc]
    wire = WIRES.get(row.get("wire", "").lower())
    outlet = wire or OUTLETS.get(row["publisher"], row["publisher"])
    authors = clean_authors(row.get("author", ""))
    if authors and authors[0].lower() in WIRES:
        authors = (WIRES[authors[0].lower()],)
    part = Part(
        text=text,
        made_on=datetime.date.fromisoformat(row["publication_date"]),
        kind="article",
        authors=authors,
        outlet=outlet,
        title=text.split("\n", 1)[0],
    )
    return Text((doc, None), text, part)


_C3: dict[str, dict] = {}


def c3_documents() -> dict[str, dict]:
    if not _C3:
        with open(C3, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    document = json.loads(line)
                    _C3[document["title"]] = document
    return _C3


def comment_text(doc: str, index: int) -> Text:
    document = c3_documents()[doc]
    comment = document["comments"][index]
    part = Part(
        text=comment["body"],
        made_on=datetime.date.fromisoformat(document["published"][:10]),
        kind="comment",
        authors=(comment["author"],) if comment.get("author") else (),
        outlet=document.get("outlet"),
        article_text=document["body"],
    )
    return Text((doc, index), comment["body"], part)


def key_sha1(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def old_dev_set(names: list[str]) -> DevSet:
    """The first development set: PolNeAR dev articles labelled with their keys."""
    folder = POLNEAR / "forecasts"
    docs: list[str] = []
    raw: list[dict] = []
    for name in names:
        docs += (folder / f"dev-{name}-articles.txt").read_text(encoding="utf-8").split()
        raw += _read_jsonl(folder / f"dev-{name}.jsonl")
    texts = {doc: polnear_text(doc, "dev") for doc in dict.fromkeys(docs)}
    dev = DevSet("news, first dev set (" + ",".join(names) + ")", list(texts.values()), [])
    for fields in raw:
        text = texts[fields["doc"]].text
        position = text.find(fields["key"])
        if position < 0:
            dev.problems.append(f"key not found in {fields['doc']}")
            continue
        dev.labels.append(
            Label((fields["doc"], None), position, position + len(fields["key"]), fields)
        )
    return dev


@dataclass(frozen=True)
class SetRole:
    """What a set name stands for: which label files, and whether the rules may look at it."""

    name: str
    files: str  # the stem of ``bench/labels/<prefix>-<files>.*``
    untouched: bool
    note: str


# "tune2" is the first untouched draw: measured once, untouched, on 1 December 2026 and
# reported; tuned on since, so its figures are in-sample from then on. "fresh" is the second
# draw (2 December 2026), the untouched part now: measured in aggregate only.
ROLES = {
    "tune": SetRole("tune", "tune", untouched=False, note="tuning"),
    "tune2": SetRole(
        "tune2",
        "holdout",
        untouched=False,
        note="measured untouched on 1 December 2026, tuned on since",
    ),
    "fresh": SetRole("fresh", "fresh", untouched=True, note="untouched"),
}


def project_set(name: str, title: str | None = None) -> DevSet | None:
    """A set in the project's label format, ``bench/labels/<name>.jsonl``; None until labelled.

    News sets list their articles in ``<name>-articles.txt``, comment sets their comments in
    ``<name>-comments.tsv`` (document title, tab, comment index); every listed text is read,
    labelled or not, so a forecast found in an unlabelled one counts against precision.
    """
    path = LABELS / f"{name}.jsonl"
    if not path.exists():
        return None
    if name.startswith("comments-"):
        texts = []
        for line in (LABELS / f"{name}-comments.tsv").read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc, index = line.rsplit("\t", 1)
                texts.append(comment_text(doc, int(index)))
        title = "comments, " + (title or name.removeprefix("comments-"))
    else:
        docs = (LABELS / f"{name}-articles.txt").read_text(encoding="utf-8").split()
        texts = [polnear_text(doc, "train") for doc in dict.fromkeys(docs)]
        title = "news, " + (title or name.removeprefix("polnear-train-"))
    by_ident = {text.ident: text for text in texts}
    dev = DevSet(title, texts, [])
    for fields in _read_jsonl(path):
        comment = fields.get("comment")
        ident = (fields["doc"], None if comment is None else int(comment))
        text = by_ident.get(ident)
        if text is None:
            dev.problems.append(f"label for a text outside the set: {ident[0][:40]} {ident[1]}")
            continue
        start, end = int(fields["start"]), int(fields["end"])
        if key_sha1(text.text[start:end]) != fields["key_sha1"]:
            dev.problems.append(f"key hash differs at {ident[0][:40]} {ident[1]} {start}-{end}")
            continue
        dev.labels.append(Label(ident, start, end, fields))
    return dev
