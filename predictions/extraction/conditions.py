"""The condition a forecast depends on, kept as the words the speaker used.

"If the talks fail, …", "Unless those things happen, …", "Should the sides fail …, it seems
highly possible that …", "… as long as rates stay low", "provided that …". A leading
condition runs to the last comma before the forecast's cue; a trailing one runs to the end
of the sentence. "Even if" holds either way and is not a condition.
"""

import re
from dataclasses import dataclass

from predictions.extraction.cues import normalise

_LEADING = re.compile(
    r"^(?:(?:but|and|so|yet|still|however|now|again|of\s+course),?\s+)?"
    r"(?P<cond>(?:if|unless|should|as\s+long\s+as|so\s+long\s+as|provided\s+that|providing\s+that|"
    r"provided|in\s+the\s+event\s+that|in\s+case|assuming\s+that|assuming|once|only\s+if)\b)",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?<!even\s)\b(?P<cond>if|unless|as\s+long\s+as|so\s+long\s+as|provided\s+that|"
    r"providing\s+that|in\s+the\s+event\s+that|assuming\s+that|only\s+if)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Condition:
    text: str
    start: int
    end: int


def find_condition(sentence: str, cue_start: int) -> Condition | None:
    """Return the condition of the forecast whose cue starts at ``cue_start``, or None."""
    text = normalise(sentence)
    leading = _LEADING.match(text)
    if leading and leading.start("cond") < cue_start:
        comma = text.rfind(",", leading.end(), cue_start)
        if comma > leading.end():
            start = leading.start("cond")
            return Condition(sentence[start:comma].strip(), start, comma)
    for match in _TRAILING.finditer(text, cue_start):
        if text[match.start() - 1 : match.start()] not in (" ", ",", "(", "—", "-"):
            continue
        if match.group("cond").lower() == "if" and re.match(
            r"if\s+(?:any|not|so|ever|only)\b", text[match.start() :], re.IGNORECASE
        ):
            continue
        end = len(text)
        while end > match.start() and text[end - 1] in " .!?\"')”’":
            end -= 1
        stop = re.search(r"[;—]|,\s+(?:and|but)\s", text[match.start() : end])
        if stop:
            end = match.start() + stop.start()
        return Condition(sentence[match.start() : end].strip(), match.start(), end)
    # A condition before the cue in the middle of a sentence: "Republicans, if they win, will …",
    # or one closed by an ellipsis in a comment: "Whitlock if she keeps at it... she will".
    for match in _TRAILING.finditer(text, 0, cue_start):
        ellipsis = _ELLIPSIS.search(text, match.end(), cue_start)
        if ellipsis is not None:
            end = ellipsis.start()
            return Condition(sentence[match.start() : end].strip(), match.start(), ellipsis.end())
        if text[match.start() - 2 : match.start()] in (", ", "— "):
            comma = text.find(",", match.end(), cue_start)
            if comma > match.end():
                return Condition(sentence[match.start() : comma].strip(), match.start(), comma)
    return None


_ELLIPSIS = re.compile(r"\.\.\.+|…")
