"""The human-readable docs: served from the sidecar package, nothing from a CDN, no inline script."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

ASSET = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)=["']([^"']+)["']""", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_load_only_local_assets(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assets = ASSET.findall(html)
    assert assets, html
    for asset in assets:
        assert asset.startswith("/"), f"{path} loads {asset} from elsewhere"
        assert not asset.startswith("//")
    assert not INLINE_SCRIPT.search(html), f"{path} has an inline script the CSP would block"
    for asset in assets:
        if asset.startswith(settings.STATIC_URL):
            found = finders.find(asset.removeprefix(settings.STATIC_URL).split("?")[0])
            assert found, f"{asset} is not in any installed static directory"
        else:
            assert client.get(asset).status_code == 200, asset


def test_swagger_start_up_script_is_served(client):
    response = client.get("/api/docs/?script=")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()
