"""Find the forecasts in one document part: sentences → cues → speaker, hedge, claim, deadline.

Pure and bounded: text in, candidates out, no database. Input beyond ``MAX_TEXT_CHARS`` is
not read, sentences are cut to a bounded length, and every pattern is linear, so the time per
document has a ceiling whatever the text.
"""

import re
from collections.abc import Iterator

from predictions.extraction.attribution import Attribution
from predictions.extraction.claims import state_claim
from predictions.extraction.conditions import find_condition
from predictions.extraction.cues import Cue, find_cues, normalise
from predictions.extraction.deadlines import find_deadline
from predictions.extraction.events import KnownEvent
from predictions.extraction.hedges import read_hedge
from predictions.extraction.parts import Candidate, Part
from predictions.extraction.people import DocumentPeople
from predictions.extraction.quoting import reports_other_text
from predictions.extraction.sentences import Sentence, split_sentences
from predictions.extraction.speaker_model import attribute

# A longer part is read only this far: a forecast archive gains nothing from the rest of a
# book-length page, and the bound keeps one document from holding a worker.
MAX_TEXT_CHARS = 400_000
# Sentences shorter than this reproduced from the article are too common to mean copying.
_MIN_COPIED_CHARS = 25
_WORD = re.compile(r"[A-Za-z']+")


def extract(part: Part) -> list[Candidate]:
    """Return the forecasts stated in ``part``, in text order."""
    return list(_candidates(part))


def _candidates(part: Part) -> Iterator[Candidate]:
    # Some papers quote with doubled apostrophes (''like this''): read them as quotation
    # marks, two characters for two, so every offset still points into the part's text.
    text = part.text[:MAX_TEXT_CHARS].replace("''", '" ')
    sentences = split_sentences(text)
    people: DocumentPeople | None = None  # read on the first forecast that needs it
    events = _Events(part, text)
    title = _flat(part.title) if part.title else None
    article = (
        _flat(part.article_text[:MAX_TEXT_CHARS])
        if part.kind == "comment" and part.article_text
        else None
    )
    default = _default_attribution(part)
    for index, sentence in enumerate(sentences):
        cues = find_cues(sentence.text)
        if not cues or _is_heading(sentence, title, text, part.kind):
            continue
        if article is not None and _copied_from(sentence.text, article):
            continue
        cue = _main_cue(sentence.text, cues)
        if cue is None:
            continue
        if part.kind == "comment" and reports_other_text(sentence.text, cue.start):
            continue  # the article's or another commenter's forecast, repeated
        if people is None:
            people = DocumentPeople.read(text)
        cue_end = cue.end if cue.kind == "expect" else None
        who = attribute(sentences, index, cue.start, people, default, cue_end)
        if part.kind == "comment":
            commenter = _commenter_or_named(text, sentence, cue.start, who, default)
            if commenter is None:
                continue
            who = commenter
        clauses = _forecast_clauses(sentence.text, cue, cues)
        if len(clauses) < 2:
            yield from _candidate(part, events, sentence, cue, who)
            continue
        for clause_cue, clause in clauses:
            yield from _candidate(part, events, sentence, clause_cue, who, clause)


# Where one forecast clause ends and another may begin: "X will rise, but Y will fall".
_CLAUSE_JOINT = re.compile(r";\s+|,\s+(?:but|and|while|whereas|yet)\s+|\s+(?:whereas|while)\s+")
_MIN_CLAUSE_WORDS = 4


def _forecast_clauses(text: str, main: Cue, cues: list[Cue]) -> list[tuple[Cue, tuple[int, int]]]:
    """The sentence's forecast clauses, each with its own cue, when it holds more than one.

    "Rates will rise this year, but inflation will probably not fall before 2026" makes two
    forecasts, each with its own hedge, polarity and deadline.
    """
    if len(cues) < 2:
        return []
    bounds = [0]
    for joint in _CLAUSE_JOINT.finditer(text):
        bounds.append(joint.start())
        bounds.append(joint.end())
    bounds.append(len(text))
    segments = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    found: list[tuple[Cue, tuple[int, int]]] = []
    for start, end in segments:
        if len(_WORD.findall(text[start:end])) < _MIN_CLAUSE_WORDS:
            continue
        inside = [cue for cue in cues if start <= cue.start < end and cue.start >= main.start]
        cue = _main_cue(text, inside) if inside else None
        if cue is not None:
            found.append((cue, (start, end)))
    return found


def _commenter_or_named(
    text: str, sentence: Sentence, cue_start: int, who: Attribution, default: Attribution
) -> Attribution | None:
    """In a comment: a forecast the commenter reports from a named person, their own, or none.

    Commenters quote the article and one another, in quotation marks or after "> "; what they
    quote is not their forecast unless they say whose it is ("Kerry announced that …").
    """
    line_start = text.rfind("\n", 0, sentence.start) + 1
    if text[line_start : sentence.start + 1].lstrip().startswith(">"):
        return None
    if _QUOTED_COMMENT_HEADER.search(sentence.text):
        return None  # "reader12 19 minutes ago: '…'": another comment, quoted
    named = who.role == "quoted" and who.speaker is not None and who.speaker[:1].isupper()
    if _quoted_here(sentence.text, cue_start):
        return who if named and who.span is not None else None
    return who if named and who.span is not None else default


_QUOTED_COMMENT_HEADER = re.compile(r"\b\d+\s+(?:seconds?|minutes?|hours?|days?)\s+ago\b")
_SINGLE_QUOTED = re.compile(r"(?<![\w'])'(?=[^\s'])[^'\n]{10,}?[^\s']'(?![\w'])")


def _quoted_here(sentence: str, cue_start: int) -> bool:
    """Whether the cue lies inside quotation marks, double or single, of its sentence."""
    plain = normalise(sentence)
    if plain[:cue_start].count('"') % 2 == 1:
        return True
    return any(m.start() < cue_start < m.end() for m in _SINGLE_QUOTED.finditer(plain))


def _candidate(
    part: Part,
    events: "_Events",
    sentence: Sentence,
    cue: Cue,
    who: Attribution,
    clause: tuple[int, int] | None = None,
) -> Iterator[Candidate]:
    condition = find_condition(sentence.text, cue.start)
    cut = []
    window_start, window_end = clause or (0, len(sentence.text))
    if clause is not None:
        # One of several forecast clauses: the others are not part of this one's claim.
        cut += [
            span for span in ((0, clause[0]), (clause[1], len(sentence.text))) if span[0] < span[1]
        ]
    if who.span is not None:
        cut.append(who.span)
        if who.span[1] <= cue.start:
            window_start = max(window_start, who.span[1])
        elif who.span[0] >= cue.end:
            window_end = min(window_end, who.span[0])
    if condition is not None:
        cut.append((condition.start, condition.end))
        if condition.end <= cue.start:
            window_start = max(window_start, condition.end)
        elif condition.start >= cue.end:
            window_end = min(window_end, condition.start)
    reading = read_hedge(sentence.text, cue, (window_start, window_end))
    claim = state_claim(sentence.text, cue.start, cut)
    if len(_WORD.findall(claim)) < 2:
        return
    deadline = _find_deadline(_main_clause(sentence.text, cut), part, events)
    if deadline.kind == "none" and condition is not None:
        # No date of its own: the condition's date is the nearest thing the speaker gave.
        saying = [who.span] if who.span is not None else []
        deadline = _find_deadline(_main_clause(sentence.text, saying), part, events)
    yield Candidate(
        start=sentence.start,
        end=sentence.end,
        quote=part.text[sentence.start : sentence.end],
        speaker=who.speaker,
        speaker_role=who.role,
        claim=claim,
        polarity=reading.polarity,
        probability=reading.probability,
        hedge=reading.hedge,
        condition=condition.text if condition else None,
        deadline=deadline.date,
        deadline_text=deadline.text,
        deadline_kind=deadline.kind,
    )


def _main_clause(text: str, cut: list[tuple[int, int]]) -> str:
    """The sentence with the spans in ``cut`` (attribution, condition) blanked, offsets kept.

    A date in "Unless the club signs a striker this summer, …" or "…, Ada Park said on
    Monday" belongs to the condition or to the saying, not to the predicted outcome, when
    the forecast's own clause gives one.
    """
    for start, end in cut:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _main_cue(text: str, cues: list[Cue]) -> Cue | None:
    """The first cue that is not inside the sentence's own condition ("if the EU will …")."""
    for cue in cues:
        condition = find_condition(text, cue.start)
        inside = condition is not None and condition.start <= cue.start < condition.end
        if not inside and not _inside_condition_before(text, cue.start):
            return cue
    return None


# A condition runs to the next comma, semicolon or ellipsis: "if X ... he will" ends at "...".
_CONDITION_OPEN = re.compile(r"\b(?:if|unless|whether)\b(?:[^,;.…]|\.(?!\.))*$", re.IGNORECASE)


def _inside_condition_before(text: str, position: int) -> bool:
    return bool(_CONDITION_OPEN.search(text[max(0, position - 150) : position]))


def _find_deadline(sentence: str, part: Part, events: "_Events"):
    return find_deadline(sentence, part.made_on, events.for_sentence(sentence))


class _Events:
    """The archive's known events, and those the part itself dates, read once if needed.

    Reading the part's own dated events ("the caucuses on Feb. 1") costs a pass over its
    time expressions, so it is done only when a forecast names an event.
    """

    def __init__(self, part: Part, text: str) -> None:
        self._part = part
        self._text = text
        self._all: tuple[KnownEvent, ...] | None = None

    def for_sentence(self, sentence: str) -> tuple[KnownEvent, ...]:
        if not _EVENT_WORD.search(sentence):
            return self._part.known_events
        if self._all is None:
            from predictions.extraction.text_events import dated_events

            self._all = self._part.known_events + dated_events(self._text, self._part.made_on)
        return self._all


_EVENT_WORD = re.compile(
    r"(?i:\b(?:elections?|vote|voting|referendum|plebiscite|polls?|ballot|primary|primaries|"
    r"caucus(?:es)?|contests?|run-?off|debates?|summit|meeting|talks|conference|convention|"
    r"inauguration|deadline|hearing|trial|verdict|ruling|finals?|olympics|world\s+cup|games|"
    r"ceremony|budget|midterms|session|launch|handover|tournament|championship)\b)"
)


def _default_attribution(part: Part) -> Attribution:
    if part.kind == "comment":
        return Attribution(part.authors[0] if part.authors else None, "commenter")
    return Attribution(_author_name(part.authors) or part.outlet, "author")


def _author_name(authors: tuple[str, ...]) -> str | None:
    names = [a.strip() for a in authors if a and a.strip()]
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _flat(text: str) -> str:
    """Lower-case letters and digits only, single-spaced: for comparing copied text."""
    return " ".join(re.findall(r"[a-z0-9]+", normalise(text).lower()))


def _copied_from(sentence: str, article: str) -> bool:
    flat = _flat(sentence)
    return len(flat) >= _MIN_COPIED_CHARS and flat in article


def _is_heading(sentence: Sentence, title: str | None, text: str, kind: str) -> bool:
    flat = _flat(sentence.text)
    if title and flat and (flat == title or (len(flat) > 20 and flat in title)):
        return True
    stripped = sentence.text.rstrip()
    if stripped.endswith(":"):
        return True
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    line_end = len(text) if line_end < 0 else line_end
    own_line = text[line_start:line_end].strip() == stripped
    words = len(stripped.split())
    if own_line and kind == "article" and words <= _DECK_WORDS and _before_body(text, line_start):
        # A deck under the headline: a short line of its own before the first paragraph.
        return True
    if stripped[-1:] in ".!?\"'”’)…":
        return False
    # A short line on its own without closing punctuation: a heading or a caption.
    return own_line and words <= 20


# Lines this short before the first long paragraph are the headline's deck, not the article.
_DECK_WORDS = 16
_BODY_WORDS = 25


def _before_body(text: str, position: int) -> bool:
    """Whether ``position`` lies before the first long paragraph, and one follows it."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if len(text[start:end].split()) >= _BODY_WORDS:
            return start > position
        start = end + 1
    return False
