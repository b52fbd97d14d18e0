"""Fit the speaker model (``predictions/extraction/speaker_weights.json``) on PolNeAR.

    .venv/bin/python bench/train_attribution.py [--epochs 6] [--check]

Data: the attribution annotations of PolNeAR's train split (Newell, Margolin & Ruths, LREC
2018; ``../shared/corpus/polnear``, research use, no licence file in the original
repository), only the articles of the *fit* portion (``extraction_attribution.portion``):
never the dev split, never the articles of the untouched detection sets
(``bench/labels/polnear-train-{holdout,fresh}-articles.txt``), never the held-out fifth of
the rest.

Examples: in every article, each sentence where the extractor finds a forecast cue (the cue
the pipeline would use), and each sentence that starts an annotated Content span (anchored
where the Content starts), is one example per annotation file:

- inside an annotated Content span (the innermost, as the bench picks it), the speaker is
  that Content's Source, resolved as the bench resolves it (a pronoun to the nearest
  earlier named Source); first-person and unnamed Sources give no example;
- a cue sentence outside every Content span of every annotator of the article is the
  author's.

The possible speakers and their features are ``speaker_features.mentions``, the runtime's
own function; mentions of the right person (same name or surname) are the right answer. An
example none of whose mentions is right is counted and left out.

Model: conditional logit over an example's mentions, a person's probability the mass of
their mentions; fitted by AdaGrad over the examples in a fixed order with L2 shrinkage.
Nothing is random, so the same corpus gives the same file. ``--check`` rebuilds the weights
and fails when they differ from the committed file.
"""

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_attribution import (  # noqa: E402
    _innermost,
    annotation_files,
    read_annotation,
    resolved_source,
    same_speaker,
)
from extraction_sets import polnear_text  # noqa: E402

from predictions.extraction import speaker_features, speaker_model  # noqa: E402
from predictions.extraction.attribution import read_speaker  # noqa: E402
from predictions.extraction.cues import find_cues  # noqa: E402
from predictions.extraction.people import DocumentPeople  # noqa: E402
from predictions.extraction.pipeline import (  # noqa: E402
    MAX_TEXT_CHARS,
    _default_attribution,
    _main_cue,
)
from predictions.extraction.sentences import split_sentences  # noqa: E402
from predictions.extraction.speaker_features import AUTHOR, Choice  # noqa: E402

L2 = 0.01
RATE = 0.2
# Weights smaller than this are left out of the file: they change no choice.
KEEP = 1e-3


@dataclass
class Example:
    choices: list[Choice]
    right: list[int]
    weight: float = 1.0


@dataclass
class Counts:
    articles: int = 0
    files: int = 0
    examples: int = 0
    author_examples: int = 0
    unreachable: int = 0


def examples(counts: Counts) -> list[Example]:
    by_doc: dict[str, list[Path]] = {}
    for doc, path in annotation_files("train", "fit"):
        by_doc.setdefault(doc, []).append(path)
    out: list[Example] = []
    for doc, paths in by_doc.items():
        counts.articles += 1
        counts.files += len(paths)
        files = [read_annotation(path.read_text(encoding="utf-8")) for path in paths]
        out += _article_examples(doc, files, counts)
    return out


def _article_examples(doc: str, files: list, counts: Counts) -> list[Example]:
    text = polnear_text(doc, "train")
    part = text.part
    # As the pipeline reads a part (doubled apostrophes as quotation marks).
    body = part.text[:MAX_TEXT_CHARS].replace("''", '" ')
    sentences = split_sentences(body)
    people = DocumentPeople.read(body)
    default = _default_attribution(part)
    byline = default.speaker
    starts = sorted(
        piece[0] for relations in files for relation in relations for piece in relation.content[:1]
    )
    out = []
    for index, sentence in enumerate(sentences):
        cues = find_cues(sentence.text)
        cue = _main_cue(sentence.text, cues) if cues else None
        if cue is not None:
            anchor, cue_end = cue.start, (cue.end if cue.kind == "expect" else None)
        else:
            opening = [s for s in starts if sentence.start <= s < sentence.end]
            if not opening:
                continue
            anchor, cue_end = opening[0] - sentence.start, None
        rule = read_speaker(sentences, index, anchor, people, default, cue_end)
        ctx = speaker_features.context(sentences, index, anchor, rule)
        choices = speaker_features.mentions(sentences, people, ctx)
        inside = [_innermost(relations, sentence.start, sentence.end) for relations in files]
        if cue is not None and all(relation is None for relation in inside):
            out += _labelled(choices, AUTHOR, byline, counts, len(files))
            counts.author_examples += 1
        for relations, relation in zip(files, inside, strict=True):
            if relation is None:
                continue
            source = resolved_source(relations, relation)
            if source is not None:
                out += _labelled(choices, source, byline, counts)
        if rule.role == "quoted" and rule.speaker is not None:
            people.heard(sentence.start, rule.speaker)
    return out


def _labelled(
    choices: list[Choice], source: str, byline: str | None, counts: Counts, weight: float = 1.0
) -> list:
    right = [
        number
        for number, choice in enumerate(choices)
        if (
            (source == AUTHOR or same_speaker(source, byline))
            if choice.name == AUTHOR
            else source != AUTHOR and same_speaker(source, choice.name)
        )
    ]
    if not right:
        counts.unreachable += 1
        return []
    counts.examples += 1
    return [Example(choices, right, weight)]


def fit(data: list[Example], epochs: int) -> dict[str, float]:
    weight: dict[str, float] = {}
    squares: dict[str, float] = {}
    for _ in range(epochs):
        for example in data:
            p = speaker_model.probabilities(example.choices, weight)
            mass = sum(p[i] for i in example.right)
            gradient: dict[str, float] = {}
            for number, choice in enumerate(example.choices):
                # d(-log mass)/d score = p - (p / mass if right else 0)
                g = p[number] - (p[number] / mass if number in example.right else 0.0)
                g *= example.weight
                for feature in choice.features:
                    gradient[feature] = gradient.get(feature, 0.0) + g
            for feature, g in gradient.items():
                g += L2 * weight.get(feature, 0.0)
                squares[feature] = squares.get(feature, 0.0) + g * g
                weight[feature] = weight.get(feature, 0.0) - RATE * g / math.sqrt(
                    squares[feature] + 1e-8
                )
    return {f: round(w, 4) for f, w in sorted(weight.items()) if abs(w) >= KEEP}


def accuracy(data: list[Example], weight: dict[str, float]) -> float:
    right = 0
    for example in data:
        best, _ = speaker_model.best_person(example.choices, weight)
        key = speaker_model.person_key(best)
        right += any(
            speaker_model.person_key(example.choices[i].name) == key for i in example.right
        )
    return right / len(data) if data else 0.0


def build(epochs: int) -> tuple[dict, Counts, float]:
    counts = Counts()
    data = examples(counts)
    weight = fit(data, epochs)
    document = {
        "about": "Speaker model of predictions.extraction.speaker_model: one weight per "
        "feature of speaker_features. Fitted by bench/train_attribution.py on the attribution "
        "annotations of PolNeAR's train split (Newell, Margolin & Ruths, LREC 2018; research "
        "use), without the dev split, the untouched detection sets' articles and a held-out "
        "fifth of the train articles.",
        "command": f"bench/train_attribution.py --epochs {epochs}",
        "data": {
            "articles": counts.articles,
            "annotation_files": counts.files,
            "examples": counts.examples,
            "author_examples": counts.author_examples,
            "left_out_unreachable": counts.unreachable,
        },
        "weights": weight,
    }
    return document, counts, accuracy(data, weight)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    document, counts, fitted = build(args.epochs)
    print(
        f"{counts.articles} articles, {counts.files} annotation files: {counts.examples} "
        f"examples ({counts.author_examples} cue sentences outside every Content), "
        f"{counts.unreachable} whose speaker no mention names left out; "
        f"{len(document['weights'])} weights; in-sample choice accuracy {fitted:.3f}"
    )
    written = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path = speaker_model.WEIGHTS_PATH
    if args.check:
        same = path.exists() and path.read_text(encoding="utf-8") == written
        print("the committed weights are" + ("" if same else " NOT") + " what this rebuilds")
        return 0 if same else 1
    path.write_text(written, encoding="utf-8")
    print("wrote", path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
