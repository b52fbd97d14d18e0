"""GIN full-text indexes on claims and accepted predictions, on PostgreSQL only.

Each expression is exactly the one ``SearchVector(*fields, config="english")`` generates for
the fields the site's search matches (``predictions.selectors.search``), so the search filters
through the index; ranking then weighs the fields only on the rows found.
"""

from django.db import migrations


def _vector(*columns):
    joined = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
    return f"to_tsvector('english'::regconfig, {joined})"


FORWARD = [
    "CREATE INDEX IF NOT EXISTS predictions_claim_fulltext ON predictions_claim"
    f" USING gin ({_vector('text', 'description')});",
    "CREATE INDEX IF NOT EXISTS predictions_prediction_fulltext ON predictions_prediction"
    f" USING gin ({_vector('claim_text', 'quote', 'speaker_name')});",
]
BACKWARD = [
    "DROP INDEX IF EXISTS predictions_prediction_fulltext;",
    "DROP INDEX IF EXISTS predictions_claim_fulltext;",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("predictions", "0008_leaderboard_sums"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
