from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin


class SubscribeForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)

    field_order = ["email", "language", "website_url"]
