"""The demo Good Ideas: loading twice changes nothing (ideas, their tags, partners and further reading)."""

from goodideas.models import GoodIdea


def test_loading_the_demo_twice_changes_no_good_idea(demo_loaded_twice):
    first, second = demo_loaded_twice
    assert first["goodideas.GoodIdea"]
    assert first["goodideas.FurtherReading"]
    for label in ("goodideas.GoodIdea", "goodideas.FurtherReading", "places.TaggedItem"):
        assert first[label] == second[label], label
    assert first["goodideas.GoodIdea_themes"]
    assert first["goodideas.GoodIdea_partners"]
    links = [label for label in first if label.startswith("goodideas.GoodIdea_")]  # themes, partners, related
    assert all(first[label] == second[label] for label in links)


def test_the_demo_ideas_are_published_in_three_languages(demo_loaded_twice, client):
    idea = GoodIdea.objects.published().get(slug="multaqa-museums-welcome-refugees")
    assert idea.title_fr == "Multaqa : les musées accueillent les réfugiés"
    assert idea.title_de == "Multaqa: Museen heißen Geflüchtete willkommen"
    assert idea.themes.exists()
    assert idea.tags.get(name="museums").name_de == "Museen"  # the demo tags have French and German names
    assert "Multaqa" in client.get("/de/ideas/").content.decode()
