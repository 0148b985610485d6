"""Revisions (core.revisions): kept on admin saves and actions, compared per field and language, restored."""

import pytest
from django.core.management import call_command
from reversion.models import Version

from core import revisions
from goodideas.models import GoodIdea
from places.models import Tag
from tests.goodideas.factories import GoodIdeaFactory
from tests.goodideas.test_submit import change_form_data

pytestmark = pytest.mark.django_db


def _save(client, idea, **changes):
    data = change_form_data(client, idea)
    data.update(changes)
    response = client.post(f"/admin/goodideas/goodidea/{idea.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def edited_idea(client, editor):
    """An idea saved twice in the admin: its French title and its English teaser changed in between."""
    idea = GoodIdeaFactory(title_fr="Mentors du quartier", teaser_en="A practice that works.")
    client.force_login(editor)
    _save(client, idea)
    _save(client, idea, title_fr="Mentors de quartier", teaser_en="A practice that works in Lyon.")
    return idea


def test_an_admin_save_keeps_a_version_with_who_and_when(edited_idea, editor):
    versions = Version.objects.get_for_object(edited_idea)

    assert versions.count() == 2
    assert versions[0].revision.user == editor
    assert versions[0].field_dict["title_fr"] == "Mentors de quartier"
    assert versions[1].field_dict["title_fr"] == "Mentors du quartier"


def test_compare_shows_each_changed_field_in_its_language(client, edited_idea, django_assert_max_num_queries):
    new, old = Version.objects.get_for_object(edited_idea)
    with django_assert_max_num_queries(20):
        response = client.get(f"/admin/goodideas/goodidea/{edited_idea.pk}/history/compare/?old={old.pk}&new={new.pk}")

    changed = {row.label: row for row in response.context["changed"]}
    assert set(changed) == {"Title (French)", "Teaser (English)"}
    assert changed["Title (French)"].language == "fr"
    assert "<del>du</del>" in changed["Title (French)"].old
    assert "<ins>de</ins>" in changed["Title (French)"].new
    assert "<ins>works in Lyon.</ins>" in changed["Teaser (English)"].new


def test_compare_escapes_what_editors_typed(client, editor):
    idea = GoodIdeaFactory()
    client.force_login(editor)
    _save(client, idea)
    _save(client, idea, title_de="<script>alert(1)</script>")

    response = client.get(f"/admin/goodideas/goodidea/{idea.pk}/history/compare/")

    assert b"<script>alert(1)" not in response.content
    assert b"<ins>alert(1)</ins>" in response.content  # the text, without its tags


def test_compare_of_a_version_of_another_item_is_not_found(client, edited_idea):
    other = GoodIdeaFactory()
    _save(client, other)
    version = Version.objects.get_for_object(other).get()

    response = client.get(f"/admin/goodideas/goodidea/{edited_idea.pk}/history/compare/?old={version.pk}")

    assert response.status_code == 404
    assert client.get(f"/admin/goodideas/goodidea/{edited_idea.pk}/history/compare/?old=x").status_code == 404


def test_history_offers_two_versions_to_compare(client, edited_idea):
    response = client.get(f"/admin/goodideas/goodidea/{edited_idea.pk}/history/")

    assert response.content.count(b'type="radio" name="old"') == 2
    assert b"history/compare/" in response.content


def test_restoring_an_older_version_brings_its_texts_back(client, edited_idea):
    old = Version.objects.get_for_object(edited_idea)[1]
    page = client.get(f"/admin/goodideas/goodidea/{edited_idea.pk}/history/{old.pk}/")
    assert page.status_code == 200  # the form filled with that version: nothing changed yet
    assert GoodIdea.objects.get(pk=edited_idea.pk).title_fr == "Mentors de quartier"

    data = change_form_data(client, edited_idea)
    data.update(title_fr="Mentors du quartier", teaser_en="A practice that works.")
    client.post(f"/admin/goodideas/goodidea/{edited_idea.pk}/history/{old.pk}/", data)

    restored = GoodIdea.objects.get(pk=edited_idea.pk)
    assert restored.title_fr == "Mentors du quartier"
    assert Version.objects.get_for_object(edited_idea).count() == 3


def test_a_non_staff_member_cannot_compare(client, edited_idea, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", "reader@example.org", "a long password 123"))

    response = client.get(f"/admin/goodideas/goodidea/{edited_idea.pk}/history/compare/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_demo_loader_makes_no_revisions(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)

    assert GoodIdea.objects.exists()
    assert not Version.objects.exists()


def test_the_public_page_says_when_it_was_last_updated(client):
    idea = GoodIdeaFactory()
    GoodIdea.objects.filter(pk=idea.pk).update(updated_at="2024-03-05T10:00:00Z")

    response = client.get(idea.get_absolute_url())

    assert b'Last updated <time datetime="2024-03-05">' in response.content


def _tag_names(idea):
    return sorted(GoodIdea.objects.get(pk=idea.pk).tags.names())


@pytest.fixture
def retagged_idea(client, editor):
    """An idea saved in the admin with the tags "housing, museums", then with "housing, refugees"."""
    idea = GoodIdeaFactory()
    client.force_login(editor)
    _save(client, idea, tags="housing, museums")
    _save(client, idea, tags="housing, refugees")
    return idea


def test_a_version_keeps_the_tags_as_they_were_saved(retagged_idea):
    new, old = Version.objects.get_for_object(retagged_idea)

    assert _tag_names(retagged_idea) == ["housing", "refugees"]
    assert sorted(str(tag) for tag in Tag.objects.filter(pk__in=revisions.field_dict(old)["tags"])) == [
        "housing",
        "museums",
    ]
    assert sorted(str(tag) for tag in Tag.objects.filter(pk__in=revisions.field_dict(new)["tags"])) == [
        "housing",
        "refugees",
    ]


def test_compare_shows_the_tags_that_changed(client, retagged_idea):
    new, old = Version.objects.get_for_object(retagged_idea)

    response = client.get(f"/admin/goodideas/goodidea/{retagged_idea.pk}/history/compare/?old={old.pk}&new={new.pk}")

    changed = {row.label: row for row in response.context["changed"]}
    assert set(changed) == {"Tags"}
    assert "<del>museums</del>" in changed["Tags"].old
    assert "<ins>refugees</ins>" in changed["Tags"].new


def test_restoring_an_older_version_brings_its_tags_back(client, retagged_idea):
    old = Version.objects.get_for_object(retagged_idea)[1]
    page = client.get(f"/admin/goodideas/goodidea/{retagged_idea.pk}/history/{old.pk}/")
    assert page.status_code == 200
    shown = sorted(str(tag) for tag in page.context["adminform"].form["tags"].value())
    assert shown == ["housing", "museums"]  # the form shows the old tags
    assert _tag_names(retagged_idea) == ["housing", "refugees"]  # nothing changed before the editor confirms

    data = change_form_data(client, retagged_idea)
    data["tags"] = ", ".join(shown)
    client.post(f"/admin/goodideas/goodidea/{retagged_idea.pk}/history/{old.pk}/", data)

    assert _tag_names(retagged_idea) == ["housing", "museums"]
