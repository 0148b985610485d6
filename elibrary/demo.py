"""Demo content: library resources about the demo Good Ideas (elibrary/demo/resources.json).

A few are small real PDF files shipped with the demo (elibrary/demo/files/), copied to MEDIA_ROOT, so
that searching for a word found only inside a document (try "pharmacists" or "floor coaches") shows the
search reading the files. Idempotent: resources are updated by slug; a file is copied again only when it
is missing or its size changed.
"""

from datetime import UTC, datetime
from pathlib import Path

from django.core.files.base import ContentFile

from core.demo import by_slug, pick, read, translated
from elibrary.models import Resource
from elibrary.services import resource_save
from goodideas.models import GoodIdea
from places.models import Theme

FILES = Path(__file__).resolve().parent / "demo" / "files"


def attach(resource: Resource, item: dict) -> bool:
    """Give `resource` the demo file or the link `item` names; True when its file changed."""
    if "file" not in item:
        resource.external_url = item["url"]
        changed = bool(resource.file)
        resource.file = None
        return changed
    content = (FILES / item["file"]).read_bytes()
    resource.external_url = ""
    if resource.file and resource.file_size == len(content) and resource.file.storage.exists(resource.file.name):
        return False
    resource.file = ContentFile(content, name=item["file"])
    return True


def load_resource(item: dict, number: int, themes: dict, ideas: dict) -> bool:
    """Create or update the resource `item` describes (by slug); True when a file was written."""
    related = pick(ideas, item["ideas"])
    resource = Resource.objects.filter(slug=item["slug"]).first() or Resource(slug=item["slug"])
    resource.kind = item["kind"]
    resource.authors = item["authors"]
    resource.publisher = related[0].organisation if related else None
    resource.publication_year = item["year"]
    resource.languages = item["languages"]
    resource.status = Resource.Status.PUBLISHED
    resource.published_at = datetime(2024, 1, 1, 9, tzinfo=UTC).replace(day=1 + number % 28)
    for name, value in {**translated("title", item["title"]), **translated("summary", item["summary"])}.items():
        setattr(resource, name, value)
    file_changed = attach(resource, item)
    resource_save(resource=resource, file_changed=file_changed)  # reads the file's text and facts
    cities = {idea.city for idea in related}
    resource.themes.set(pick(themes, item["themes"]))
    resource.related_ideas.set(related)
    resource.cities.set(cities)
    resource.countries.set({city.country for city in cities})
    resource.tags.set([item["kind"].replace("-", " ")])
    return file_changed and "file" in item


def load() -> str:
    items = read(__file__, "resources.json")
    themes = by_slug(Theme)
    ideas = by_slug(GoodIdea.objects.select_related("city__country", "organisation"))
    files = sum(load_resource(item, number, themes, ideas) for number, item in enumerate(items))
    return f"{len(items)} resources ({files} PDF files written)"
