"""Text search indexes, on PostgreSQL only (SQLite searches with simpler means).

- pg_trgm and a GIN trigram index on ``Claim.text``, for claim suggestions by similarity.
- A GIN full-text index on events' title and description; its expression is exactly the one
  ``SearchVector("title", "description", config="english")`` generates, so searches use it.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
    "CREATE INDEX IF NOT EXISTS predictions_claim_text_trgm"
    " ON predictions_claim USING gin (text gin_trgm_ops);",
    "CREATE INDEX IF NOT EXISTS predictions_event_fulltext ON predictions_event USING gin"
    " (to_tsvector('english'::regconfig,"
    " COALESCE(title, '') || ' ' || COALESCE(description, '')));",
]
BACKWARD = [
    "DROP INDEX IF EXISTS predictions_event_fulltext;",
    "DROP INDEX IF EXISTS predictions_claim_text_trgm;",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("predictions", "0003_database_invariants"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
