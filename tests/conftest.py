"""Test-wide configuration: settings for tests and access to the shared corpus."""

import os

os.environ.setdefault("ARCHIVE_ALLOW_DEV_SECRET", "1")

import pytest  # noqa: E402

from tests.corpus import corpus_path  # noqa: E402


@pytest.fixture
def corpus():
    """The shared corpus directory (fails under CI=true when missing, skips otherwise)."""
    return corpus_path()
