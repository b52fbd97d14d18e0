"""Test-wide configuration: settings for tests and access to the shared corpus."""

import pytest

from tests.corpus import corpus_path


@pytest.fixture
def corpus():
    """The shared corpus directory (fails under CI=true when missing, skips otherwise)."""
    return corpus_path()
