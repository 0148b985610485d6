"""Factories for the e-zine, news and newsletter (tests/conversations only)."""

from datetime import timedelta

import factory
from django.utils import timezone

from conversations.models import Issue, Item, NewsItem, Subscriber


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.Sequence(lambda n: f"Issue title {n}")
    title = factory.SelfAttribute("title_en")
    status = Issue.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    editorial_en = "<p>Welcome to this issue.</p>"


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item
        skip_postgeneration_save = True

    issue = factory.SubFactory(IssueFactory)
    position = factory.Sequence(lambda n: n)
    kind = Item.Kind.ARTICLE
    title_en = factory.Sequence(lambda n: f"Item title {n}")
    title = factory.SelfAttribute("title_en")
    slug = factory.Sequence(lambda n: f"item-{n}")
    teaser_en = "What the item is about."
    body_en = "<p>The body of the item.</p>"


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"News title {n}")
    title = factory.SelfAttribute("title_en")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary_en = "What happened."
    summary = factory.SelfAttribute("summary_en")
    source_name = "City newsroom"
    source_url = "https://example.org/news"
    date = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    confirmed_at = factory.LazyFunction(timezone.now)
