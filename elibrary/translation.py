from modeltranslation.translator import TranslationOptions, register

from elibrary.models import Resource


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("title", "summary")
