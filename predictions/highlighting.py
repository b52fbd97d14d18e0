"""Render imported text as paragraphs with forecast quotes wrapped in <mark>.

The offsets of a quote point into the raw text, so the text is cut at those offsets first and
every piece is escaped on its own; markup is only ever added between escaped pieces. Nothing
from the text can open a tag or break out of an attribute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Mark:
    """A span of the text to highlight, optionally followed by a small link (its label)."""

    start: int
    end: int
    href: str = ""
    label: str = ""
    css: str = ""
    anchor: str = ""


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line: imported bodies put one paragraph per line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def locate(text: str, start: int, end: int, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` really is: at its offsets, else its first occurrence, else nowhere."""
    if 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    found = text.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else None


def render(
    text: str, marks: Sequence[Mark] = (), *, around: tuple[int, int] | None = None
) -> SafeString:
    """The text as escaped <p> paragraphs with ``marks`` highlighted.

    ``around`` keeps only the paragraphs that overlap that span (a quote in its context).
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    bounds = paragraph_bounds(text)
    if around is not None:
        bounds = [(a, b) for a, b in bounds if a < around[1] and b > around[0]]
    label_at = _label_positions(marks, bounds)
    html = []
    for a, b in bounds:
        inner = _render_paragraph(text, a, b, marks, label_at)
        html.append(format_html("<p>{}</p>", inner))
    return mark_safe("\n".join(html))  # noqa: S308 - every piece was escaped above


def _label_positions(marks: Sequence[Mark], bounds: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Where each mark's label goes: after its last character that is inside a paragraph."""
    positions = {}
    for index, mark in enumerate(marks):
        if not mark.label:
            continue
        inside = [min(mark.end, b) for a, b in bounds if a < mark.end and b > mark.start]
        if inside:
            positions[index] = inside[-1]
    return positions


def _render_paragraph(
    text: str, a: int, b: int, marks: Sequence[Mark], label_at: dict[int, int]
) -> SafeString:
    cuts = {a, b}
    for mark in marks:
        if mark.start < b and mark.end > a:
            cuts.update((max(mark.start, a), min(mark.end, b)))
    pieces = []
    for s, e in pairwise(sorted(cuts)):
        chunk = escape(text[s:e])
        active = [m for m in marks if m.start <= s and m.end >= e]
        if active:
            classes = " ".join(dict.fromkeys(["q", *(m.css for m in active if m.css)]))
            anchor = next((m.anchor for m in active if m.start == s and m.anchor), "")
            if anchor:
                pieces.append(
                    format_html('<mark class="{}" id="{}">{}</mark>', classes, anchor, chunk)
                )
            else:
                pieces.append(format_html('<mark class="{}">{}</mark>', classes, chunk))
        else:
            pieces.append(chunk)
        for index, position in label_at.items():
            if position == e:
                mark = marks[index]
                pieces.append(
                    format_html(
                        '<a class="q-ref{}" href="{}">{}</a>',
                        f" {mark.css}" if mark.css else "",
                        mark.href,
                        mark.label,
                    )
                )
    return mark_safe("".join(pieces))  # noqa: S308 - pieces are escaped or format_html
