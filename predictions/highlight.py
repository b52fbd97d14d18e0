"""Show a quote inside the paragraph it came from, escaped, with the quote marked."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (blank-line or newline separated) around ``body[start:end]``."""
    left = body.rfind("\n", 0, start)
    right = body.find("\n", end)
    return (left + 1, len(body) if right < 0 else right)


def quote_in_paragraph(body: str, start: int, end: int, *, css_class: str = "quote") -> SafeString:
    """The paragraph holding the quote, every part escaped, the quote wrapped in ``<mark>``."""
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    left, right = paragraph_bounds(body, start, end)
    return mark_safe(  # noqa: S308 - every piece of text is escaped here
        f'{escape(body[left:start])}<mark class="{escape(css_class)}">{escape(body[start:end])}</mark>'
        f"{escape(body[end:right])}"
    )
