import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import WebAddressFormField
from core.forms import HoneypotMixin
from goodideas.services import IdeaProposal
from places.forms import CityChoiceField, TypedCityMixin
from places.models import City, Theme
from places.similar import Profile


class ProposalForm(HoneypotMixin, TypedCityMixin, forms.Form):
    """A Good Idea proposed by anyone: the questions the original site asked. The honeypot comes last."""

    title = forms.CharField(label=_("Name of the idea"), max_length=200)
    summary = forms.CharField(
        label=_("The idea in one sentence"),
        max_length=300,
        help_text=_("What it does, for whom, where."),
    )
    city = CityChoiceField(
        label=_("City"),
        queryset=City.objects.select_related("country").order_by("name"),
        empty_label=_("Choose a city"),
        help_text=_("The city where the practice takes place."),
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    features = forms.CharField(
        label=_("The idea and its main features"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("What happens, who runs it, with whom."),
    )
    strategies = forms.CharField(
        label=_("Strategies used and why"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, required=False
    )
    outcomes = forms.CharField(
        label=_("Outcomes and who benefits"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    achievements = forms.CharField(
        label=_("Achievements and signs of success"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )
    year_started = forms.IntegerField(label=_("Year started"), min_value=1900, max_value=2100, required=False)
    agency = forms.CharField(
        label=_("Responsible agency"),
        max_length=200,
        help_text=_("The organisation that runs the practice."),
    )
    website = WebAddressFormField(label=_("Website of the practice"), required=False)
    contact_name = forms.CharField(label=_("Your name"), max_length=200)
    contact_role = forms.CharField(label=_("Your role"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Your e-mail address"))
    contact_phone = forms.CharField(label=_("Your phone number"), max_length=50, required=False)
    publish_contact = forms.BooleanField(
        label=_("Show my name, role, e-mail address and phone number on the idea's page as its contact"),
        help_text=_("Only if you tick this box. Otherwise only the editors see your details."),
        required=False,
    )

    field_order = ["title", "summary", "city", "new_city", "new_country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([name for name in self.fields if name != "website_url"])  # the honeypot last

    def proposal(self, *, language: str) -> IdeaProposal:
        """What services.idea_propose() stores: the cleaned data, sent in `language`."""
        data = dict(self.cleaned_data)
        data.pop("website_url", None)  # the honeypot
        for name in ("name", "role", "email", "phone"):
            data[f"proposer_{name}"] = data.pop(f"contact_{name}")
        return IdeaProposal(**data, language=language)


class GroupedIntegerField(forms.IntegerField):
    """A whole number that may be written with the digit groups of any language: 1,234,567, 1 234 567, 1.234.567."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s,.'’\u00a0\u202f]", "", value)
        return super().to_python(value)


class CityFinderForm(forms.Form):
    """Cities like mine: a city's population and share born abroad, or one of the portal's cities (GET)."""

    population = GroupedIntegerField(
        label=_("Population"),
        min_value=1_000,
        max_value=50_000_000,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),  # digit groups are welcome: not type=number
    )
    share = forms.DecimalField(
        label=_("Residents born abroad (%)"),
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
        required=False,
        localize=True,
    )
    city = forms.ChoiceField(label=_("Or pick a city"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, data=None, *, cities=(), regions=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["city"].choices = [("", _("Choose a city")), *((city.slug, city.name) for city in cities)]
        self.fields["region"].choices = [("", _("Any region")), *regions]
        self.cities = {city.slug: city for city in cities}

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("city") and data.get("population") is None and data.get("share") is None:
            raise forms.ValidationError(
                _("Give your city's population or its share of residents born abroad, or pick a city."),
                code="empty",
            )
        return data

    def profile(self):
        """The figures to compare with (places.similar.Profile), and the city picked, if one was."""
        city = self.cities.get(self.cleaned_data.get("city") or "")
        if city is not None:
            return Profile.of(city), city
        share = self.cleaned_data.get("share")
        return Profile(
            self.cleaned_data.get("population"),
            float(share) if share is not None else None,
            self.cleaned_data.get("region") or None,
        ), None
