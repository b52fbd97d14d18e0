import importlib.util

import pytest

from predictions.extraction import lexicon
from tests.corpus import PROJECT_DIR, corpus_path


def load_script():
    spec = importlib.util.spec_from_file_location(
        "derive_lexicon", PROJECT_DIR / "bench" / "derive_lexicon.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.corpus
def test_shipped_table_equals_the_survey_medians():
    script = load_script()
    assert script.derive(corpus_path("lexicon")) == lexicon.SURVEYED


def test_every_wording_has_a_source_and_a_probability_inside_0_1():
    for wording, (p, source) in lexicon.HEDGES.items():
        assert 0 <= p <= 1, wording
        assert source.startswith(("survey:", "as '", "assumption:")), wording


def test_aliases_point_at_surveyed_phrases():
    for wording, (phrase, reason) in lexicon.ALIASES.items():
        assert phrase in lexicon.SURVEYED, wording
        assert reason


def test_lean_of_common_hedges():
    h = lexicon.HEDGES
    assert h["almost certainly"][0] > h["likely"][0] > h["about even"][0] > h["unlikely"][0]
    assert h["unlikely"][0] > h["most unlikely"][0] > h["no chance"][0]
