"""What the apps tell the portal from their AppConfig.ready() (core.registry), and in which order."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core import registry


def test_site_search_narrows_by_every_kind_in_a_stable_order():
    assert list(registry.search_sources()) == ["ideas", "library", "webinars", "events", "ezine", "news", "community"]


def test_demo_content_loads_each_app_after_what_it_links_to():
    names = [loader.name for loader in registry.demo_loaders()]

    assert [name for name in names if name != "core"][:2] == ["places", "goodideas"]  # synonyms link to nothing
    for loader in registry.demo_loaders():
        assert all(names.index(before) < names.index(loader.name) for before in loader.after), loader.name
    assert set(names) == {"core", "places", "goodideas", "elibrary", "webinars", "conversations", "community"}


def test_a_loader_runs_after_those_it_names_whatever_the_order_of_registration(monkeypatch):
    monkeypatch.setattr(registry, "_demo_loaders", {})
    registry.register_demo("talks", lambda: "", after=["ideas", "places"])
    registry.register_demo("ideas", lambda: "", after=["places"])
    registry.register_demo("places", lambda: "")

    assert [loader.name for loader in registry.demo_loaders()] == ["places", "ideas", "talks"]


@pytest.mark.parametrize(
    ("loaders", "message"),
    [
        ({"ideas": ["places"]}, "unknown"),
        ({"ideas": ["talks"], "talks": ["ideas"]}, "wait for each other"),
    ],
)
def test_loaders_that_cannot_be_ordered_are_refused_clearly(monkeypatch, loaders, message):
    monkeypatch.setattr(registry, "_demo_loaders", {})
    for name, after in loaders.items():
        registry.register_demo(name, lambda: "", after=after)

    with pytest.raises(ImproperlyConfigured, match=message):
        registry.demo_loaders()


def test_home_sections_come_in_their_order():
    templates = [section.template for section in registry.home_sections()]

    assert templates == ["goodideas/home_section.html", "webinars/home_section.html", "conversations/home_section.html"]


def test_the_member_data_export_starts_with_the_account_and_ends_with_the_sign_ins():
    keys = [part.key for part in registry.personal_data()]

    assert keys[:2] == ["account", "profile"]
    assert keys[-2:] == ["sign_ins", "failed_sign_ins"]
    assert {"webinar_registrations", "newsletter_subscriptions", "good_idea_proposals"} <= set(keys)


def test_registering_again_replaces_rather_than_repeats(monkeypatch):
    monkeypatch.setattr(registry, "_sitemaps", {})
    registry.register_sitemap("ideas", object)
    registry.register_sitemap("ideas", dict)

    assert registry.sitemaps() == {"ideas": dict}
