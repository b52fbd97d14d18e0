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
