"""Project-wide promises: migrations, translations, the editors' group, static files."""

import re
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_no_pending_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    except SystemExit:
        pytest.fail(f"Model changes without a migration:\n{out.getvalue()}")


@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_interface_string_is_translated(language):
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert len(catalogue) > 50
    assert untranslated == [], f"{language}: no translation for {untranslated[:10]}"
    assert fuzzy == [], f"{language}: fuzzy translations for {fuzzy[:10]}"


@pytest.mark.parametrize("language", ["fr", "de"])
def test_translations_keep_their_placeholders(language):
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"))
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")
    for entry in catalogue.translated_entries():
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in translations:
            assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(entry.msgid)), entry.msgid


def test_editors_group_manages_content_but_not_users():
    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("content_type__app_label", "codename"))

    assert ("goodideas", "change_goodidea") in codenames
    assert ("places", "add_city") in codenames
    assert ("places", "change_tag") in codenames
    assert not any(app in {"auth", "admin", "sessions", "contenttypes"} for app, _codename in codenames)
    assert not Permission.objects.filter(group=editors, codename__in=["change_user", "add_user", "change_group"])


def test_an_editor_reaches_the_admin_in_their_language(client, editor):
    client.force_login(editor)

    response = client.get("/admin/", headers={"accept-language": "fr"})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Cities of Migration\u00a0: rédaction" in html
    assert "Bonnes idées en matière d’intégration" in html


def test_an_editor_cannot_manage_users(client, editor):
    client.force_login(editor)

    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/goodideas/goodidea/").status_code == 200
