from modeltranslation.translator import TranslationOptions, register

from conversations.models import Issue, Item, ItemImage, NewsItem


@register(Issue)
class IssueTranslation(TranslationOptions):
    fields = ("title", "cover_alt", "editorial")


@register(Item)
class ItemTranslation(TranslationOptions):
    fields = ("title", "teaser", "body")


@register(ItemImage)
class ItemImageTranslation(TranslationOptions):
    fields = ("alt", "caption")


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary")
