"""The Celery app: it finds every task, and a worker refuses to start without a broker."""

import pytest

from config.celery import _refuse_without_broker, app


def test_the_worker_finds_every_task():
    app.loader.import_default_modules()
    assert {
        "predictions.extract_article",
        "predictions.extract_articles",
        "predictions.import_and_extract_documents",
        "predictions.recompute_leaderboards",
        "predictions.refresh_leaderboard_priors",
        "archive.import_documents",
    } <= set(app.tasks)


def test_a_worker_without_a_broker_stops_with_a_clear_message(monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    with pytest.raises(SystemExit, match="CELERY_BROKER_URL is unset"):
        _refuse_without_broker()
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    _refuse_without_broker()
