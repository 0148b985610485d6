import factory
from django.core.files.base import ContentFile

from core import extract
from elibrary.models import Resource
from elibrary.services import resource_read_file
from tests.elibrary.pdf import make_pdf
from tests.places.factories import OrganisationFactory


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Resource {n}")
    title = factory.SelfAttribute("title_en")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    summary_en = "A report about cities."
    summary = factory.SelfAttribute("summary_en")
    kind = Resource.Kind.RESEARCH_REPORT
    publisher = factory.SubFactory(OrganisationFactory)
    publication_year = 2020
    languages = factory.LazyFunction(lambda: ["en"])
    external_url = "https://example.org/report"
    status = Resource.Status.PUBLISHED


def pdf_resource(text: str, **kwargs) -> Resource:
    """A resource whose file is a real PDF saying `text`, read as the admin and the extraction job would
    (the job's reading, in this process: tests of the job itself run it through the worker)."""
    resource = ResourceFactory.build(external_url="", publisher=OrganisationFactory(), **kwargs)
    data = make_pdf(resource.title_en, [text])
    resource.file = ContentFile(data, name="upload.pdf")
    resource_read_file(resource=resource)
    found = extract.read_text(data, "pdf")
    resource.extracted_text, resource.page_count, resource.extraction = found.text, found.pages, "done"
    resource.save()
    return resource
