"""Demo content: library resources about the demo Good Ideas (elibrary/demo/resources.json).

A few are PDF files the project writes itself (elibrary.pdf), stored in MEDIA_ROOT, so that
searching for a word found only inside a document (try "pharmacists" or "floor coaches") shows
the search reading the files. Idempotent: resources are updated by slug; a PDF is rewritten only
when its content changed.
"""

import json
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.base import ContentFile

from core.demo import translated
from elibrary.models import Resource
from elibrary.pdf import make_pdf
from elibrary.services import resource_save
from goodideas.models import GoodIdea
from places.models import Theme

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "resources.json"


def load() -> str:
    items = json.loads(DEMO_FILE.read_text())
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    ideas = {idea.slug: idea for idea in GoodIdea.objects.select_related("city__country", "organisation")}
    files = 0
    for number, item in enumerate(items):
        related = [ideas[slug] for slug in item["ideas"] if slug in ideas]
        publisher = related[0].organisation if related else None
        resource = Resource.objects.filter(slug=item["slug"]).first() or Resource(slug=item["slug"])
        resource.kind = item["kind"]
        resource.authors = item["authors"]
        resource.publisher = publisher
        resource.publication_year = item["year"]
        resource.languages = item["languages"]
        resource.status = Resource.Status.PUBLISHED
        resource.published_at = datetime(2024, 1, 1, 9, tzinfo=UTC).replace(day=1 + number % 28)
        for name, value in {**translated("title", item["title"]), **translated("summary", item["summary"])}.items():
            setattr(resource, name, value)
        file_changed = False
        if "pdf" in item:
            content = make_pdf(item["title"]["en"], item["pdf"], author=item["authors"])
            resource.external_url = ""
            if (
                not resource.file
                or resource.file_size != len(content)
                or not resource.file.storage.exists(resource.file.name)
            ):
                resource.file = ContentFile(content, name=f"{item['slug']}.pdf")
                file_changed = True
                files += 1
        else:
            resource.external_url = item["url"]
            file_changed = bool(resource.file)
            resource.file = None
        resource_save(resource=resource, file_changed=file_changed)
        resource.themes.set([themes[slug] for slug in item["themes"] if slug in themes])
        resource.related_ideas.set(related)
        cities = {idea.city for idea in related}
        resource.cities.set(cities)
        resource.countries.set({city.country for city in cities})
        resource.tags.set([item["kind"].replace("-", " ")], clear=True)
    return f"{len(items)} resources ({files} PDF files written)"
