"""Agreement of the extractor's speaker with PolNeAR's own attribution annotations.

Every annotation file of ``polnear/attributions/<split>/`` (one annotator's reading of one
article; most articles have several) gives Source, Cue and Content spans joined by an
Attribution relation. For every forecast candidate ``extract`` returns on the article whose
quote lies inside an annotated Content span (at least half of the candidate, or of the
Content when that is shorter, overlapped), the innermost such Content's Source is the speaker
to agree with:

- a named Source (it has a capital letter and is not a pronoun) counts directly;
- a pronoun Source ("he", "she", "they" and their possessives) counts when the same
  annotation file names a Source before it: the nearest earlier named Source is the person
  the pronoun stands for;
- first- and second-person Sources ("I", "we", "you") and unnamed descriptions ("officials",
  "the candidate", "a spokesman": no capital beyond the determiners that open them) are not
  compared, and are counted apart.

Speakers agree when they are the same name or share the surname (``same_speaker``). The naive
baseline gives every candidate the byline (or the outlet when unsigned), on the same
candidates.

The train split is measured in portions (``portion``), because the speaker model
(``bench/train_attribution.py``) learns from part of it:

- *fit*: the train articles the model is trained on (in-sample);
- *held-out*: a fixed fifth of the train articles, chosen by hashing the article id, never
  trained on;
- *untouched*: the articles of the untouched detection sets
  (``bench/labels/polnear-train-{holdout,fresh}-articles.txt``): neither trained on nor
  measured here.
"""

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extraction_sets import LABELS, POLNEAR, polnear_text

from predictions.extraction import speaker_model

UNTOUCHED_LISTS = ("polnear-train-holdout-articles.txt", "polnear-train-fresh-articles.txt")
# One train article in this many is held out of the speaker model's training.
HELD_OUT_EVERY = 5


def untouched_articles() -> frozenset[str]:
    docs: set[str] = set()
    for name in UNTOUCHED_LISTS:
        docs.update((LABELS / name).read_text(encoding="utf-8").split())
    return frozenset(docs)


def portion(doc: str, split: str, untouched: frozenset[str]) -> str:
    """Which part of the data an article is: "fit", "held-out", "untouched" or "dev"."""
    if split == "dev":
        return "dev"
    if doc in untouched:
        return "untouched"
    digest = int(hashlib.sha1(doc.encode("utf-8")).hexdigest()[:8], 16)
    return "held-out" if digest % HELD_OUT_EVERY == 0 else "fit"


def annotation_files(split: str, wanted: str) -> Iterator[tuple[str, Path]]:
    """(article id, annotation file) of one split's files in portion ``wanted``, sorted."""
    untouched = untouched_articles()
    for path in sorted((POLNEAR / "attributions" / split).glob("*.ann")):
        doc = re.sub(r"_[0-9a-f]{4}\.ann$", "", path.name)
        if portion(doc, split, untouched) == wanted:
            yield doc, path


_PRONOUN = re.compile(r"(?i)\W*(?:he|she|they|him|her|his|hers|them|their|it|its)\W*")
_FIRST_SECOND = re.compile(r"(?i)\W*(?:i|we|you|me|us|my|our|your)\W*")


def same_speaker(label: str | None, found: str | None) -> bool:
    if not label or not found:
        return label == found
    a = re.findall(r"[a-z]+", label.lower().replace("'s", ""))
    b = re.findall(r"[a-z]+", found.lower().replace("'s", ""))
    if a == b:
        return True
    return bool(a and b and (a[-1] in b or b[-1] in a))


@dataclass
class Relation:
    source: str
    source_start: int
    content: list[tuple[int, int]]


@dataclass
class Agreement:
    files: int = 0
    compared: int = 0
    agree: int = 0
    baseline_agree: int = 0
    rules_agree: int = 0
    not_compared: int = 0
    disagreements: list[tuple[str, str, str | None, str]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.agree / self.compared if self.compared else 0.0

    @property
    def baseline_share(self) -> float:
        return self.baseline_agree / self.compared if self.compared else 0.0

    @property
    def rules_share(self) -> float:
        return self.rules_agree / self.compared if self.compared else 0.0


def read_annotation(text: str) -> list[Relation]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        if re.match(r"T\d+\t", line):
            ident, info, surface = (line.split("\t") + ["", ""])[:3]
            kind, _, offsets = info.partition(" ")
            pieces = []
            for piece in offsets.split(";"):
                start, end = piece.split()
                pieces.append((int(start), int(end)))
            spans[ident] = (kind, pieces, surface)
        elif re.match(r"E\d+\t", line):
            events.append(dict(p.split(":", 1) for p in line.split("\t")[1].split()))
    relations = []
    for event in events:
        source = spans.get(event.get("Source", ""))
        content = spans.get(event.get("Content", ""))
        if source and content:
            relations.append(Relation(source[2], source[1][0][0], content[1]))
    relations.sort(key=lambda r: r.source_start)
    return relations


def resolved_source(relations: list[Relation], relation: Relation) -> str | None:
    """The person the relation's Source names, or None when it cannot be compared."""
    name = relation.source.strip()
    if _FIRST_SECOND.fullmatch(name):
        return None
    if _PRONOUN.fullmatch(name):
        before = None
        for other in relations:
            if other.source_start >= relation.source_start:
                break
            if _is_named(other.source):
                before = other.source
        return before
    return name if _is_named(name) else None


# Words that open a description rather than a name; their capital is the sentence's.
_DESCRIPTION_OPENING = re.compile(
    r"(?i)^\W*(?:(?:the|a|an|this|that|these|those|some|many|most|several|other|another|"
    r"such|each|every|both|all|no|one|two|three|four|five|according|to)(?:\s+|\W*$))+"
)


def _is_named(name: str) -> bool:
    """Whether a Source names someone: a capital beyond the determiners that may open it.

    "The candidate" and "A spokesman" describe someone without naming them, like "officials";
    "the Trump campaign" and "Sen. Marco Rubio" name someone.
    """
    if _PRONOUN.fullmatch(name) or _FIRST_SECOND.fullmatch(name):
        return False
    return bool(re.search(r"[A-Z]", _DESCRIPTION_OPENING.sub("", name)))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _innermost(relations: list[Relation], start: int, end: int) -> Relation | None:
    best = None
    best_size = None
    for relation in relations:
        size = sum(b - a for a, b in relation.content)
        shared = sum(_overlap((start, end), piece) for piece in relation.content)
        if size < 15 or shared < 0.5 * min(end - start, size):
            continue
        if best_size is None or size < best_size:
            best, best_size = relation, size
    return best


def measure(
    wanted: str, extract: Callable, keep_disagreements: bool = False, rules_only: bool = False
) -> Agreement:
    """Agreement over the annotation files of one portion ("fit", "held-out" or "dev").

    ``rules_only`` measures the rule speaker alone, without the learned model, in the same
    run.
    """
    if wanted == "untouched":
        raise ValueError("the untouched articles are not measured here")
    split = "dev" if wanted == "dev" else "train"
    result = Agreement()
    texts: dict[str, tuple] = {}
    rules: dict[str, list] = {}
    for doc, path in annotation_files(split, wanted):
        if doc not in texts:
            text = polnear_text(doc, split)
            texts[doc] = (text, extract(text.part))
            if rules_only:
                with speaker_model.rules_only():
                    rules[doc] = extract(text.part)
        text, candidates = texts[doc]
        relations = read_annotation(path.read_text(encoding="utf-8"))
        result.files += 1
        byline = text.part.authors[0] if text.part.authors else text.part.outlet
        for number, candidate in enumerate(candidates):
            relation = _innermost(relations, candidate.start, candidate.end)
            if relation is None:
                continue
            source = resolved_source(relations, relation)
            if source is None:
                result.not_compared += 1
                continue
            result.compared += 1
            ok = same_speaker(source, candidate.speaker)
            result.agree += ok
            result.baseline_agree += same_speaker(source, byline)
            if rules_only:
                by_rule = rules[doc][number]
                if (by_rule.start, by_rule.claim) != (candidate.start, candidate.claim):
                    raise AssertionError("the rules alone found other candidates")
                result.rules_agree += same_speaker(source, by_rule.speaker)
            if keep_disagreements and not ok:
                result.disagreements.append(
                    (
                        doc,
                        source,
                        f"{candidate.speaker} ({candidate.speaker_role})",
                        candidate.quote[:160].replace("\n", " "),
                    )
                )
    return result
