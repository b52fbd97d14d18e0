import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory


@pytest.mark.django_db
def test_absurdly_nested_json_is_a_400_not_a_crash(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="import_document"))
    client.force_login(user)
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/documents/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["error"]["message"]
