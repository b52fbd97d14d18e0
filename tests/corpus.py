"""Where the shared corpus lives, for tests and benchmarks that read it.

The corpus is third-party text kept beside the project (``../shared/corpus``), never copied in.
A test that needs it fails under ``CI=true`` when it is missing, and skips on a laptop without it.
"""

import os
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
CORPUS_DIR = Path(os.environ.get("ARCHIVE_CORPUS_DIR", PROJECT_DIR.parent / "shared" / "corpus"))


def corpus_path(*parts: str) -> Path:
    path = CORPUS_DIR.joinpath(*parts)
    if not path.exists():
        message = f"the shared corpus is missing: {path}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
