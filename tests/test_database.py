"""The database: migrations and the admin work on SQLite by default and on PostgreSQL in CI."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_database_is_the_configured_one():
    vendor = "postgresql" if "postgres" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
    assert connection.vendor == vendor


def test_sqlite_runs_in_wal_mode_for_concurrent_readers():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has no journal mode to set")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    assert mode in {"wal", "memory"}  # the in-memory test database reports "memory"


def test_an_editor_can_sign_in_to_the_admin(client):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password-123")
    assert client.login(username="editor", password="a-long-test-password-123")
    response = client.get("/admin/")
    assert response.status_code == 200 and "Site administration" in response.content.decode()
