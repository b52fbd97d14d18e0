"""Turn labels written by the annotation guide (with an exact ``key``) into the stored form.

The guide (``polnear/forecasts/GUIDE.md`` in the shared corpus) has labellers copy an exact
substring of the forecast sentence as its ``key``. The project keeps no third-party text, so
the stored labels replace the key with its character offsets in that part's text and a short
fingerprint (the first 12 hex digits of the key's SHA-1), which the benchmark checks against the
corpus before it trusts an offset. The labeller's ``note`` is dropped for the same reason.

    python bench/labels/convert.py KEYED.jsonl OUT.jsonl --source polnear-train|comments
"""

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("ARCHIVE_CORPUS_DIR", PROJECT_DIR.parent / "shared" / "corpus"))
FIELDS = [
    "doc",
    "part",
    "comment",
    "start",
    "end",
    "key_sha1",
    "strength",
    "speaker",
    "speaker_role",
    "claim",
    "polarity",
    "probability",
    "deadline",
    "deadline_text",
    "condition",
]


def fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]  # noqa: S324 - a fingerprint


def texts_for(source: str):
    if source == "polnear-train":
        folder = CORPUS / "polnear" / "text" / "train"
        return lambda label: (folder / f"{label['doc']}.txt").read_text(encoding="utf-8")
    with open(CORPUS / "comments" / "c3-globe-and-mail-comments.jsonl", encoding="utf-8") as fh:
        documents = {doc["title"]: doc for doc in map(json.loads, fh)}
    return lambda label: documents[label["doc"]]["comments"][label["comment"]]["body"]


def convert(label: dict, text: str) -> dict | None:
    key = label["key"]
    start = text.find(key)
    if start < 0:
        return None
    row = {**label, "start": start, "end": start + len(key), "key_sha1": fingerprint(key)}
    return {field: row.get(field) for field in FIELDS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keyed")
    parser.add_argument("out")
    parser.add_argument("--source", choices=["polnear-train", "comments"], required=True)
    args = parser.parse_args(argv)
    text_of = texts_for(args.source)
    kept, dropped = [], 0
    with open(args.keyed, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            label = json.loads(line)
            row = convert(label, text_of(label))
            if row is None:
                dropped += 1
                print(f"line {number}: key not in {label['doc']}: dropped", file=sys.stderr)
                continue
            kept.append(row)
    kept.sort(key=lambda row: (row["doc"], row["comment"] or 0, row["start"]))
    with open(args.out, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in kept)
    print(f"{len(kept)} labels written, {dropped} dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
