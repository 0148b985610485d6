from modeltranslation.translator import TranslationOptions, register

from webinars.models import Event, EventLink, Session, Speaker, Webinar


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("role", "bio", "photo_alt")


@register(Webinar)
class WebinarTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "transcript")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "venue")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title",)


@register(EventLink)
class EventLinkTranslation(TranslationOptions):
    fields = ("title",)
