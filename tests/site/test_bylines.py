"""Who said it, named once and linked where there is a page; comments as readers see them."""

import pytest

from predictions.models import Prediction
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    OutletFactory,
    PersonFactory,
    PredictionFactory,
)
from tests.site.test_pages import get, text

pytestmark = pytest.mark.django_db


def test_an_unsigned_articles_forecast_is_the_outlets_staffs(client, django_assert_max_num_queries):
    outlet = OutletFactory(name="The Quayside Post")
    forecast = PredictionFactory(
        article__outlet=outlet, speaker=None, speaker_name="The Quayside Post"
    )
    for url in (forecast.get_absolute_url(), outlet.get_absolute_url()):
        page = text(get(client, django_assert_max_num_queries, url))
        assert f'<a href="{outlet.get_absolute_url()}">The Quayside Post</a> staff' in page
        assert "The Quayside Post</a> · " not in page and "/people/the-quayside-post" not in page
    article = text(get(client, django_assert_max_num_queries, forecast.article.get_absolute_url()))
    assert "Unsigned: by" in article


def test_a_speaker_sharing_the_outlets_name_is_named_once(client, django_assert_max_num_queries):
    author = PersonFactory(name="Ann Ferris")
    blog = OutletFactory(name="Ann Ferris")
    forecast = PredictionFactory(speaker=author, article__outlet=blog)
    other = PredictionFactory(claim=forecast.claim, article__outlet=OutletFactory(name="Gazette"))
    page = text(get(client, django_assert_max_num_queries, forecast.claim.get_absolute_url()))
    assert f'<a href="{author.get_absolute_url()}">Ann Ferris</a>, ' in page
    assert f'href="{blog.get_absolute_url()}"' not in page
    speaker = other.speaker
    assert f'{speaker.name}</a> · <a href="{other.article.outlet.get_absolute_url()}">' in page


def test_a_commenters_name_links_to_their_page(client, django_assert_max_num_queries):
    comment = CommentFactory(body="I think the mayor will resign before summer.")
    forecast = PredictionFactory(
        article=comment.article,
        comment=comment,
        speaker=comment.author,
        speaker_role=Prediction.Role.COMMENTER,
        quote="the mayor will resign before summer",
        start=8,
        end=43,
    )
    page = text(get(client, django_assert_max_num_queries, forecast.get_absolute_url()))
    assert f'by <a href="{comment.author.get_absolute_url()}">{comment.author.name}</a>' in page


def test_an_empty_comment_is_left_out_unless_it_has_replies(client, django_assert_max_num_queries):
    article = ArticleFactory()
    CommentFactory(article=article, body="A real comment.")
    CommentFactory(article=article, body="   ")
    lonely_page = text(get(client, django_assert_max_num_queries, article.get_absolute_url()))
    assert "1 comment<" in lonely_page and lonely_page.count('class="comment depth') == 1
    replied = CommentFactory(article=article, body="")
    CommentFactory(article=article, body="Replying to nothing?", parent=replied)
    page = text(get(client, django_assert_max_num_queries, article.get_absolute_url()))
    assert page.count('class="comment depth') == 3
    assert "No text: kept because others replied to it." in page
