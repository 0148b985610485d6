from modeltranslation.translator import TranslationOptions, register

from goodideas.models import Adaptation, FurtherReading, GoodIdea


@register(GoodIdea)
class GoodIdeaTranslation(TranslationOptions):
    fields = ("title", "teaser", "body", "beneficiaries", "results", "adaptation", "contact_role", "image_alt")


@register(FurtherReading)
class FurtherReadingTranslation(TranslationOptions):
    fields = ("title",)


@register(Adaptation)
class AdaptationTranslation(TranslationOptions):
    fields = ("note",)
