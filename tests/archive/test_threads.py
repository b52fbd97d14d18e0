"""Comment threads in reading order, without a database."""

from dataclasses import dataclass

from archive.threads import thread_order


@dataclass
class C:
    pk: int
    parent_id: int | None = None


def test_replies_follow_their_parent_with_depth():
    a, b, c, d = C(1), C(2, 1), C(3), C(4, 2)
    assert [(x.pk, depth) for x, depth in thread_order([a, b, c, d])] == [
        (1, 0),
        (2, 1),
        (4, 2),
        (3, 0),
    ]


def test_orphans_and_cycles_are_still_shown():
    orphan, x, y = C(1, 99), C(2, 3), C(3, 2)
    assert sorted(c.pk for c, _ in thread_order([orphan, x, y])) == [1, 2, 3]


def test_depth_is_capped():
    chain = [C(1)] + [C(i, i - 1) for i in range(2, 12)]
    assert max(depth for _, depth in thread_order(chain, max_depth=4)) == 4
