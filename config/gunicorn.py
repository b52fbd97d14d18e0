"""gunicorn's settings: ``gunicorn --config config/gunicorn.py config.wsgi`` (``make serve-prod``).

Environment: ``GUNICORN_BIND`` (default ``127.0.0.1:8000``; a TLS proxy in front forwards to it),
``WEB_CONCURRENCY`` (worker processes, default two per core plus one), ``GUNICORN_TIMEOUT``.
Anything else gunicorn knows can be given in ``GUNICORN_CMD_ARGS``.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# An export or an API import can take a while; anything longer belongs in a queued task.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then so that a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
