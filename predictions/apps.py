from django.apps import AppConfig
from django.db.backends.signals import connection_created


class PredictionsConfig(AppConfig):
    name = "predictions"
    verbose_name = "Predictions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from predictions.db_invariants import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="predictions_sqlite")
