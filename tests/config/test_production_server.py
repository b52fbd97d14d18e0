"""gunicorn with production settings (debug off) serves pages, the API schema and, through
WhiteNoise, the static files ``collectstatic`` gathered."""

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.processes import PROJECT, SharedDatabase, manage, production_env

STARTUP_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, dict, bytes]:
    # As the TLS proxy in front of gunicorn would send it.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def server(request, tmp_path):
    database = SharedDatabase(request, tmp_path)
    env = production_env(
        database, DJANGO_STATIC_ROOT=str(tmp_path / "static"), DJANGO_SECURE_PROXY_SSL_HEADER="1"
    )
    database.prepare(env)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py",
             "--bind", f"127.0.0.1:{port}", "--workers", "1", "config.wsgi"],
            cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, f"gunicorn exited:\n{log.read_text()[-3000:]}"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, f"gunicorn never listened:\n{log.read_text()}"
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _linked(html: bytes, pattern: str) -> str:
    match = re.search(pattern.encode(), html)
    assert match, f"no {pattern} in the page"
    return match.group(1).decode()


def test_gunicorn_serves_pages_the_schema_and_collected_static_files(server):
    status, headers, home = _get(server + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")

    # The stylesheet under its hashed name, compressed and cacheable for ever.
    stylesheet = _linked(home, r'href="(/static/site/site\.[0-9a-f]{12}\.css)"')
    status, headers, css = _get(server + stylesheet)
    assert status == 200 and headers["Content-Type"].startswith("text/css") and css
    assert "max-age=315360000" in headers["Cache-Control"]

    status, _, login = _get(server + "/admin/login/")
    assert status == 200
    admin_css = _linked(login, r'href="(/static/admin/css/base\.[0-9a-f]{12}\.css)"')
    status, headers, _ = _get(server + admin_css)
    assert status == 200 and headers["Content-Type"].startswith("text/css")

    status, _, docs = _get(server + "/api/docs/")
    assert status == 200
    sidecar = _linked(docs, r'src="(/static/drf_spectacular_sidecar/[^"]+\.js)"')
    status, headers, _ = _get(server + sidecar)
    assert status == 200 and "javascript" in headers["Content-Type"]

    status, headers, schema = _get(server + "/api/schema/")
    assert status == 200 and schema.startswith(b"openapi: 3")

    # Debug is off: a missing page is the plain 404, with no URL patterns or settings shown.
    status, _, missing = _get(server + "/no-such-page/")
    assert status == 404 and b"URLconf" not in missing and b"SECRET" not in missing
