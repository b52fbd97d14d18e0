"""Measure time-expression finding and normalisation, beside dateparser alone, in one run.

1. TempEval-3 platinum (``../shared/corpus/tempeval/te3-platinum/*.tml``): someone else's
   TIMEX3 labels on 20 news documents, each value normalised against the document's creation
   time (DCT). Only DATE-typed TIMEX3 count (durations, times and sets are other questions).

   - recall: share of gold DATE expressions that a found expression overlaps;
   - accuracy: of those found, share whose normalised value equals the gold value (same day,
     week, month, season, quarter, year, decade or century; PRESENT_REF/PAST_REF/FUTURE_REF);
   - given the gold span: the same normalisation applied to each gold expression's own text.

   Ours: ``timex.find_timexes`` over the document text, then ``timex.resolve`` against the DCT,
   reading the occurrence (next, last, nearest) from the tense of the expression's clause.
   Baseline: ``dateparser.search.search_dates`` over the same text, its granularity read with
   ``DateDataParser.get_date_data``; for the gold spans, ``get_date_data`` on the span.

2. Deadlines on the forecast development labels (``../shared/corpus/polnear/forecasts/``):
   for each labelled forecast with a stated deadline (``deadline_text``), ``find_deadline`` on
   the sentence holding its key, against the article's publication date; share within seven
   days of the label's deadline. Baseline: ``dateparser.search.search_dates`` on the same
   sentence, its last date read as the deadline (what a naive extractor does).

    python bench/deadline_quality.py [--verbose]
"""

import argparse
import datetime
import html
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

import dateparser.search  # noqa: E402
from dateparser.date import DateDataParser  # noqa: E402

from predictions.extraction.deadlines import clause_breaks, clause_tense, find_deadline  # noqa: E402
from predictions.extraction.timex import Timex, find_timexes, resolve, timeml_value  # noqa: E402

CORPUS = Path(os.environ.get("ARCHIVE_CORPUS_DIR", PROJECT_DIR.parent / "shared" / "corpus"))
TEMPEVAL = CORPUS / "tempeval" / "te3-platinum"
POLNEAR = CORPUS / "polnear"

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    start: int
    end: int
    text: str
    value: str


@dataclass
class Document:
    name: str
    dct: datetime.date
    text: str
    dates: list[Gold]


def read_tml(path: Path) -> Document:
    """The TEXT of a TimeML file as plain text, with its DATE TIMEX3 spans and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_value = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw).group(1)
    dct = datetime.date.fromisoformat(dct_value[:10])
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict] | None = None
    dates = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name, attributes = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTRIBUTE.findall(attributes)))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            if attrs.get("type") == "DATE":
                dates.append(Gold(start, length, "", attrs.get("value", "")))
    pieces.append(html.unescape(body[position:]))
    text = "".join(pieces)
    for gold in dates:
        gold.text = text[gold.start : gold.end]
    return Document(path.stem, dct, text, dates)


def concrete(value: str) -> bool:
    return bool(value) and "X" not in value and not value.endswith("_REF")


# --- Ours -------------------------------------------------------------------------------------------


def our_value(text: str, timex: Timex, dct: datetime.date, breaks: list[int]) -> str | None:
    prefer = clause_tense(text, timex.start, timex.end, breaks) or "nearest"
    value = resolve(timex, dct, prefer)
    return timeml_value(value) if value is not None else None


def ours_found(document: Document) -> list[tuple[int, int, str | None]]:
    breaks = clause_breaks(document.text)
    return [
        (timex.start, timex.end, our_value(document.text, timex, document.dct, breaks))
        for timex in find_timexes(document.text)
    ]


def ours_on_span(document: Document, gold: Gold) -> str | None:
    """Our value for the gold text alone (its clause still sets the tense)."""
    found = [timex for timex in find_timexes(document.text[gold.start : gold.end])]
    if not found:
        return None
    timex = found[0]
    shifted = Timex(
        gold.start + timex.start, gold.start + timex.end, timex.text, timex.form, timex.fields
    )
    return our_value(document.text, shifted, document.dct, clause_breaks(document.text))


# --- Dateparser alone -------------------------------------------------------------------------------


def _settings(dct: datetime.date) -> dict:
    return {
        "RELATIVE_BASE": datetime.datetime.combine(dct, datetime.time()),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


def dateparser_value(expression: str, dct: datetime.date) -> str | None:
    data = DateDataParser(languages=["en"], settings=_settings(dct)).get_date_data(expression)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return str(day.year)
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def dateparser_found(document: Document) -> list[tuple[int, int, str | None]]:
    matches = dateparser.search.search_dates(
        document.text, languages=["en"], settings=_settings(document.dct)
    )
    found = []
    position = 0
    for expression, _ in matches or ():
        at = document.text.find(expression, position)
        if at < 0:
            at = document.text.find(expression)
            if at < 0:
                continue
        else:
            position = at + len(expression)
        found.append((at, at + len(expression), dateparser_value(expression, document.dct)))
    return found


# --- Scoring -----------------------------------------------------------------------------------------


def score(documents: list[Document], finder, on_span, verbose: bool, label: str) -> dict:
    total = found = right = total_concrete = found_concrete = right_concrete = span_right = 0
    elapsed = 0.0
    for document in documents:
        started = time.perf_counter()
        spans = finder(document)
        elapsed += time.perf_counter() - started
        for gold in document.dates:
            is_concrete = concrete(gold.value)
            total += 1
            total_concrete += is_concrete
            hits = [value for start, end, value in spans if start < gold.end and gold.start < end]
            if hits:
                found += 1
                found_concrete += is_concrete
                ok = gold.value in hits
                right += ok
                right_concrete += ok and is_concrete
                if verbose and not ok:
                    print(
                        f"  {label} wrong: {gold.text!r} gold {gold.value} got {hits} (DCT {document.dct})"
                    )
            elif verbose:
                print(f"  {label} missed: {gold.text!r} gold {gold.value}")
            span_right += on_span(document, gold) == gold.value
    return {
        "total": total,
        "recall": found / total,
        "accuracy": right / found if found else 0.0,
        "recall_concrete": found_concrete / total_concrete,
        "accuracy_concrete": right_concrete / found_concrete if found_concrete else 0.0,
        "on_span": span_right / total,
        "seconds": elapsed,
        "chars": sum(len(document.text) for document in documents),
    }


# --- Deadlines on the forecast labels ----------------------------------------------------------------


def forecast_deadlines(verbose: bool) -> tuple[int, int, int]:
    from predictions.extraction.sentences import split_sentences

    publication = {}
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        for line in handle:
            row = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
            if row.get("publication_date"):
                publication[row["filename"]] = datetime.date.fromisoformat(row["publication_date"])
    labels = []
    for path in sorted((POLNEAR / "forecasts").glob("dev-*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            labels += [json.loads(line) for line in handle if line.strip()]
    stated = ours_ok = baseline_ok = 0
    for label in labels:
        if not (label.get("deadline_text") and label.get("deadline")):
            continue
        text = (POLNEAR / "text" / "dev" / f"{label['doc']}.txt").read_text(encoding="utf-8")
        at = text.find(label["key"])
        if at < 0:
            continue
        sentence = next(
            (s.text for s in split_sentences(text) if s.start <= at < s.end),
            text[max(0, at - 200) : at + 400],
        )
        made_on = publication[label["doc"]]
        expected = datetime.date.fromisoformat(label["deadline"])
        stated += 1
        ours = find_deadline(sentence, made_on)
        good = ours.date is not None and abs((ours.date - expected).days) <= 7
        ours_ok += good
        found = dateparser.search.search_dates(
            sentence, languages=["en"], settings=_settings(made_on)
        )
        naive = found[-1][1].date() if found else None
        baseline_ok += naive is not None and abs((naive - expected).days) <= 7
        if verbose and not good:
            print(
                f"  deadline wrong: {label['deadline_text']!r} → {expected}, got {ours} (made {made_on})"
            )
    return stated, ours_ok, baseline_ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every miss and wrong value")
    args = parser.parse_args()
    if not TEMPEVAL.exists():
        sys.exit(f"the shared corpus is missing: {TEMPEVAL}")
    documents = [read_tml(path) for path in sorted(TEMPEVAL.glob("*.tml"))]
    # Load dateparser's language data before timing anything.
    dateparser.search.search_dates("on 3 March 2013", languages=["en"])
    ours_found(Document("warm-up", datetime.date(2013, 3, 22), "on Sept. 30", []))
    results = {
        "ours": score(documents, ours_found, ours_on_span, args.verbose, "ours"),
        "dateparser": score(
            documents,
            dateparser_found,
            lambda document, gold: dateparser_value(gold.text, document.dct),
            args.verbose,
            "dateparser",
        ),
    }
    total = results["ours"]["total"]
    print(f"TempEval-3 platinum: {len(documents)} documents, {total} DATE expressions")
    print(
        f"{'':12} {'recall':>7} {'accuracy':>9} {'recall*':>8} {'accuracy*':>10} {'on gold span':>13} {'KB/s':>8}"
    )
    for name, result in results.items():
        speed = result["chars"] / 1000 / result["seconds"] if result["seconds"] else 0.0
        print(
            f"{name:12} {result['recall']:7.3f} {result['accuracy']:9.3f} {result['recall_concrete']:8.3f} "
            f"{result['accuracy_concrete']:10.3f} {result['on_span']:13.3f} {speed:8.0f}"
        )
    print(
        "  * only gold values that name a calendar period (no PRESENT_REF and the like, no X digits)"
    )
    if (POLNEAR / "forecasts").exists():
        stated, ours_ok, baseline_ok = forecast_deadlines(args.verbose)
        print(f"Forecast development labels: {stated} stated deadlines, share within a week")
        print(f"{'ours':12} {ours_ok / stated:7.3f}")
        print(
            f"{'dateparser':12} {baseline_ok / stated:7.3f}  (search_dates on the sentence, last date)"
        )


if __name__ == "__main__":
    main()
