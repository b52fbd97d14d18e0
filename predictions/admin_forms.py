"""The forms of the editors' admin: recording a forecast, correcting one, resolving a claim.

They parse what an editor types (a percentage, a deadline in words, a name or a choice from an
autocomplete) and leave every rule to the services; a service's refusal comes back as an error
on the field it names, in words.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AdminSplitDateTime, AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import format_html

from archive.errors import ArchiveError
from archive.models import Article, Comment, Person
from predictions.models import Claim, Event, Prediction
from predictions.services.claims import prediction_assign_claim
from predictions.services.recording import probability_parse
from predictions.services.review import prediction_correct, probability_check


class PercentField(forms.CharField):
    """A probability typed and shown as a percentage ("70" or "70%")."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 6, "inputmode": "decimal"}))
        kwargs.setdefault("help_text", "As a percentage: 70 or 70%.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, float):
            return f"{value * 100:.10g}%"
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return probability_check(probability_parse(text))
        except ArchiveError as exc:
            raise ValidationError(exc.message) from None


class DayAndTimeField(forms.SplitDateTimeField):
    """A date with an optional time: a statement known only by its day is dated at noon."""

    def __init__(self, **kwargs) -> None:
        super().__init__(require_all_fields=False, **kwargs)
        self.fields[0].required = False  # the field as a whole says whether a day is needed
        self.fields[1].required = False

    def compress(self, data_list):
        if data_list and data_list[0] and data_list[1] in self.empty_values:
            data_list = [data_list[0], datetime.time(12)]
        return super().compress(data_list)


def _autocomplete(field_name: str) -> AutocompleteSelect:
    return AutocompleteSelect(Prediction._meta.get_field(field_name), admin.site)


class PredictionRecordForm(forms.Form):
    """A forecast an editor found: where, the words, who, what, how sure, by when."""

    article = forms.ModelChoiceField(
        Article.objects.all(),
        required=False,
        widget=_autocomplete("article"),
        help_text="The article that has the quote (leave empty for a statement made elsewhere).",
    )
    comment = forms.ModelChoiceField(
        Comment.objects.select_related("article", "author"),
        required=False,
        widget=_autocomplete("comment"),
        help_text="One of the article's comments, if a reader said it.",
    )
    source_url = forms.URLField(
        required=False,
        max_length=1000,
        assume_scheme="https",
        label="Source URL",
        help_text="For a statement with no article: a broadcast, a speech, a post.",
    )
    made_at = DayAndTimeField(
        required=False,
        widget=AdminSplitDateTime,
        label="Made at",
        help_text="For a statement with no article (an article's forecast has its date);"
        " the time may be left out.",
    )
    quote = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 90}),
        help_text="Paste the words as the text has them; the archive finds where they are.",
    )
    # Choices appear only when the quote occurs more than once (``offer_occurrences``).
    occurrence = forms.IntegerField(
        required=False, min_value=1, widget=forms.RadioSelect, label="Which occurrence"
    )
    speaker = forms.ModelChoiceField(
        Person.objects.all(), required=False, widget=_autocomplete("speaker")
    )
    new_speaker = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"size": 40}),
        label="Or a new speaker",
        help_text="A name not in the archive yet (a commenter is kept as a reader of the outlet).",
    )
    speaker_role = forms.ChoiceField(choices=Prediction.Role.choices, initial="author")
    claim = forms.ModelChoiceField(
        Claim.objects.all(),
        required=False,
        widget=_autocomplete("claim"),
        help_text="An existing claim of the same outcome.",
    )
    new_claim = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"size": 80}),
        label="Or a new claim",
        help_text="The outcome stated positively, without the hedge: “the ferry stops running”.",
    )
    # "new" or a claim's id, offered when a typed claim resembles existing ones (``offer_claims``).
    claim_choice = forms.CharField(required=False, widget=forms.RadioSelect, label="Similar claims")
    polarity = forms.ChoiceField(choices=Prediction.Polarity.choices, initial="positive")
    probability = PercentField(label="Probability")
    hedge = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"size": 40}),
        help_text="The words the probability comes from.",
    )
    condition = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 90}),
        help_text="If it holds only on a condition (“if the talks fail”).",
    )
    deadline = forms.DateField(
        required=False, widget=AdminDateWidget, help_text="Or give it in words below."
    )
    deadline_text = forms.CharField(
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"size": 40}),
        label="Deadline in words",
        help_text="“by June 2027”, “within two years”: read against the day it was said.",
    )

    def __init__(self, *args, article: Article | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if article is not None:
            # The article is known: its comments fit in a plain list.
            comments = article.comments.select_related("author").order_by("position")
            self.fields["comment"].queryset = comments
            self.fields["comment"].widget = forms.Select()
            self.fields["comment"].widget.choices = self.fields["comment"].choices

    def offer_occurrences(self, contexts: list[str]) -> None:
        """Let the editor choose among the quote's occurrences (shown in their context)."""
        self.fields["occurrence"].widget.choices = [
            (n, format_html("{} — …{}…", n, context)) for n, context in enumerate(contexts, 1)
        ]

    def offer_claims(self, text: str, claims: list[Claim]) -> None:
        """Offer existing claims like ``text``, or a new one."""
        self.fields["claim_choice"].widget.choices = [
            *(
                (str(c.pk), format_html("{} <small>(claim {})</small>", c.text, c.pk))
                for c in claims
            ),
            ("new", format_html("A new claim: “{}”", text)),
        ]

    def clean(self):
        data = super().clean()
        if data.get("speaker") and data.get("new_speaker"):
            self.add_error("new_speaker", "choose a speaker or type a new name, not both")
        if not data.get("claim") and not data.get("new_claim") and not self.has_error("claim"):
            self.add_error("new_claim", "choose a claim or type a new one")
        if data.get("claim") and data.get("new_claim"):
            self.add_error("new_claim", "choose a claim or type a new one, not both")
        return data


def _words(exc: ArchiveError) -> str:
    """The service's message without the field name it starts with (the form shows the field)."""
    if exc.field and exc.message.startswith(f"{exc.field}: "):
        return exc.message[len(exc.field) + 2 :]
    return exc.message


# Fields a service names, and the form field that shows its error.
RECORD_FIELDS = {
    "speaker": "new_speaker",
    "claim": "new_claim",
    "condition": "condition",
}


class PredictionChangeForm(forms.ModelForm):
    """The prediction's own fields, with the probability as a percentage.

    Validating the form applies the corrections through the review services, so that their
    refusal is an error on its field and the page never also says the save succeeded.
    """

    probability = PercentField(label="Probability")
    editor = None  # the user correcting it, set by PredictionAdmin.get_form

    def clean(self):
        data = super().clean()
        if self.errors or self.instance.pk is None:
            return data
        changes = {name: data[name] for name in self.changed_data if name in data}
        changes.pop("review_note", None)
        claim = changes.pop("claim", None)
        try:
            with transaction.atomic():
                prediction = self.instance
                if changes:
                    prediction = prediction_correct(
                        prediction=prediction, by=self.editor, **changes
                    )
                if claim is not None and prediction.status == Prediction.Status.ACCEPTED:
                    prediction_assign_claim(prediction=prediction, claim=claim, by=self.editor)
        except ArchiveError as exc:
            field = exc.field if exc.field in self.fields else None
            self.add_error(field, _words(exc))
        return data

    class Meta:
        model = Prediction
        fields = [
            "quote",
            "speaker",
            "speaker_name",
            "speaker_role",
            "claim",
            "claim_text",
            "polarity",
            "probability",
            "hedge",
            "condition_text",
            "condition_claim",
            "deadline",
            "deadline_text",
            "deadline_kind",
            "review_note",
        ]


class ResolveForm(forms.Form):
    state = forms.ChoiceField(
        choices=[c for c in Claim.State.choices if c[0] != Claim.State.OPEN],
        initial=Claim.State.OCCURRED,
    )
    event = forms.ModelChoiceField(
        queryset=Event.objects.all(),
        required=False,
        widget=AutocompleteSelect(Claim._meta.get_field("resolution_event"), admin.site),
        help_text="The event that settles it, from the event log (or pick a suggestion below).",
    )
    on = forms.DateField(
        required=False,
        widget=AdminDateWidget,
        label="Day",
        help_text="The day it occurred, or as of which it had not; an event gives its own day.",
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 80}))


class UnresolveForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Why it is opened again; kept with the withdrawn verdicts.",
    )
    confirm = forms.BooleanField(
        label="Yes, withdraw every verdict of this claim and open it again"
    )
