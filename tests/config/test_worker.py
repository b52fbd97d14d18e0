"""A real Celery worker on the local RabbitMQ runs queued extraction end to end.

The commands and the worker run as separate processes with production settings, on a database
all of them see: this test's PostgreSQL database (committed rows, emptied afterwards), or a
SQLite file of its own. Each run uses a queue and a worker name of its own, so parallel runs on
one broker never take each other's messages.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from urllib.parse import urlsplit

import pytest
from kombu import Connection

from tests.processes import PROJECT, SharedDatabase, manage, production_env

pytestmark = pytest.mark.broker

BROKER = os.environ.get("ARCHIVE_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
EXAMPLES = PROJECT / "examples" / "documents"
DEADLINE_SECONDS = 240


def _require_broker() -> None:
    where = urlsplit(BROKER)
    try:
        socket.create_connection((where.hostname, where.port or 5672), timeout=3).close()
    except OSError as error:
        pytest.fail(
            f"RabbitMQ is not answering at {where.hostname}:{where.port or 5672} ({error}): "
            "this test needs the local broker running (ARCHIVE_TEST_BROKER_URL to use another)"
        )


@pytest.fixture
def queue_env(request, tmp_path):
    _require_broker()
    database = SharedDatabase(request, tmp_path)
    queue = f"archive-test-{uuid.uuid4().hex[:12]}"
    env = production_env(database, CELERY_BROKER_URL=BROKER, CELERY_TASK_DEFAULT_QUEUE=queue)
    yield env, database, queue
    with Connection(BROKER, connect_timeout=5) as broker:
        broker.default_channel.queue_delete(queue)


def test_a_worker_extracts_every_queued_article(queue_env, tmp_path):
    env, database, queue = queue_env
    database.prepare(env)
    direct = dict(env, CELERY_BROKER_URL="")  # the import itself runs here, without the broker
    manage(
        direct, "import_documents", EXAMPLES, "--outlet", "Quay Post", "--published", "2024-03-10"
    )
    articles = database.count("SELECT COUNT(*) FROM archive_article")
    assert articles > 10

    tasks = -(-articles // 5)
    assert manage(env, "extract_predictions", "--all", "--queue", "--batch-size", "5") == (
        f"Queued {articles} articles for extraction in {tasks} tasks."
    )
    # Only queued: nothing is extracted until a worker takes the messages.
    unextracted = "SELECT COUNT(*) FROM archive_article WHERE extracted_at IS NULL"
    assert database.count(unextracted) == articles

    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--queues", queue,
             "--hostname", f"{queue}@%h", "--concurrency", "1", "--without-gossip",
             "--without-mingle", "--loglevel", "INFO"],
            cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while database.count(unextracted) and time.monotonic() < deadline:
            assert worker.poll() is None, f"the worker died:\n{log.read_text()[-3000:]}"
            time.sleep(0.5)
        assert database.count(unextracted) == 0, f"not done in time:\n{log.read_text()[-3000:]}"
    finally:
        worker.send_signal(signal.SIGTERM)  # a warm shutdown: finish the task in hand, then stop
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    assert log.read_text().count("succeeded in") == tasks

    # What the worker stored is what extracting in this process gives: every candidate replaced
    # by an identical one.
    found = database.count("SELECT COUNT(*) FROM predictions_prediction")
    assert found > 0
    assert manage(direct, "extract_predictions", "--all") == (
        f"Extracted {articles} articles: {found} candidates created, "
        f"{found} unreviewed candidates replaced, 0 reviewed predictions kept."
    )
