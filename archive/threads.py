"""Order a flat list of comments as threads: each reply under its parent, with its depth."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class Threaded(Protocol):
    pk: int
    parent_id: int | None


T = TypeVar("T", bound=Threaded)


def thread_order(comments: Sequence[T], *, max_depth: int = 6) -> list[tuple[T, int]]:
    """Comments in reading order (parent, then its replies), each with its depth.

    Replies whose parent is missing from the list are treated as top-level, and depth is
    capped so a long quarrel stays readable on a phone.
    """
    known = {c.pk for c in comments}
    children: dict[int | None, list[T]] = {}
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in known else None
        children.setdefault(parent, []).append(comment)
    ordered: list[tuple[T, int]] = []
    stack = [(c, 0) for c in reversed(children.get(None, []))]
    seen: set[int] = set()
    while stack:
        comment, depth = stack.pop()
        if comment.pk in seen:
            continue
        seen.add(comment.pk)
        ordered.append((comment, min(depth, max_depth)))
        stack.extend((c, depth + 1) for c in reversed(children.get(comment.pk, [])))
    # A cycle of replies has no top-level comment; show what it holds rather than lose it.
    ordered.extend((c, 0) for c in comments if c.pk not in seen)
    return ordered
