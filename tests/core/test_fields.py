"""One shape for every web address field (core/fields.py)."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from core.fields import MAX_LENGTH, WebAddressField, WebAddressFormField

PROJECT_APPS = {"core", "places", "goodideas", "elibrary", "webinars", "conversations", "community", "portal"}


def test_every_url_field_of_the_project_is_a_web_address_field():
    url_fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.URLField)
    ]
    assert url_fields
    for name in url_fields:
        model_label, field_name = name.rsplit(".", 1)
        field = apps.get_model(model_label)._meta.get_field(field_name)
        assert isinstance(field, WebAddressField), name
        assert field.max_length == MAX_LENGTH, name


def test_the_form_field_adds_https_to_an_address_without_a_scheme():
    assert WebAddressFormField().clean("example.org/page") == "https://example.org/page"
    assert WebAddressFormField().clean("http://example.org") == "http://example.org"


@pytest.mark.parametrize("value", ["ftp://example.org/file", "mailto:someone@example.org", "javascript:alert(1)"])
def test_only_web_addresses_are_accepted(value):
    with pytest.raises(ValidationError):
        WebAddressFormField().clean(value)
    with pytest.raises(ValidationError):
        WebAddressField(blank=True).clean(value, None)


def test_an_address_longer_than_the_field_is_a_form_error_not_a_database_error():
    with pytest.raises(ValidationError):
        WebAddressFormField().clean("https://example.org/" + "a" * MAX_LENGTH)


def test_the_model_field_gives_the_form_field():
    field = WebAddressField(blank=True).formfield()
    assert isinstance(field, WebAddressFormField)
    assert field.max_length == MAX_LENGTH
    assert not field.required
