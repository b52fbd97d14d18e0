import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.site.builders import build_demo_archive


@pytest.fixture
def demo(db):
    return build_demo_archive()


@pytest.fixture
def staff_client(db):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client
