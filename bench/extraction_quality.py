"""Measure forecast extraction on the labelled development sets, beside a naive extractor.

The sets (``bench/extraction_sets.py`` reads them, labelled by
``../shared/corpus/polnear/forecasts/GUIDE.md``):

- news, first dev set: ``polnear/forecasts/dev-{a,b}.jsonl`` over 40 PolNeAR dev articles;
- news, tune / tune2 / fresh: ``bench/labels/polnear-train-{tune,holdout,fresh}.jsonl`` over
  PolNeAR train articles (100 for tuning rules; 60 measured untouched on 1 December 2026 and
  tuned on since, set "tune2"; 60 untouched, set "fresh");
- comments, tune / tune2 / fresh: ``bench/labels/comments-{tune,holdout,fresh}.jsonl`` over C3
  reader comments (210 tuning; 120 "tune2", as for news; 300 untouched "fresh").

A set whose label file is absent (the fresh sets until they are labelled) is skipped with a
message; its texts are not read.

``extract`` and a naive extractor run over every text of each set, and for each the bench
prints:

- recall: share of ``core`` forecasts whose key a candidate's quote overlaps;
- precision: candidates on a labelled forecast (core or borderline) / all candidates (a
  candidate on a ``borderline`` label is not counted against the tool, as the guide says);
  ``precision_strict`` counts only core hits and leaves borderline candidates out;
- speaker (news): matched core forecasts whose speaker is right (same name, or surname);
- role (comments): matched core forecasts whose ``speaker_role`` is the label's;
- probability MAE: mean |p - label| over matched core forecasts;
- deadline within a week: matched core forecasts with a stated deadline (``deadline_text``)
  whose deadline is within seven days of the label's.

Then agreement with PolNeAR's attribution annotations (``bench/extraction_attribution.py``):
the train articles the speaker model was fitted on, the held-out fifth of the train articles,
and the dev split apart (the untouched detection sets' articles are not measured), each beside
the rules' speaker alone and the byline baseline, in the same run.

    python bench/extraction_quality.py [--sets dev,tune,tune2,fresh] [--no-attribution]
        [--show-misses SET] [--show-false SET] [--show-attribution train|held-out|dev]

``SET`` is ``news-dev``, ``news-tune``, ``news-tune2``, ``comments-tune``, ``comments-tune2``.
``--show-*`` print per-item detail and refuse the untouched (fresh) sets.
"""

import argparse
import datetime
import re
import statistics
import sys
import time
from dataclasses import dataclass

from extraction_attribution import measure as attribution_measure
from extraction_attribution import same_speaker
from extraction_sets import ROLES, DevSet, Text, old_dev_set, project_set

from predictions.extraction import extract


@dataclass
class Found:
    start: int
    end: int
    speaker: str | None
    role: str
    probability: float
    deadline: datetime.date | None
    claim: str | None = None


def evaluate(dev: DevSet, finder) -> dict:
    by_ident: dict[tuple, list] = {}
    for label in dev.labels:
        by_ident.setdefault(label.ident, []).append(label)
    tp = fp = neutral = 0
    matched: list[tuple[dict, Found]] = []
    core_total = 0
    misses: list[tuple[Text, dict]] = []
    false: list[tuple[Text, Found]] = []
    for text in dev.texts:
        labels = by_ident.get(text.ident, [])
        core_total += sum(1 for label in labels if label.fields["strength"] == "core")
        hit: set[int] = set()
        on_label: dict[int, list[Found]] = {}
        for item in finder(text):
            hits = [label for label in labels if item.start < label.end and label.start < item.end]
            core = [label for label in hits if label.fields["strength"] == "core"]
            if core:
                tp += 1
                for label in core:
                    on_label.setdefault(id(label), []).append(item)
            elif hits:
                neutral += 1
            else:
                fp += 1
                false.append((text, item))
        for label in labels:
            if id(label) in on_label:
                # Several clauses of one sentence: the candidate stating this label's claim.
                best = max(on_label[id(label)], key=lambda item: _similar(label.fields, item))
                hit.add(id(label))
                matched.append((label.fields, best))
        misses += [
            (text, label.fields)
            for label in labels
            if label.fields["strength"] == "core" and id(label) not in hit
        ]
    speaker_ok = [same_speaker(label["speaker"], item.speaker) for label, item in matched]
    role_ok = [label["speaker_role"] == item.role for label, item in matched]
    errors = [abs(label["probability"] - item.probability) for label, item in matched]
    stated = [(lb, item) for lb, item in matched if lb.get("deadline_text") and lb.get("deadline")]
    within = [
        item.deadline is not None
        and abs((item.deadline - datetime.date.fromisoformat(label["deadline"])).days) <= 7
        for label, item in stated
    ]
    candidates = tp + fp + neutral
    return {
        "recall": len(matched) / core_total if core_total else 0.0,
        "precision": (tp + neutral) / candidates if candidates else 0.0,
        "precision_strict": tp / (tp + fp) if tp + fp else 0.0,
        "speaker": _share(speaker_ok),
        "role": _share(role_ok),
        "prob_mae": statistics.fmean(errors) if errors else 0.0,
        "deadline_week": _share(within),
        "counts": f"core {core_total}, matched {len(matched)}, candidates {candidates} "
        f"(on core {tp}, on borderline {neutral}, unlabelled {fp}), "
        f"stated deadlines {len(stated)}",
        "misses": misses,
        "false": false,
        "matched": matched,
    }


def _similar(label: dict, item: "Found") -> float:
    wanted = set(re.findall(r"[a-z]+", (label.get("claim") or "").lower()))
    found = set(re.findall(r"[a-z]+", (item.claim or "").lower()))
    return len(wanted & found) / (len(wanted | found) or 1)


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def ours(text: Text) -> list[Found]:
    return [
        Found(c.start, c.end, c.speaker, c.speaker_role, c.probability, c.deadline, c.claim)
        for c in extract(text.part)
    ]


# The naive extractor: any sentence with a future cue, the byline or commenter as speaker, a
# small lexicon, and dateparser's own date search on the sentence.
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


def naive(text: Text) -> list[Found]:
    from dateparser.search import search_dates

    part = text.part
    speaker = ", ".join(part.authors) or part.outlet
    role = "commenter" if part.kind == "comment" else "author"
    base = datetime.datetime.combine(part.made_on, datetime.time())
    out = []
    for match in _NAIVE_SENTENCE.finditer(text.text):
        sentence = match.group(0)
        if not _NAIVE_CUE.search(sentence):
            continue
        p = next((v for k, v in _NAIVE_LEXICON.items() if k in sentence.lower()), 0.85)
        found = search_dates(
            sentence,
            languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"},
        )
        deadline = found[0][1].date() if found else None
        out.append(Found(match.start(), match.end(), speaker, role, p, deadline, sentence))
    return out


GOALS = {
    "recall": "≥ 0.85",
    "precision": "≥ 0.80",
    "speaker": "≥ 0.85 news",
    "role": "≥ 0.90 comments",
    "prob_mae": "≤ 0.10",
    "deadline_week": "≥ 0.85",
    "precision_strict": "",
}


def sets_named(names: list[str]) -> list[tuple[str, DevSet]]:
    chosen = []
    for name in names:
        if name == "dev":
            chosen.append(("dev", old_dev_set(["a", "b"])))
            continue
        role = ROLES.get(name)
        if role is None:
            raise SystemExit(f"unknown set {name!r}: dev, " + ", ".join(ROLES))
        for prefix in ("polnear-train", "comments"):
            title = f"{role.name} ({role.note})"
            dev = project_set(f"{prefix}-{role.files}", title)
            if dev is None:
                print(
                    f"({prefix}-{role.files}.jsonl absent: set {name!r} not labelled yet, skipped)"
                )
            else:
                chosen.append((name, dev))
    return chosen


def report(dev: DevSet, with_baseline: bool) -> dict:
    runs = [("extractor", ours)] + ([("naive", naive)] if with_baseline else [])
    print(f"\n{dev.name}: {len(dev.texts)} texts, {len(dev.labels)} labels")
    for problem in dev.problems:
        print("  label problem:", problem)
    results = {}
    for name, finder in runs:
        started = time.perf_counter()
        results[name] = evaluate(dev, finder)
        results[name]["seconds"] = time.perf_counter() - started
    print(f"  {'figure':<18}" + "".join(f"{name:>11}" for name, _ in runs) + "   goal")
    for key, goal in GOALS.items():
        row = "".join(f"{results[name][key]:>11.2f}" for name, _ in runs)
        print(f"  {key:<18}{row}   {goal}")
    for name, _ in runs:
        print(f"  {name}: {results[name]['counts']}; {results[name]['seconds']:.1f} s")
    return results["extractor"]


def show(result: dict, misses: bool, false: bool) -> None:
    if misses:
        for text, label in result["misses"]:
            where = text.text[label["start"] : label["end"]] if "start" in label else label["key"]
            print("MISS", text.ident[0][:40], text.ident[1], "|", where)
        for label, item in result["matched"]:
            flags = []
            if not same_speaker(label["speaker"], item.speaker):
                flags.append(f"speaker {item.speaker!r} != {label['speaker']!r}")
            if label["speaker_role"] != item.role:
                flags.append(f"role {item.role} != {label['speaker_role']}")
            if abs(label["probability"] - item.probability) > 0.1:
                flags.append(f"p {item.probability} != {label['probability']}")
            if label.get("deadline_text") and label.get("deadline"):
                due = datetime.date.fromisoformat(label["deadline"])
                if item.deadline is None or abs((item.deadline - due).days) > 7:
                    flags.append(f"deadline {item.deadline} != {due} ({label['deadline_text']})")
            if flags:
                print("WRONG", label.get("claim", "")[:60], "|", "; ".join(flags))
    if false:
        for text, item in result["false"]:
            quote = text.text[item.start : item.end][:220].replace("\n", " ")
            print("FALSE", text.ident[0][:30], text.ident[1], "|", quote)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="dev,tune,tune2,fresh")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-attribution", action="store_true")
    parser.add_argument("--show-misses", metavar="SET")
    parser.add_argument("--show-false", metavar="SET")
    parser.add_argument(
        "--show-attribution", metavar="PORTION", choices=["train", "held-out", "dev"]
    )
    args = parser.parse_args(argv)
    untouched = [name for name, role in ROLES.items() if role.untouched]
    for shown in (args.show_misses, args.show_false):
        if shown and any(shown.endswith("-" + name) or shown == name for name in untouched):
            parser.error(
                f"the untouched sets ({', '.join(untouched)}) are measured in aggregate only"
            )
        if shown and "holdout" in shown:
            parser.error("the first untouched draw is now the set 'tune2': --show-* news-tune2")
    for key, dev in sets_named(args.sets.split(",")):
        result = report(dev, not args.no_baseline)
        label = f"{'comments' if dev.name.startswith('comments') else 'news'}-{key}"
        show(result, args.show_misses == label, args.show_false == label)
    if not args.no_attribution:
        print(
            "\nattribution vs PolNeAR sources (candidates inside an annotated Content span; the "
            "speaker model is trained on the fit portion only)"
        )
        shown = {"train": "fit", "held-out": "held-out", "dev": "dev"}.get(
            args.show_attribution or ""
        )
        for portion in ("fit", "held-out", "dev"):
            started = time.perf_counter()
            found = attribution_measure(portion, extract, shown == portion, rules_only=True)
            print(
                f"  {portion:<8} {found.files} annotation files: extractor {found.share:.2f} "
                f"({found.agree}), rules alone {found.rules_share:.2f} ({found.rules_agree}), "
                f"byline baseline {found.baseline_share:.2f} of {found.compared} candidates "
                f"({found.not_compared} with a first-person or unnamed source left out); "
                f"{time.perf_counter() - started:.1f} s   goal ≥ 0.85"
            )
            for doc, source, speaker, quote in found.disagreements:
                print("  ATTR", doc[:36], "|", source, "|", speaker, "|", quote)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
    raise SystemExit(main())
