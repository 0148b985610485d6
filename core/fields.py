"""One shape for every web address the portal stores (a website, a source, a recording, a join link …).

WebAddressField: up to 500 characters, http or https only (no ftp:, no mailto:), and a form field that
reads an address typed without a scheme as https:// (Django 5.2's assume_scheme, so no warning), in the
admin and in every ModelForm alike.
"""

from django import forms
from django.core.validators import URLValidator
from django.db import models

WEB_SCHEMES = ["http", "https"]
MAX_LENGTH = 500

validate_web_address = URLValidator(schemes=WEB_SCHEMES)


class WebAddressFormField(forms.URLField):
    default_validators = [validate_web_address]

    def __init__(self, *, assume_scheme="https", max_length=MAX_LENGTH, **kwargs):
        super().__init__(assume_scheme=assume_scheme, max_length=max_length, **kwargs)


class WebAddressField(models.URLField):
    default_validators = [validate_web_address]

    def __init__(self, *args, max_length=MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebAddressFormField, **kwargs})
