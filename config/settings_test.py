"""Settings for the test suite: the environment-driven settings, allowed the development secret."""

import os

os.environ.setdefault("ARCHIVE_ALLOW_DEV_SECRET", "1")
# The test client and the browser tests speak plain HTTP to a local server, as behind a proxy
# that terminates TLS; the production defaults themselves are tested in tests/config.
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "0")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anon": "100000/minute", "user": "100000/minute"}  # noqa: F405
# Queued tasks run in the test's own process whatever the environment says.
CELERY_TASK_ALWAYS_EAGER = True
# The manifest of hashed names exists only after collectstatic; tests read the files as found,
# as debug does.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
