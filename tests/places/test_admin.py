"""The editors' admin of themes, countries, cities and organisations."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["city", "country", "organisation", "theme"])
def test_editor_manages_places_and_organisations(client, editor, model):
    client.force_login(editor)

    assert client.get(f"/admin/places/{model}/").status_code == 200


@pytest.mark.parametrize("model", ["city", "country", "organisation", "theme", "typedplace"])
def test_the_addresses_they_had_under_good_ideas_lead_there(client, editor, model):
    client.force_login(editor)

    response = client.get(f"/admin/goodideas/{model}/?q=berlin")

    assert response.status_code == 301
    assert response["Location"] == f"/admin/places/{model}/?q=berlin"
