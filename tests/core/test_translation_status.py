"""Translation status: missing, outdated, up to date, per item and language; what editors see of it."""

import pytest
from django.urls import reverse

from conversations.models import NewsItem
from core import translation_status
from tests.conversations.factories import NewsItemFactory
from tests.core.support import table_counts
from tests.goodideas.factories import GoodIdeaFactory

pytestmark = pytest.mark.django_db

FRENCH = {"title_fr": "Titre", "summary_fr": "Ce qui s'est passé."}
GERMAN = {"title_de": "Titel", "summary_de": "Was geschah."}


def translated_news(**kwargs):
    return NewsItemFactory(**FRENCH, **GERMAN, **kwargs)


def test_an_english_only_item_is_missing_in_french_and_german():
    news = NewsItemFactory()

    assert translation_status.status_of(news, "fr") == "missing"
    assert translation_status.status_of(news, "de") == "missing"


def test_a_partly_translated_item_is_missing_what_readers_see_in_english():
    news = NewsItemFactory(title_fr="Titre", **GERMAN)

    assert translation_status.status_of(news, "fr") == "missing"
    assert translation_status.status_of(news, "de") == "current"


def test_editing_the_english_makes_translations_outdated_and_saving_french_brings_it_up_to_date():
    news = translated_news()

    news.summary_en = "What happened, told again."
    news.save()
    assert translation_status.status_of(news, "fr") == "outdated"
    assert translation_status.status_of(news, "de") == "outdated"

    news.summary_fr = "Ce qui s'est passé, raconté à nouveau."
    news.save()
    assert translation_status.status_of(news, "fr") == "current"
    assert translation_status.status_of(news, "de") == "outdated"


def test_saving_again_without_a_change_keeps_an_outdated_translation_outdated():
    news = translated_news()
    news.title_en = "A new title"
    news.save()

    news.save()

    assert translation_status.status_of(news, "fr") == "outdated"


def test_a_missing_translation_written_later_is_up_to_date():
    news = NewsItemFactory()

    news.title_fr, news.summary_fr = "Titre", "Résumé"
    news.save()

    assert translation_status.status_of(news, "fr") == "current"


def test_marking_as_reviewed_makes_an_outdated_translation_up_to_date_until_the_english_changes_again():
    news = translated_news()
    news.title_en = "Typo fixed"
    news.save()

    assert translation_status.mark_reviewed(NewsItem.objects.all(), "fr") == 1
    assert translation_status.status_of(news, "fr") == "current"
    assert translation_status.status_of(news, "de") == "outdated"

    news.title_en = "Another change"
    news.save()
    assert translation_status.status_of(news, "fr") == "outdated"


def test_deleting_an_item_removes_it_from_the_translations_to_do():
    news = NewsItemFactory()
    news.delete()

    assert not translation_status.to_do().exists()


def test_every_translated_public_kind_is_followed():
    idea = GoodIdeaFactory(title_fr="Une idée", teaser_fr="Qui marche.", body_fr="<p>Comment.</p>")

    assert translation_status.status_of(idea, "fr") == "current"
    assert translation_status.status_of(idea, "de") == "missing"


# The admin ---------------------------------------------------------------------------------------


@pytest.fixture
def outdated_and_missing():
    outdated = translated_news(title_en="Outdated news")
    outdated.summary_en = "Changed"
    outdated.save()
    missing = NewsItemFactory(title_en="Missing news", **GERMAN)
    current = translated_news(title_en="Current news")
    return outdated, missing, current


def test_the_list_shows_each_language_status_as_columns(client, editor, outdated_and_missing):
    client.force_login(editor)

    response = client.get("/admin/conversations/newsitem/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "column-french_translation" in html
    assert "column-german_translation" in html
    assert "outdated" in html


@pytest.mark.parametrize(
    ("value", "shown", "hidden"),
    [
        ("fr-outdated", "Outdated news", "Missing news"),
        ("fr-missing", "Missing news", "Outdated news"),
        ("de-outdated", "Outdated news", "Missing news"),
        ("fr-current", "Current news", "Missing news"),
    ],
)
def test_the_list_filters_by_language_and_status(client, editor, outdated_and_missing, value, shown, hidden):
    client.force_login(editor)

    html = client.get(f"/admin/conversations/newsitem/?translation={value}").content.decode()

    assert shown in html
    assert hidden not in html


def test_a_mistyped_filter_shows_everything(client, editor, outdated_and_missing):
    client.force_login(editor)

    response = client.get("/admin/conversations/newsitem/?translation=xx-nothing")

    assert response.status_code == 200
    assert "Missing news" in response.content.decode()


def test_the_change_form_shows_the_status_on_each_language_tab(client, editor, outdated_and_missing):
    outdated = outdated_and_missing[0]
    client.force_login(editor)

    html = client.get(f"/admin/conversations/newsitem/{outdated.pk}/change/").content.decode()

    assert "<strong>French: outdated</strong>" in html
    assert "<strong>German: outdated</strong>" in html


def test_the_mark_reviewed_action(client, editor, outdated_and_missing):
    outdated = outdated_and_missing[0]
    client.force_login(editor)

    client.post(
        "/admin/conversations/newsitem/",
        {"action": "mark_translations_reviewed", "_selected_action": [outdated.pk], "index": 0},
    )

    assert translation_status.status_of(outdated, "fr") == "current"


def test_the_translations_page_lists_what_is_missing_or_outdated_newest_first(client, editor, outdated_and_missing):
    client.force_login(editor)

    response = client.get(reverse("admin-translations"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Current news" not in html
    assert html.index("Missing news") < html.index("Outdated news")  # the newest first
    assert html.count("Outdated news") == 2  # French and German


def test_the_translations_page_filters_by_language_and_status(client, editor, outdated_and_missing):
    client.force_login(editor)

    html = client.get(reverse("admin-translations") + "?language=de&status=outdated").content.decode()

    assert html.count("Outdated news") == 1
    assert "Missing news" not in html


def test_the_translations_page_is_for_staff_only(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", "r@example.org", "a long password 123"))

    response = client.get(reverse("admin-translations"))

    assert response.status_code == 302


@pytest.mark.parametrize("count", [3, 30])
def test_the_translations_page_takes_the_same_queries_for_any_number_of_items(
    client, editor, django_assert_max_num_queries, count
):
    NewsItemFactory.create_batch(count)
    GoodIdeaFactory.create_batch(count)
    client.force_login(editor)

    with django_assert_max_num_queries(9):
        response = client.get(reverse("admin-translations"))

    assert response.content.decode().count('class="translation-row"') == min(4 * count, 50)


# Publishing with French or German missing ---------------------------------------------------------


def news_form(news, **changes):
    data = {
        "title_en": news.title_en,
        "title_fr": news.title_fr or "",
        "title_de": news.title_de or "",
        "slug": news.slug,
        "summary_en": news.summary_en,
        "summary_fr": news.summary_fr or "",
        "summary_de": news.summary_de or "",
        "source_name": news.source_name,
        "source_url": news.source_url,
        "date": news.date.isoformat(),
        "status": news.status,
        "_save": "Save",
    }
    return {**data, **changes}


def test_publishing_with_french_missing_asks_for_confirmation(client, editor):
    news = NewsItemFactory(status=NewsItem.Status.DRAFT, **GERMAN)
    client.force_login(editor)
    url = f"/admin/conversations/newsitem/{news.pk}/change/"

    response = client.post(url, news_form(news, status="published"))

    assert response.status_code == 200
    assert "Not translated yet: French." in response.content.decode()
    news.refresh_from_db()
    assert news.status == NewsItem.Status.DRAFT

    response = client.post(url, news_form(news, status="published", publish_untranslated="on"))

    assert response.status_code == 302
    news.refresh_from_db()
    assert news.status == NewsItem.Status.PUBLISHED


def test_publishing_a_translated_item_asks_nothing(client, editor):
    news = translated_news(status=NewsItem.Status.DRAFT)
    client.force_login(editor)

    response = client.post(f"/admin/conversations/newsitem/{news.pk}/change/", news_form(news, status="published"))

    assert response.status_code == 302


def test_the_publish_action_asks_for_confirmation_when_translations_are_missing(client, editor):
    untranslated = NewsItemFactory(status=NewsItem.Status.DRAFT, title_en="Untranslated news")
    client.force_login(editor)
    data = {"action": "publish", "_selected_action": [untranslated.pk]}

    response = client.post("/admin/conversations/newsitem/", {**data, "index": 0})

    assert response.status_code == 200
    assert "Publish them all the same" in response.content.decode()
    assert "Untranslated news</a> — not translated yet: French, German</li>" in response.content.decode()
    untranslated.refresh_from_db()
    assert untranslated.status == NewsItem.Status.DRAFT

    client.post("/admin/conversations/newsitem/", {**data, "publish_untranslated": "yes"})

    untranslated.refresh_from_db()
    assert untranslated.status == NewsItem.Status.PUBLISHED


# A database from before statuses were kept -------------------------------------------------------


def test_migrate_gives_every_existing_item_its_status_once(client, editor):
    from django.core.management import call_command

    from core.models import TranslationState

    english_only = NewsItemFactory(title_en="Old English news")
    translated = translated_news(title_en="Old translated news")
    idea = GoodIdeaFactory(title_en="Old idea")
    TranslationState.objects.all().delete()  # as in a database upgraded to this version
    client.force_login(editor)
    assert "Old English news" not in client.get(reverse("admin-translations")).content.decode()

    call_command("migrate", verbosity=0)

    assert translation_status.status_of(english_only, "fr") == "missing"
    assert translation_status.status_of(idea, "de") == "missing"
    assert translation_status.status_of(translated, "fr") == "current"
    html = client.get(reverse("admin-translations")).content.decode()
    assert "Old English news" in html
    rows = TranslationState.objects.count()
    call_command("migrate", verbosity=0)
    assert TranslationState.objects.count() == rows  # the second run finds nothing to do


def test_a_backfilled_translation_becomes_outdated_when_the_english_changes():
    from core.models import TranslationState

    news = translated_news()
    TranslationState.objects.all().delete()
    translation_status.backfill()

    news.title_en = "A new English title"
    news.save()

    assert translation_status.status_of(news, "fr") == "outdated"


def test_a_backfill_leaves_fresh_statistics_and_one_with_nothing_to_do_none(django_capture_on_commit_callbacks):
    from core.models import TranslationState

    translated_news()
    TranslationState.objects.all().delete()
    table = TranslationState._meta.db_table
    with django_capture_on_commit_callbacks(execute=True):
        _vacuumed, analyzed = table_counts(table)
        assert translation_status.backfill() == 1
        assert translation_status.backfill() == 0
    assert table_counts(table)[1] == analyzed + 1
