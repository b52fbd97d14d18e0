import datetime

import pytest

from predictions.extraction.deadlines import Deadline, find_deadline

MADE_ON = datetime.date(2014, 3, 10)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Prices will double by 2020.",
            Deadline(datetime.date(2020, 12, 31), "by 2020", "period_end"),
        ),
        ("The party will fold soon.", Deadline(None, "soon", "vague")),
        ("The party will fold.", Deadline(None, None, "none")),
    ],
)
def test_find_deadline(sentence, expected):
    assert find_deadline(sentence, MADE_ON) == expected
