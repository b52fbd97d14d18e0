"""Invariants that span tables, enforced by triggers on both supported databases.

A later migration that rebuilds one of these tables on SQLite (most ALTERs do) must drop the
triggers first and create them again after: ``migrations.RunPython(drop_triggers, create_triggers)``
before the change and ``migrations.RunPython(create_triggers, drop_triggers)`` after it.

- A judgement may only be recorded for an accepted prediction. History is history: a judgement
  dated before the prediction's latest review (made while it was still accepted, before it was
  rejected) may be written back, so that a dump of the archive loads into an empty database.
- Judgements are append-only: an UPDATE or a DELETE is refused (a new judgement supersedes the
  old). On SQLite the refusal of DELETE can be lifted for ``flush`` only
  (``history_guard_lifted``); PostgreSQL's flush truncates, which row triggers do not see.
- A prediction's quote is exactly ``body[start:end]`` of its comment, or else its article.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lifted = threading.local()

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION predictions_judgement_requires_accepted() RETURNS trigger AS $$
    BEGIN
        IF NOT EXISTS (
            SELECT 1 FROM predictions_prediction p
            WHERE p.id = NEW.prediction_id
              AND (p.status = 'accepted' OR NEW.judged_at <= p.reviewed_at)
        ) THEN
            RAISE EXCEPTION 'a judgement needs an accepted prediction (prediction %)', NEW.prediction_id
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER predictions_judgement_requires_accepted
    BEFORE INSERT ON predictions_judgement
    FOR EACH ROW EXECUTE FUNCTION predictions_judgement_requires_accepted();
    """,
    """
    CREATE OR REPLACE FUNCTION predictions_judgement_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'judgements are append-only (never changed or deleted); record a new judgement instead'
            USING ERRCODE = 'check_violation';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER predictions_judgement_append_only
    BEFORE UPDATE OR DELETE ON predictions_judgement
    FOR EACH ROW EXECUTE FUNCTION predictions_judgement_append_only();
    """,
    """
    CREATE OR REPLACE FUNCTION predictions_quote_inside_body() RETURNS trigger AS $$
    DECLARE
        body text;
    BEGIN
        IF NEW.comment_id IS NOT NULL THEN
            SELECT c.body INTO body FROM archive_comment c WHERE c.id = NEW.comment_id;
        ELSIF NEW.article_id IS NOT NULL THEN
            SELECT a.body INTO body FROM archive_article a WHERE a.id = NEW.article_id;
        ELSE
            RETURN NEW;
        END IF;
        IF NEW."end" > char_length(body)
           OR substring(body FROM NEW.start + 1 FOR NEW."end" - NEW.start) <> NEW.quote THEN
            RAISE EXCEPTION 'the quote of prediction % is not body[%:%]', NEW.id, NEW.start, NEW."end"
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER predictions_quote_inside_body
    BEFORE INSERT OR UPDATE OF quote, start, "end", article_id, comment_id ON predictions_prediction
    FOR EACH ROW EXECUTE FUNCTION predictions_quote_inside_body();
    """,
]

POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS predictions_quote_inside_body ON predictions_prediction;",
    "DROP FUNCTION IF EXISTS predictions_quote_inside_body();",
    "DROP TRIGGER IF EXISTS predictions_judgement_append_only ON predictions_judgement;",
    "DROP FUNCTION IF EXISTS predictions_judgement_append_only();",
    "DROP TRIGGER IF EXISTS predictions_judgement_requires_accepted ON predictions_judgement;",
    "DROP FUNCTION IF EXISTS predictions_judgement_requires_accepted();",
]

_SQLITE_QUOTE_CHECK = """
    WHEN NEW.article_id IS NOT NULL AND (
        NEW."end" > length(COALESCE(
            (SELECT body FROM archive_comment WHERE id = NEW.comment_id),
            (SELECT body FROM archive_article WHERE id = NEW.article_id)))
        OR substr(COALESCE(
            (SELECT body FROM archive_comment WHERE id = NEW.comment_id),
            (SELECT body FROM archive_article WHERE id = NEW.article_id)),
            NEW.start + 1, NEW."end" - NEW.start) <> NEW.quote)
    BEGIN
        SELECT RAISE(ABORT, 'CHECK constraint failed: the quote is not body[start:end]');
    END;
"""

SQLITE_FORWARD = [
    """
    CREATE TRIGGER predictions_judgement_requires_accepted
    BEFORE INSERT ON predictions_judgement
    WHEN NOT EXISTS (
        SELECT 1 FROM predictions_prediction p
        WHERE p.id = NEW.prediction_id
          AND (p.status = 'accepted' OR NEW.judged_at <= p.reviewed_at)
    )
    BEGIN
        SELECT RAISE(ABORT, 'CHECK constraint failed: a judgement needs an accepted prediction');
    END;
    """,
    """
    CREATE TRIGGER predictions_judgement_append_only
    BEFORE UPDATE ON predictions_judgement
    BEGIN
        SELECT RAISE(ABORT, 'CHECK constraint failed: judgements are append-only');
    END;
    """,
    """
    CREATE TRIGGER predictions_judgement_never_deleted
    BEFORE DELETE ON predictions_judgement
    WHEN predictions_history_guard()
    BEGIN
        SELECT RAISE(ABORT, 'CHECK constraint failed: judgements are append-only, never deleted');
    END;
    """,
    "CREATE TRIGGER predictions_quote_inside_body_insert BEFORE INSERT ON predictions_prediction"
    + _SQLITE_QUOTE_CHECK,
    'CREATE TRIGGER predictions_quote_inside_body_update BEFORE UPDATE OF quote, start, "end", '
    "article_id, comment_id ON predictions_prediction" + _SQLITE_QUOTE_CHECK,
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS predictions_quote_inside_body_update;",
    "DROP TRIGGER IF EXISTS predictions_quote_inside_body_insert;",
    "DROP TRIGGER IF EXISTS predictions_judgement_never_deleted;",
    "DROP TRIGGER IF EXISTS predictions_judgement_append_only;",
    "DROP TRIGGER IF EXISTS predictions_judgement_requires_accepted;",
]


_FORWARD = {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}
_BACKWARD = {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}


def _execute(schema_editor, statements_by_vendor) -> None:
    statements = statements_by_vendor.get(schema_editor.connection.vendor)
    if statements is None:
        raise RuntimeError(f"no invariant triggers for {schema_editor.connection.vendor}")
    # A plain cursor: PL/pgSQL's % must not be read as a query placeholder.
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def create_triggers(_apps, schema_editor) -> None:
    _execute(schema_editor, _FORWARD)


def drop_triggers(_apps, schema_editor) -> None:
    _execute(schema_editor, _BACKWARD)


def replace_triggers(apps, schema_editor) -> None:
    """Drop whichever version of the triggers exists and create the current one."""
    drop_triggers(apps, schema_editor)
    create_triggers(apps, schema_editor)


def _history_guard() -> int:
    return 0 if getattr(_lifted, "depth", 0) else 1


@contextmanager
def history_guard_lifted() -> Iterator[None]:
    """Let this thread's SQLite connections delete judgements: for emptying the whole database."""
    _lifted.depth = getattr(_lifted, "depth", 0) + 1
    try:
        yield
    finally:
        _lifted.depth -= 1


def register_sqlite_functions(sender, connection, **kwargs) -> None:  # noqa: ARG001 - a receiver
    """Give each new SQLite connection the function the DELETE trigger asks."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("predictions_history_guard", 0, _history_guard)
