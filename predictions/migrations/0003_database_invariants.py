"""Triggers for the invariants that span tables (see ``predictions.db_invariants``)."""

from django.db import migrations

from predictions.db_invariants import create_triggers, drop_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("predictions", "0002_prediction_review_note"),
        ("archive", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
