"""Choosing a city in a form, or typing one that the portal does not know yet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from places.models import Country


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, city):
        return f"{city.name}, {city.country.name}"


class TypedCityMixin(forms.Form):
    """A `city` chosen from the portal's list or, when it is not there, typed with its country.

    The form only checks that one of the two is given; services match a typed city to the portal's
    cities or keep it for the editors to review (places.services).
    """

    new_city = forms.CharField(label=_("Or, if your city is not in the list, its name"), max_length=100, required=False)
    new_country = forms.CharField(
        label=_("Country of that city"),
        max_length=100,
        required=False,
        help_text=_("Choose it from the suggestions or type it."),
        widget=forms.TextInput(attrs={"list": "known-countries", "autocomplete": "country-name"}),
    )

    # A proposal needs a place; a member's profile does not.
    city_required = True

    def clean(self):
        data = super().clean()
        if "city" in self.errors:
            return data
        for name in ("new_city", "new_country"):
            data[name] = " ".join((data.get(name) or "").split())
        city, new_city, new_country = data.get("city"), data["new_city"], data["new_country"]
        if city and (new_city or new_country):
            self.add_error("new_city", _("Choose a city from the list or type one, not both."))
        elif new_city and not new_country:
            self.add_error("new_country", _("Please give the country of the city you typed."))
        elif new_country and not new_city:
            self.add_error("new_city", _("Please type the name of the city, or choose one from the list."))
        elif self.city_required and not city and not new_city:
            self.add_error("city", _("Choose the city from the list, or type its name and country below."))
        return data

    def known_countries(self) -> list[str]:
        """The countries the portal knows, offered as suggestions while typing one."""
        return sorted({country.name for country in Country.objects.all()}, key=str.casefold)
