from modeltranslation.translator import TranslationOptions, register

from community.models import Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en",)
