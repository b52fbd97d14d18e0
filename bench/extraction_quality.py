"""Measure forecast extraction on the labelled development set, beside a naive extractor.

Reads ``../shared/corpus/polnear/forecasts/dev-*.jsonl`` (labels, by ``GUIDE.md``), the
articles those sets list (``polnear/text/dev/``) and ``metadata.tsv`` (date, author,
publisher), runs ``predictions.extraction.extract`` and a naive extractor over the same
articles, and prints five figures for each:

- recall: share of ``core`` forecasts whose key lies in a candidate's quote;
- precision: candidates on a labelled forecast (core or borderline) / all candidates: a
  candidate on a ``borderline`` label is not counted against the tool, as the guide says.
  ``precision_strict`` (core only, borderline candidates left out of both counts) is printed too;
- speaker: share of matched core forecasts whose speaker is right (same name, or the same
  surname: "Trump" for "Donald Trump");
- probability MAE: mean |p - label| over matched core forecasts;
- deadline within a week: share of matched core forecasts with a stated deadline (the label
  has ``deadline_text``) whose deadline is within seven days of the label's.

It also prints an attribution figure from someone else's labels: PolNeAR's own attribution
annotations (``polnear/attributions/dev``): for every sentence inside an annotated Content
span with a named (non-pronoun) Source, is our speaker that source?

    python bench/extraction_quality.py [--sets a,b] [--show-misses] [--show-false]
"""

import argparse
import datetime
import json
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from predictions.extraction import Part, extract  # noqa: E402
from predictions.extraction.attribution import Attribution, DocumentPeople, attribute  # noqa: E402
from predictions.extraction.sentences import split_sentences  # noqa: E402

CORPUS = Path(os.environ.get("ARCHIVE_CORPUS_DIR", PROJECT_DIR.parent / "shared" / "corpus"))
POLNEAR = CORPUS / "polnear"

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
class Article:
    doc: str
    text: str
    part: Part


@dataclass
class Found:
    start: int
    end: int
    speaker: str | None
    probability: float
    deadline: datetime.date | None


def clean_authors(raw: str) -> tuple[str, ...]:
    """Turn metadata bylines ("By JAMES B. STEWART", "X, @handle, USA TODAY") into names."""
    if not raw or raw == "None":
        return ()
    raw = re.sub(r"^By\s+", "", raw.strip())
    raw = re.split(r"\.\s*Email:|,\s*Twitter:", raw)[0]
    parts = []
    for chunk in re.split(r",\s*|\s+and\s+", raw):
        chunk = chunk.strip()
        if (
            not chunk
            or "@" in chunk
            or "contributed" in chunk
            or chunk.isupper()
            and len(chunk.split()) == 2
            and chunk in ("USA TODAY",)
        ):
            continue
        if chunk.isupper():
            chunk = chunk.title()
        parts.append(chunk)
    return tuple(parts)


def read_metadata() -> dict[str, dict[str, str]]:
    rows = {}
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            row = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
            rows[row["filename"]] = row
    return rows


def load_articles(sets: list[str]) -> tuple[list[Article], list[dict]]:
    meta = read_metadata()
    docs: list[str] = []
    labels: list[dict] = []
    for name in sets:
        folder = POLNEAR / "forecasts"
        docs += (folder / f"dev-{name}-articles.txt").read_text(encoding="utf-8").split()
        with open(folder / f"dev-{name}.jsonl", encoding="utf-8") as handle:
            labels += [json.loads(line) for line in handle if line.strip()]
    articles = []
    for doc in dict.fromkeys(docs):
        text = (POLNEAR / "text" / "dev" / f"{doc}.txt").read_text(encoding="utf-8")
        row = meta[doc]
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
        articles.append(Article(doc, text, part))
    return articles, labels


def same_speaker(label: str | None, found: str | None) -> bool:
    if not label or not found:
        return label == found
    a = re.findall(r"[a-z]+", label.lower())
    b = re.findall(r"[a-z]+", found.lower())
    if a == b:
        return True
    return bool(a and b and (a[-1] in b or b[-1] in a))


def evaluate(articles: list[Article], labels: list[dict], finder) -> dict:
    by_doc: dict[str, list[dict]] = {}
    for label in labels:
        by_doc.setdefault(label["doc"], []).append(label)
    tp = fp = neutral = 0
    matched_core: list[tuple[dict, Found]] = []
    core_total = 0
    misses = []
    false = []
    for article in articles:
        found = finder(article)
        spans = []
        for label in by_doc.get(article.doc, []):
            position = article.text.find(label["key"])
            if position < 0:
                print(f"  key not found in {article.doc}: {label['key']!r}", file=sys.stderr)
                continue
            spans.append((position, position + len(label["key"]), label))
        core_total += sum(1 for *_, label in spans if label["strength"] == "core")
        hit_labels = set()
        for item in found:
            hits = [label for a, b, label in spans if item.start < b and a < item.end]
            core = [label for label in hits if label["strength"] == "core"]
            if core:
                tp += 1
                for label in core:
                    if id(label) not in hit_labels:
                        hit_labels.add(id(label))
                        matched_core.append((label, item))
            elif hits:
                neutral += 1
            else:
                fp += 1
                false.append((article.doc, article.text[item.start : item.end]))
        for _a, _b, label in spans:
            if label["strength"] == "core" and id(label) not in hit_labels:
                misses.append((article.doc, label))
    speaker_ok = [same_speaker(label["speaker"], item.speaker) for label, item in matched_core]
    errors = [abs(label["probability"] - item.probability) for label, item in matched_core]
    stated = [
        (label, item)
        for label, item in matched_core
        if label.get("deadline_text") and label.get("deadline")
    ]
    within = [
        item.deadline is not None
        and abs((item.deadline - datetime.date.fromisoformat(label["deadline"])).days) <= 7
        for label, item in stated
    ]
    return {
        "recall": len({id(label) for label, _ in matched_core}) / core_total if core_total else 0.0,
        "precision": (tp + neutral) / (tp + neutral + fp) if tp + neutral + fp else 0.0,
        "precision_strict": tp / (tp + fp) if tp + fp else 0.0,
        "speaker": sum(speaker_ok) / len(speaker_ok) if speaker_ok else 0.0,
        "prob_mae": statistics.fmean(errors) if errors else 0.0,
        "deadline_week": sum(within) / len(within) if within else 0.0,
        "counts": f"core {core_total}, matched {len(matched_core)}, candidates {tp + fp + neutral} "
        f"(on core {tp}, on borderline {neutral}, unlabelled {fp}), stated deadlines {len(stated)}",
        "misses": misses,
        "false": false,
        "matched": matched_core,
    }


def ours(article: Article) -> list[Found]:
    return [
        Found(c.start, c.end, c.speaker, c.probability, c.deadline) for c in extract(article.part)
    ]


# The naive extractor: any sentence with a future cue, the author as speaker, a small
# lexicon, and dateparser's own date search on the sentence.
_NAIVE_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_NAIVE_CUE = re.compile(
    r"\b(?:will|won't|'ll|going to|expects?|expected to|predicts?|likely|unlikely)\b", re.IGNORECASE
)
_NAIVE_LEXICON = {
    "almost certainly": 0.95,
    "likely": 0.7,
    "probably": 0.7,
    "unlikely": 0.2,
    "won't": 0.15,
    "will not": 0.15,
}


def naive(article: Article) -> list[Found]:
    from dateparser.search import search_dates

    out = []
    speaker = ", ".join(article.part.authors) or article.part.outlet
    base = datetime.datetime.combine(article.part.made_on, datetime.time())
    for match in _NAIVE_SENTENCE.finditer(article.text):
        sentence = match.group(0)
        if not _NAIVE_CUE.search(sentence):
            continue
        p = 0.85
        for phrase, value in _NAIVE_LEXICON.items():
            if phrase in sentence.lower():
                p = value
                break
        deadline = None
        found = search_dates(
            sentence,
            languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"},
        )
        if found:
            deadline = found[0][1].date()
        out.append(Found(match.start(), match.end(), speaker, p, deadline))
    return out


def attribution_agreement(limit: int | None = None) -> tuple[float, int]:
    """Agreement of our speaker with PolNeAR's annotated Source for sentences inside Content."""
    folder = POLNEAR / "attributions" / "dev"
    seen: set[str] = set()
    agree = total = 0
    for path in sorted(folder.glob("*.ann")):
        doc = re.sub(r"_[0-9a-f]{4}\.ann$", "", path.name)
        if doc in seen:
            continue  # one annotator per article
        seen.add(doc)
        text_path = POLNEAR / "text" / "dev" / f"{doc}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        spans: dict[str, tuple[str, int, int, str]] = {}
        relations = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                ident, info, surface = (line.split("\t") + ["", ""])[:3]
                kind, *offsets = info.replace(";", " ").split()
                spans[ident] = (kind, int(offsets[0]), int(offsets[-1]), surface)
            elif line.startswith("E"):
                relations.append(dict(p.split(":") for p in line.split("\t")[1].split()))
        sentences = split_sentences(text)
        people = DocumentPeople.read(text)
        default = Attribution("__author__", "author")
        for relation in relations:
            if "Source" not in relation or "Content" not in relation:
                continue
            source = spans.get(relation["Source"])
            content = spans.get(relation["Content"])
            if not source or not content:
                continue
            name = source[3]
            if not re.search(r"[A-Z]", name) or re.fullmatch(
                r"(?i)\W*(he|she|they|it|i|we|his|her)\W*", name
            ):
                continue
            for index, sentence in enumerate(sentences):
                if (
                    sentence.start >= content[1]
                    and sentence.end <= content[2] + 1
                    and sentence.end - sentence.start > 30
                ):
                    if source[1] >= sentence.start and source[2] <= sentence.end:
                        cue = max(0, content[1] - sentence.start)
                    else:
                        cue = len(sentence.text) // 2
                    who = attribute(text, sentences, index, cue, people, default)
                    total += 1
                    agree += same_speaker(name, who.speaker)
        if limit and len(seen) >= limit:
            break
    return (agree / total if total else 0.0), total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="a,b")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--show-false", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    articles, labels = load_articles(args.sets.split(","))
    print(f"development set {args.sets}: {len(articles)} articles, {len(labels)} labels")
    runs = [("extractor", ours)] + ([] if args.no_baseline else [("naive", naive)])
    results = {}
    for name, finder in runs:
        started = time.perf_counter()
        results[name] = evaluate(articles, labels, finder)
        results[name]["seconds"] = time.perf_counter() - started
    print(f"{'figure':<24}" + "".join(f"{name:>12}" for name, _ in runs) + "   goal")
    goals = {
        "recall": "≥ 0.85",
        "precision": "≥ 0.80",
        "speaker": "≥ 0.85",
        "prob_mae": "≤ 0.10",
        "deadline_week": "≥ 0.85",
    }
    goals["precision_strict"] = ""
    for key, goal in goals.items():
        print(
            f"{key:<24}"
            + "".join(f"{results[name][key]:>12.2f}" for name, _ in runs)
            + f"   {goal}"
        )
    for name, _ in runs:
        print(f"{name}: {results[name]['counts']}; {results[name]['seconds']:.1f} s")
    agreement, total = attribution_agreement()
    print(
        f"attribution vs PolNeAR sources (dev, named sources): {agreement:.2f} of {total} sentences"
    )
    mine = results["extractor"]
    if args.show_misses:
        for doc, label in mine["misses"]:
            print("MISS", doc[:40], "|", label["key"])
        for label, item in mine["matched"]:
            flags = []
            if not same_speaker(label["speaker"], item.speaker):
                flags.append(f"speaker {item.speaker!r} != {label['speaker']!r}")
            if abs(label["probability"] - item.probability) > 0.1:
                flags.append(f"p {item.probability} != {label['probability']}")
            if label.get("deadline_text") and (
                item.deadline is None
                or abs((item.deadline - datetime.date.fromisoformat(label["deadline"])).days) > 7
            ):
                flags.append(
                    f"deadline {item.deadline} != {label['deadline']} ({label['deadline_text']})"
                )
            if flags:
                print("WRONG", label["key"][:50], "|", "; ".join(flags))
    if args.show_false:
        for doc, quote in mine["false"]:
            print("FALSE", doc[:30], "|", quote[:200].replace("\n", " "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
