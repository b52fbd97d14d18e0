"""A GIN full-text index on articles' title and body, on PostgreSQL only.

Its expression is exactly the one ``SearchVector("title", "body", config="english")``
generates, so the site's search filters through it instead of building every article's
vector at query time. SQLite searches with simpler means and gets nothing here.
"""

from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS archive_article_fulltext ON archive_article USING gin"
    " (to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(body, '')));"
)
BACKWARD = "DROP INDEX IF EXISTS archive_article_fulltext;"


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
