"""Split a text into sentences whose offsets point back into it exactly.

Every sentence keeps ``text[start:end] == sentence.text`` so a forecast's quote can be shown,
highlighted, in the original paragraph. Quotations that run over several sentences are
tracked (``quote_group``) so attribution can find the speaker named in another sentence of
the same quotation. Overlong runs without sentence punctuation are cut into pieces so that
later stages always work on bounded input.
"""

import re
from dataclasses import dataclass

from predictions.extraction.wordlists import words

# Pieces longer than this are cut at a space: later regexes then run on bounded input.
MAX_SENTENCE_CHARS = 800

ABBREVIATIONS = words(
    """
    mr mrs ms dr prof sen sens rep reps gov gen lt col capt cmdr maj sgt adm st jr sr
    rev hon pres supt atty sec dept univ assn bros inc corp co ltd llc no nos vol vs etc
    al approx est jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu
    thur thurs fri sat sun ft mt ave blvd rd fig op ed eds cf ie eg viz
    """
)

OPENING_QUOTES = "“‘«"
CLOSING_QUOTES = "”’»"
CLOSERS = "\"'”’»)]"

# A sentence ends at . ! ? or an ellipsis, optionally followed by closing quotes/brackets,
# then whitespace. The candidate is then checked (abbreviations, initials, lists).
_END = re.compile(r"(?:\.{3}|…|[.!?])[\"'”’»)\]]*(?=\s)")
_LINE_BREAKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
_LIST_ITEM = re.compile(r"\s*(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[-*•])$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    # Index of the quotation (run of text between quote marks) this sentence lies in or
    # overlaps; None when it has no quoted text.
    quote_group: int | None = None
    # True when the whole sentence is inside one quotation.
    inside_quote: bool = False


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` in order, each a stripped, non-empty span."""
    spans: list[tuple[int, int, int]] = []
    for paragraph, (p_start, p_end) in enumerate(_paragraphs(text)):
        for start, end in _split_paragraph(text, p_start, p_end):
            for piece in _bounded(text, start, end):
                spans.append((piece[0], piece[1], paragraph))
    quotes = quotation_spans(text)
    return _with_quotes(text, spans, quotes)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Split on line breaks: blog and transcript text puts one paragraph or item per line."""
    out = []
    position = 0
    for match in _LINE_BREAKS.finditer(text):
        out.append((position, match.start()))
        position = match.end()
    out.append((position, len(text)))
    return out


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    cursor = start
    for match in _END.finditer(text, start, end):
        cut = match.end()
        if not _is_boundary(text, cursor, match.start(), cut, end):
            continue
        pieces.append((cursor, cut))
        cursor = cut
    pieces.append((cursor, end))
    out = []
    for a, b in pieces:
        a, b = _strip(text, a, b)
        if a < b:
            out.append((a, b))
    return out


def _is_boundary(text: str, sentence_start: int, mark: int, cut: int, limit: int) -> bool:
    following = _next_visible(text, cut, limit)
    if following is None:
        return True
    punct = text[mark]
    if punct in "!?" or text.startswith("...", mark) or punct == "…":
        # "…and then" or "?" inside a quoted question followed by "he asked" continue.
        return not (following.islower() or following in ",;")
    # A full stop.
    word_match = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(sentence_start, mark - 30) : mark])
    word = word_match.group(1) if word_match else ""
    lower = word.lower().rstrip(".")
    if lower in ABBREVIATIONS and (following.isupper() or following.isdigit()):
        # "Sen. Warren", "Jan. 20", "No. 2": the abbreviation is glued to what follows.
        # A sentence-final "Inc." or "Jan." is rare enough to accept the miss.
        return False
    if (
        re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word)
        and len(word) <= 5
        and "." in text[mark - 2 : mark]
        or (len(word) == 1 and word.isupper())
    ):
        # Initials and dotted acronyms ("J. Smith", "U.S. officials"). A dotted acronym
        # ending a sentence ("… to the U.S. The talks …") is split when a capital follows a
        # short function word; otherwise kept together.
        if len(word) == 1:
            return False
        next_word = re.match(r"[A-Za-z']+", text[cut:limit].lstrip())
        return bool(next_word and next_word.group(0) in _SENTENCE_OPENERS)
    if following.islower() or following in ",;:":
        return False
    # "1. We know …": the number is the item's label, not a sentence.
    return not _LIST_ITEM.fullmatch(text[sentence_start:cut])


_SENTENCE_OPENERS = words(
    """
    The A An It He She They We I This That These Those But And In On At If When As There
    What Why How Yet So Still However Meanwhile Now
    """
)


def _next_visible(text: str, position: int, limit: int) -> str | None:
    while position < limit and text[position].isspace():
        position += 1
    while position < limit and text[position] in "\"'“‘«([":
        position += 1
    return text[position] if position < limit else None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    out = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit)
        cut = cut if cut > start else limit
        a, b = _strip(text, start, cut)
        if a < b:
            out.append((a, b))
        start = cut
    a, b = _strip(text, start, end)
    if a < b:
        out.append((a, b))
    return out


_QUOTE_MARKS = re.compile('[“”"\n]')


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Return the quoted stretches of ``text`` (quote marks included).

    Curly quotes pair by direction; straight double quotes toggle. A quotation still open at
    a line break ends there: the newspaper convention of reopening a long quotation on each
    paragraph makes every paragraph its own quotation, and attribution links them.
    """
    spans = []
    open_at: int | None = None
    for mark in _QUOTE_MARKS.finditer(text):
        char, index = mark.group(0), mark.start()
        if char == "\n":
            if open_at is not None:
                spans.append((open_at, index))
                open_at = None
        elif char == "“" or (char == '"' and open_at is None):
            if open_at is None:
                open_at = index
        elif open_at is not None:
            spans.append((open_at, index + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(text)))
    return spans


def _with_quotes(
    text: str, spans: list[tuple[int, int, int]], quotes: list[tuple[int, int]]
) -> list[Sentence]:
    out = []
    q = 0
    for start, end, paragraph in spans:
        while q < len(quotes) and quotes[q][1] <= start:
            q += 1
        group = None
        inside = False
        if q < len(quotes) and quotes[q][0] < end:
            group = q
            inside = quotes[q][0] <= start + 1 and quotes[q][1] >= end - 1
        out.append(Sentence(start, end, text[start:end], paragraph, group, inside))
    return out
