from modeltranslation.translator import TranslationOptions, register

from goodideas.models import City, Country, FurtherReading, GoodIdea, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "profile")


@register(GoodIdea)
class GoodIdeaTranslation(TranslationOptions):
    fields = ("title", "teaser", "body", "beneficiaries", "results", "adaptation", "contact_role", "image_alt")


@register(FurtherReading)
class FurtherReadingTranslation(TranslationOptions):
    fields = ("title",)
