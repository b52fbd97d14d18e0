"""What a commenter reports from another text: the article, its author, or another commenter.

"The article says the levy will raise millions", "you wrote that the ferry will reopen",
"@reader3 said the tax will pass", "according to the story, officials expect …": the forecast
is the other text's, and a commenter repeating it is not making it (the guide). Quotation
marks, "> " quoting and sentences copied from the article are caught in ``pipeline``; this
module reads the reporting clause around the cue.
"""

import re

_OTHER_TEXT = (
    r"(?:(?:the|this|that|your|his|her|their)\s+(?:\w+\s+)?(?:article|story|piece|column|author|"
    r"writer|columnist|editorial|report|op-ed|headline|reporter|journalist|post|comment)|"
    r"\byou|@\w+|(?:the\s+)?(?:op|poster|commenter|previous\s+poster))"
)
_REPORTING = (
    r"(?:says?|said|claims?|claimed|wrote|writes|argues?|argued|suggests?|suggested|states?|"
    r"stated|predicts?|predicted|asserts?|asserted|insists?|insisted|tells\s+us|told\s+us|"
    r"would\s+have\s+us\s+believe|seem\s+to\s+think|seems\s+to\s+think|think|thinks)"
)
# The reporting clause before the cue: "you wrote that …", "the article claims …".
_REPORTED_BEFORE = re.compile(
    r"(?:^|[\s\"(])" + _OTHER_TEXT + r"\s+(?:\w+\s+){0,2}?" + _REPORTING + r"\b[^.;!?]*$"
    r"|\baccording\s+to\s+" + _OTHER_TEXT + r"\b[^.;!?]*$|^\W*quote\s*:",
    re.IGNORECASE,
)
# … or after it: "officials expect the ferry to reopen, the story says".
_REPORTED_AFTER = re.compile(
    r"[^.;!?]*,\s*" + _OTHER_TEXT + r"\s+(?:\w+\s+)?" + _REPORTING + r"\s*[.!]?\s*$",
    re.IGNORECASE,
)


def reports_other_text(sentence: str, cue_start: int) -> bool:
    """Whether the forecast cued at ``cue_start`` is reported from another text."""
    return bool(
        _REPORTED_BEFORE.search(sentence, 0, cue_start)
        or _REPORTED_AFTER.match(sentence, cue_start)
    )
