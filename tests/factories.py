"""factory_boy factories for every model, for tests across the project."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from archive.models import Article, Comment, Outlet, Person
from predictions.models import Claim, Event, Judgement, Prediction, Tag
from predictions.services.resolution import prediction_judge


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Outlet.Kind.NEWSPAPER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Person.Kind.PUNDIT


class CommenterFactory(PersonFactory):
    kind = Person.Kind.COMMENTER
    outlet = factory.SubFactory(OutletFactory)
    slug = factory.LazyAttribute(lambda o: slugify(f"{o.name}-{o.outlet.slug}"))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    outlet = factory.SubFactory(OutletFactory)
    url = factory.Sequence(lambda n: f"https://news.example.org/{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=400))
    body = "The council will approve the budget by March. Nobody expects a surprise."
    content_hash = factory.Sequence(lambda n: f"{n:064x}")

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create and extracted:
            self.authors.set(extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(CommenterFactory, outlet=factory.SelfAttribute("..article.outlet"))
    position = factory.Sequence(lambda n: n)
    body = "I think the mayor will resign before summer."


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    occurred_on = datetime.date(2015, 1, 10)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Outcome number {n} happens")


class PredictionFactory(factory.django.DjangoModelFactory):
    """An accepted prediction whose quote is the first sentence of its article's body."""

    class Meta:
        model = Prediction

    article = factory.SubFactory(ArticleFactory)
    quote = "The council will approve the budget by March."
    start = 0
    end = factory.LazyAttribute(lambda o: o.start + len(o.quote))
    speaker = factory.SubFactory(PersonFactory)
    speaker_name = factory.LazyAttribute(lambda o: o.speaker.name if o.speaker else "")
    speaker_role = Prediction.Role.AUTHOR
    claim = factory.SubFactory(ClaimFactory)
    claim_text = factory.LazyAttribute(lambda o: o.claim.text if o.claim else "something happens")
    polarity = Prediction.Polarity.POSITIVE
    probability = 0.8
    hedge = ""
    made_at = factory.LazyAttribute(lambda o: o.article.published_at)
    deadline = datetime.date(2015, 3, 31)
    deadline_text = "by March"
    deadline_kind = Prediction.DeadlineKind.PERIOD_END
    status = Prediction.Status.ACCEPTED


class CandidateFactory(PredictionFactory):
    status = Prediction.Status.CANDIDATE
    claim = None
    claim_text = "the council approves the budget"


def judge(
    prediction: Prediction | None = None,
    *,
    outcome: str = Judgement.Outcome.YES,
    event: Event | None = None,
    note: str = "",
) -> Judgement:
    """A verdict as the resolution service records it: the judgement, and the prediction's
    outcome and scores with it (``JudgementFactory`` only writes the row)."""
    return prediction_judge(
        prediction=prediction or PredictionFactory(),
        outcome=outcome,
        event=event,
        note=note,
        by=None,
    )


class JudgementFactory(factory.django.DjangoModelFactory):
    """A bare judgement row, for tests of what the database itself refuses; anything else uses
    ``judge``, which goes through the service."""

    class Meta:
        model = Judgement

    prediction = factory.SubFactory(PredictionFactory)
    outcome = Judgement.Outcome.YES
