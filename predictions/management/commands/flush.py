"""Django's ``flush``, allowed to empty the append-only judgement log on SQLite.

The log refuses row deletions (``predictions.db_invariants``); emptying the whole database is
the one deletion that must still work, for a fresh start and between transactional tests.
PostgreSQL flushes with TRUNCATE, which the row triggers do not see.
"""

from django.core.management.commands import flush

from predictions.db_invariants import history_guard_lifted


class Command(flush.Command):
    def handle(self, **options):
        with history_guard_lifted():
            return super().handle(**options)
