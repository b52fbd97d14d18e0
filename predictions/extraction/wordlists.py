"""Word lists written as prose-like blocks: ``words("sign hold announce")``."""


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a frozenset."""
    return frozenset(text.split())
