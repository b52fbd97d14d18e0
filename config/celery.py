"""The Celery app: ``celery -A config worker`` runs the archive's queued tasks.

The broker is ``CELERY_BROKER_URL`` (RabbitMQ: ``amqp://user:password@host:5672//``). With no
broker configured every task runs in the calling process as it is queued, so a first run needs
nothing but Django. The tasks live in each app's ``tasks`` module and share the database with the
web processes; nothing is kept in a result backend.
"""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
def _refuse_without_broker(**kwargs) -> None:
    if app.conf.task_always_eager:
        raise SystemExit(
            "CELERY_BROKER_URL is unset: a worker needs the broker the web processes queue to "
            "(e.g. amqp://guest:guest@127.0.0.1:5672//)"
        )
