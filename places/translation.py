from modeltranslation.translator import TranslationOptions, register

from places.models import BirthCountry, City, Country, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "profile")


@register(BirthCountry)
class BirthCountryTranslation(TranslationOptions):
    fields = ("name",)
