"""Form fields shared by the editors' pages: an event's sources, typed one per line.

The field only splits and joins lines; whether a line may be stored is the events service's
rule (``event_source_clean``), so the admin refuses exactly what the API and commands refuse.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from archive.errors import ArchiveError
from predictions.models import Event
from predictions.services.events import event_source_clean

SOURCES_HELP = "One per line: a link (https://\u2026) or the name of the outlet that reported it."


class SourcesField(forms.CharField):
    """A list of sources edited as text, one per line; blank lines and repeats are dropped."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 80})

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", SOURCES_HELP)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value) -> list[str]:  # type: ignore[override]
        if isinstance(value, list | tuple):
            lines = [str(v) for v in value]
        else:
            lines = str(value or "").splitlines()
        sources: dict[str, None] = {}
        errors = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                sources[event_source_clean(line)] = None
            except ArchiveError as exc:
                errors.append(ValidationError(f"Line {number}: {exc.message}", code="source"))
        if errors:
            raise ValidationError(errors)
        return list(sources)

    def validate(self, value) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data) -> bool:
        try:
            return self.to_python(initial or []) != self.to_python(data)
        except ValidationError:
            return True


class EventForm(forms.ModelForm):
    sources = SourcesField()

    class Meta:
        model = Event
        fields = ["title", "occurred_on", "description", "sources", "tags"]
