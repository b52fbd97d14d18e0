"""Queued tasks in eager mode: extraction, import with extraction, and the boards after resolving."""

import datetime
import io
import logging
from pathlib import Path

import kombu.pools
import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.utils import timezone

from archive.errors import ArchiveError
from archive.models import Article
from config.celery import app as celery_app
from predictions import tasks
from predictions.models import Claim, LeaderboardChange, LeaderboardEntry, Prediction
from predictions.services.resolution import claim_resolve
from tests.factories import ArticleFactory, ClaimFactory, PersonFactory, PredictionFactory

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "documents"
DEFAULTS = ("--outlet", "Post", "--published", "2024-03-10")
BODY = (
    "The ferry board met on Tuesday. "
    "The new quay will open before the end of next year. "
    "It is very unlikely that the mayor will sign the lease by June."
)


def _article(author="Rhea Dunmore"):
    return ArticleFactory(
        body=BODY,
        published_at=timezone.make_aware(datetime.datetime(2023, 5, 9)),
        authors=[PersonFactory(name=author)],
    )


def _found(article):
    rows = Prediction.objects.filter(article=article).values_list(
        "start", "end", "claim_text", "probability", "deadline"
    )
    return sorted(rows, key=repr)


def test_the_settings_run_tasks_in_process_and_acknowledge_late():
    assert celery_app.conf.task_always_eager
    assert tasks.extract_article.acks_late and tasks.recompute_leaderboards.acks_late


def test_extracting_twice_gives_the_same_candidates():
    article = _article()
    first = tasks.extract_article.delay(article.pk).get()
    found = _found(article)
    assert first["created"] == len(found) >= 2
    second = tasks.extract_article.delay(article.pk).get()
    assert second == {"created": len(found), "replaced": len(found), "kept": 0}
    assert _found(article) == found
    article.refresh_from_db()
    assert article.extracted_at is not None


def test_a_task_killed_while_saving_leaves_nothing_and_runs_again_cleanly(monkeypatch):
    article = _article()
    tasks.extract_article.delay(article.pk)
    expected = _found(article)
    Prediction.objects.all().delete()
    Article.objects.filter(pk=article.pk).update(extracted_at=None)

    def die(*args, **kwargs):
        raise KeyboardInterrupt  # what a killed worker process would leave behind: no commit

    monkeypatch.setattr(Prediction.objects, "bulk_create", die)
    with pytest.raises(KeyboardInterrupt):
        tasks.extract_article.delay(article.pk)
    assert not Prediction.objects.exists()
    assert Article.objects.get(pk=article.pk).extracted_at is None
    monkeypatch.undo()
    tasks.extract_article.delay(article.pk)
    assert _found(article) == expected


def test_an_article_gone_or_refused_is_logged_and_not_retried(monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="predictions.tasks")
    assert tasks.extract_article.delay(987654).get() is None
    assert "article 987654: not in the archive" in caplog.text

    calls = []

    def refuse(*, article):
        calls.append(article.pk)
        raise ArchiveError("body: cannot be read")

    monkeypatch.setattr(tasks, "article_extract", refuse)
    article = _article()
    assert tasks.extract_article.delay(article.pk).get() is None
    assert calls == [article.pk]
    assert f"article {article.pk}: body: cannot be read" in caplog.text


def test_a_lost_database_connection_is_retried_a_few_times_then_given_up(monkeypatch):
    calls = []

    def drop(*, article):
        calls.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(tasks, "article_extract", drop)
    result = tasks.extract_article.delay(_article().pk)
    assert result.failed()
    with pytest.raises(OperationalError):
        result.get()
    assert len(calls) == 1 + tasks.extract_article.max_retries


def test_a_batch_extracts_each_article_and_skips_the_gone_and_the_refused(monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="predictions.tasks")
    first, refused, last = (_article(f"Writer {n}") for n in range(3))
    extract = tasks.article_extract

    def refuse_one(*, article):
        if article.pk == refused.pk:
            raise ArchiveError("body: cannot be read")
        return extract(article=article)

    monkeypatch.setattr(tasks, "article_extract", refuse_one)
    result = tasks.extract_articles.delay([first.pk, 987654, refused.pk, last.pk]).get()
    assert result["extracted"] == 2 and result["skipped"] == 2
    assert result["created"] == len(_found(first)) + len(_found(last)) > 0
    assert not _found(refused)
    assert "article 987654: not in the archive" in caplog.text
    assert f"article {refused.pk}: body: cannot be read" in caplog.text

    found = _found(first), _found(last)
    monkeypatch.undo()
    again = tasks.extract_articles.delay([first.pk, last.pk]).get()  # a redelivered batch
    assert again["created"] == again["replaced"] == result["created"]
    assert (_found(first), _found(last)) == found


def test_extract_predictions_queue_sends_batches_and_counts_the_failures(monkeypatch):
    articles = [_article(f"Writer {n}") for n in range(5)]
    sent = []
    batch = tasks.extract_articles.delay
    monkeypatch.setattr(tasks.extract_articles, "delay", lambda ids: sent.append(ids) or batch(ids))
    out, err, error = run("extract_predictions", "--all", "--queue", "--batch-size", "2")
    assert error is None, err
    assert sent == [[a.pk for a in articles[:2]], [a.pk for a in articles[2:4]], [articles[4].pk]]

    def refuse(*, article):
        raise ArchiveError("body: cannot be read")

    monkeypatch.setattr(tasks, "article_extract", refuse)
    out, err, error = run("extract_predictions", "--all", "--queue", "--batch-size", "2")
    assert str(error) == "5 articles failed (the log above says why)"
    out, err, error = run("extract_predictions", "--queue", "--batch-size", "0")
    assert "--batch-size" in str(error)


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_extract_predictions_queue_runs_every_article_in_process_without_a_broker():
    articles = [_article(f"Writer {n}") for n in range(3)]
    out, err, error = run("extract_predictions", "--all", "--queue")
    assert error is None, err
    assert out.strip() == "Extracted 3 articles in this process (no CELERY_BROKER_URL set)."
    assert not Article.objects.not_extracted().exists()
    assert all(_found(a) for a in articles)
    out, err, error = run("extract_predictions", "--queue", "--workers", "2")
    assert "--workers" in str(error)


def test_import_documents_queue_extract_imports_and_extracts_like_the_direct_run():
    out, err, error = run("import_documents", EXAMPLES, "--queue", "--extract", *DEFAULTS)
    assert error is None, err
    direct = sorted(Prediction.objects.values_list("article__title", "start", "end", "claim_text"))
    count = Article.objects.count()
    assert out.strip() == f"Imported {count}, duplicates 0, failed 0."
    assert direct and not Article.objects.not_extracted().exists()

    Article.objects.all().delete()
    out, err, error = run("import_documents", EXAMPLES, "--extract", *DEFAULTS)
    assert error is None, err
    assert (
        sorted(Prediction.objects.values_list("article__title", "start", "end", "claim_text"))
        == direct
    )


def _forget_connections():
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_a_broker_that_cannot_be_reached_is_one_clear_error(monkeypatch):
    _article()
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", "amqp://guest:guest@127.0.0.1:9//")
    monkeypatch.setitem(celery_app.conf, "broker_connection_timeout", 1)
    monkeypatch.setitem(celery_app.conf, "task_publish_retry", False)
    _forget_connections()
    try:
        out, err, error = run("extract_predictions", "--all", "--queue")
    finally:
        _forget_connections()
    assert str(error).startswith("cannot queue the articles: the broker refused:")


def _resolvable_claim():
    claim = ClaimFactory()
    PredictionFactory(claim=claim, claim_text=claim.text, deadline=datetime.date(2024, 1, 1))
    return claim


def test_a_resolution_queues_the_boards_after_it_commits(
    django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        tasks.recompute_leaderboards, "delay", lambda rebuild: queued.append(rebuild)
    )
    claim = _resolvable_claim()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        claim_resolve(claim=claim, state="occurred", on=datetime.date(2023, 6, 1), by=None)
    assert queued == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert queued == [False]  # an update, not a rebuild
    assert LeaderboardChange.objects.count() == 1


def test_a_failing_recompute_is_retried_and_the_resolution_stays(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    real = tasks.leaderboards_update
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) < 3:
            raise OperationalError("deadlock detected")
        return real()

    monkeypatch.setattr(tasks, "leaderboards_update", flaky)
    claim = _resolvable_claim()
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(claim=claim, state="occurred", on=datetime.date(2023, 6, 1), by=None)
    assert len(attempts) == 3
    assert LeaderboardEntry.objects.exists()

    def broken():
        attempts.append(1)
        raise OperationalError("disk full")

    monkeypatch.setattr(tasks, "leaderboards_update", broken)
    other = _resolvable_claim()
    attempts.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim_resolve(claim=other, state="not_occurred", on=datetime.date(2024, 1, 2), by=None)
    assert len(attempts) == 1 + tasks.recompute_leaderboards.max_retries
    assert Claim.objects.get(pk=other.pk).state == Claim.State.NOT_OCCURRED
    assert "disk full" in caplog.text
    # Its difference waits for the next update, which adds it.
    assert LeaderboardChange.objects.count() == 1
    monkeypatch.setattr(tasks, "leaderboards_update", real)
    tasks.recompute_leaderboards.delay(False)
    assert not LeaderboardChange.objects.exists()
    assert LeaderboardEntry.objects.filter(person__predictions__claim=other).exists()
