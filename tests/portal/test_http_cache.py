"""HTTP caching: anonymous public pages are public with an ETag from the content version; a matching
If-None-Match answers 304 before the view runs; members, the admin, accounts and forms are private."""

from unittest import mock

import pytest
from django.urls import reverse

from community.models import Post
from community.services import moderation, posting
from goodideas import views as goodideas_views
from tests.community.factories import PostFactory, UserFactory
from tests.goodideas.factories import idea_with

pytestmark = pytest.mark.django_db

IDEAS = "/en/ideas/"


def test_an_anonymous_list_is_public_with_an_etag(client, settings, public_idea):
    response = client.get(IDEAS)
    assert response.status_code == 200
    assert response["Cache-Control"] == settings.PUBLIC_CACHE_CONTROL == "public, max-age=60, s-maxage=600"
    assert response["ETag"].startswith('"')
    assert "Cookie" in response["Vary"]


def test_a_matching_if_none_match_answers_304_without_running_the_view(
    client, public_idea, django_assert_max_num_queries
):
    etag = client.get(public_idea.get_absolute_url())["ETag"]
    with (
        mock.patch.object(goodideas_views.IdeaDetailView, "get", side_effect=AssertionError("the view ran")) as get,
        django_assert_max_num_queries(1),  # the content version
    ):
        response = client.get(public_idea.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    get.assert_not_called()


def test_another_etag_renders_the_page(client, public_idea):
    response = client.get(public_idea.get_absolute_url(), HTTP_IF_NONE_MATCH='"something-else"')
    assert response.status_code == 200
    assert b"Museums welcome refugees" in response.content


def test_the_etag_differs_by_language_and_query(client, public_idea):
    english = client.get(IDEAS)["ETag"]
    french = client.get("/fr/ideas/")["ETag"]
    filtered = client.get(IDEAS + "?q=museums")["ETag"]
    assert len({english, french, filtered}) == 3
    assert client.get(IDEAS)["ETag"] == english


def test_publishing_changes_the_etag_at_once(client, public_idea):
    before = client.get(IDEAS)["ETag"]
    idea_with(title_en="Libraries lend laptops", slug="libraries-lend-laptops")
    response = client.get(IDEAS, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert b"Libraries lend laptops" in response.content
    assert response["ETag"] != before


def test_editing_a_published_idea_changes_the_etag(client, public_idea):
    before = client.get(public_idea.get_absolute_url())["ETag"]
    public_idea.title_en = "Museums open their doors"
    public_idea.save()
    assert client.get(public_idea.get_absolute_url(), HTTP_IF_NONE_MATCH=before).status_code == 200


def test_the_time_window_moves_the_etag(client, settings, public_idea):
    before = client.get(IDEAS)["ETag"]
    with mock.patch("core.httpcache.time.time", return_value=10**10):
        assert client.get(IDEAS)["ETag"] != before


def test_a_signed_in_member_gets_private_pages_and_no_304(client, public_idea):
    anonymous_etag = client.get(IDEAS)["ETag"]
    client.force_login(UserFactory())
    response = client.get(IDEAS, HTTP_IF_NONE_MATCH=anonymous_etag)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


@pytest.mark.usefixtures("signed_in_member")
def test_a_members_home_page_is_private(client):
    response = client.get("/en/")
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("address", ["/admin/login/", "/en/accounts/login/", "/fr/accounts/signup/"])
def test_the_admin_and_accounts_are_private(client, address):
    response = client.get(address)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_an_anonymous_form_with_a_csrf_token_is_private(client):
    response = client.get(reverse("goodideas:submit"))
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert response["Cache-Control"] == "private, no-store"


def test_a_post_is_private(client):
    response = client.post(reverse("conversations:newsletter"), {"email": "not an address"})
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("address", ["/en/search/?q=refugees", "/en/community/", "/fr/search/"])
def test_site_search_and_the_community_are_public_for_anonymous_visitors(client, settings, address):
    response = client.get(address)
    assert response.status_code == 200
    assert response["Cache-Control"] == settings.PUBLIC_CACHE_CONTROL
    assert "ETag" in response


def _community_pages(thread) -> list[str]:
    return [thread.get_absolute_url(), "/en/community/", thread.topic.get_absolute_url(), "/en/search/?q=bicycles"]


def test_a_new_post_changes_the_etag_of_the_community_pages_at_once(client, settings):
    settings.COMMUNITY_PREMODERATE_FIRST_POSTS = 0
    thread = PostFactory(body_markdown="Who lends bicycles?").thread
    pages = _community_pages(thread)
    before = {page: client.get(page)["ETag"] for page in pages}

    posting.post_create(author=UserFactory(), thread=thread, body="The library lends bicycles to newcomers.")

    for page in pages:
        response = client.get(page, HTTP_IF_NONE_MATCH=before[page])
        assert response.status_code == 200, page
        assert response["ETag"] != before[page]
    assert b"The library lends bicycles to newcomers." in client.get(thread.get_absolute_url()).content


def test_hiding_posts_from_the_admin_changes_the_etag(client):
    post = PostFactory(body_markdown="Buy cheap watches here")
    before = client.get(post.thread.get_absolute_url())["ETag"]
    moderation.posts_set_status(Post.objects.filter(pk=post.pk), Post.Status.HIDDEN)  # a bulk update: no signal
    response = client.get(post.thread.get_absolute_url(), HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert b"Buy cheap watches here" not in response.content


def test_a_signed_in_members_community_and_search_pages_are_private(client):
    thread = PostFactory().thread
    anonymous = {page: client.get(page)["ETag"] for page in _community_pages(thread)}
    client.force_login(UserFactory())
    for page, etag in anonymous.items():
        response = client.get(page, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200, page
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response


@pytest.mark.parametrize("name", ["community:idea-ask", "community:post-report", "community:follow"])
def test_the_community_pages_that_act_for_a_member_are_not_public(client, public_idea, name):
    post = PostFactory()
    kwargs = {"slug": public_idea.slug} if name == "community:idea-ask" else {"pk": post.pk}
    if name == "community:follow":
        kwargs = {"pk": post.thread.pk}
    response = client.get(reverse(name, kwargs=kwargs))
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response


def test_a_missing_page_is_not_made_public(client):
    response = client.get("/en/ideas/no-such-idea/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")
