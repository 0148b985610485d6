"""The editors' admin: list, preview of drafts, publish and unpublish, slug history."""

import pytest
from django.urls import reverse

from goodideas.models import FormerSlug, GoodIdea
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db


def test_editor_sees_the_list_with_filters_and_search(client, editor, draft):
    client.force_login(editor)

    response = client.get("/admin/goodideas/goodidea/?q=draft&status__exact=draft")

    assert response.status_code == 200
    assert "A draft idea" in response.content.decode()


@pytest.mark.parametrize("path", ["add/", "{pk}/change/"])
def test_editor_opens_the_forms(client, editor, draft, path):
    client.force_login(editor)

    assert client.get("/admin/goodideas/goodidea/" + path.format(pk=draft.pk)).status_code == 200


def test_editor_previews_a_draft_as_the_public_will_see_it(client, editor, draft):
    client.force_login(editor)

    response = client.get(reverse("goodideas:preview-goodidea", kwargs={"pk": draft.pk}))

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert '<h1 id="idea-title">A draft idea</h1>' in html  # the idea's own page
    assert "Not public yet: its status is “Draft”." in html
    assert draft.get_preview_url() == f"/en/ideas/preview/{draft.pk}/"


def test_anonymous_cannot_preview_or_see_drafts(client, draft):
    assert client.get(draft.get_preview_url()).status_code == 404
    assert client.get("/en/ideas/a-draft-idea/").status_code == 404


def test_staff_without_permission_cannot_preview(client, django_user_model, draft):
    user = django_user_model.objects.create_user("staff", "s@example.org", "a long password 123", is_staff=True)
    client.force_login(user)

    assert client.get(draft.get_preview_url()).status_code == 404


def test_publish_action_sets_the_date_once(client, editor, draft):
    client.force_login(editor)
    published_before = GoodIdeaFactory(status=GoodIdea.Status.DRAFT)
    first_date = published_before.published_at

    client.post(
        "/admin/goodideas/goodidea/",
        {"action": "publish", "publish_untranslated": "yes", "_selected_action": [draft.pk, published_before.pk]},
    )

    draft.refresh_from_db()
    published_before.refresh_from_db()
    assert draft.status == GoodIdea.Status.PUBLISHED
    assert draft.published_at is not None
    assert published_before.published_at == first_date
    assert client.get("/en/ideas/a-draft-idea/").status_code == 200


def test_withdraw_action(client, editor):
    idea = GoodIdeaFactory(slug="public-idea")
    first_date = idea.published_at
    client.force_login(editor)

    client.post("/admin/goodideas/goodidea/", {"action": "withdraw", "_selected_action": [idea.pk]})

    idea.refresh_from_db()
    assert idea.status == GoodIdea.Status.WITHDRAWN
    assert idea.published_at == first_date  # the date first published stays, for when it comes back
    assert client.get("/en/ideas/public-idea/").status_code == 404


def test_changing_the_slug_in_the_admin_keeps_the_old_address(client, editor):
    idea = GoodIdeaFactory(slug="old-address")
    client.force_login(editor)
    change_url = f"/admin/goodideas/goodidea/{idea.pk}/change/"
    form = client.get(change_url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if name == "image":
            continue
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if hasattr(value, "__iter__") and not isinstance(value, str):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = getattr(value, "pk", value)
    data["published_at_0"] = idea.published_at.strftime("%Y-%m-%d")
    data["published_at_1"] = idea.published_at.strftime("%H:%M:%S")
    data.pop("published_at", None)
    data["slug"] = "new-address"
    data["tags"] = ""
    data.update(
        {
            "further_reading-TOTAL_FORMS": "0",
            "further_reading-INITIAL_FORMS": "0",
            "further_reading-MIN_NUM_FORMS": "0",
            "further_reading-MAX_NUM_FORMS": "1000",
            "adaptations-TOTAL_FORMS": "0",
            "adaptations-INITIAL_FORMS": "0",
            "former_slugs-TOTAL_FORMS": "0",
            "former_slugs-INITIAL_FORMS": "0",
            "former_slugs-MIN_NUM_FORMS": "0",
            "former_slugs-MAX_NUM_FORMS": "1000",
        }
    )

    response = client.post(change_url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert FormerSlug.objects.get().slug == "old-address"
    redirect = client.get("/en/ideas/old-address/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "/en/ideas/new-address/"


def test_the_admin_widgets_render_beside_the_portals_jinja2_form_fields(client, editor):
    """The form renderer takes Django's Jinja2 copies of its form templates, and the admin's own widget
    templates, which exist only for Django's engine, from Django's engine."""
    client.force_login(editor)
    content = client.get("/admin/goodideas/goodidea/add/").content.decode()
    assert 'id="add_id_themes"' in content  # the admin's related-object wrapper: "add another theme"
    assert 'class="admin-autocomplete"' in content  # the admin's autocomplete of the city
    assert '<input type="text" name="title_en"' in content  # a plain field, rendered by Jinja2
