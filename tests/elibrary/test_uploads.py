"""Only accepted formats, recognised by their content, within the size limit; a clear error otherwise."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import detect_document
from elibrary.forms import ResourceAdminForm
from elibrary.models import Resource
from elibrary.services import resource_read_file
from tests.elibrary import files
from tests.elibrary.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (files.pdf, "pdf"),
        (files.docx, "docx"),
        (files.xlsx, "xlsx"),
        (files.pptx, "pptx"),
        (files.odt, "odt"),
        (files.epub, "epub"),
    ],
)
def test_accepted_formats_are_recognised_by_content(make, expected):
    # The name says .bin: the content decides.
    assert detect_document(SimpleUploadedFile("whatever.bin", make())) == expected


@pytest.mark.parametrize(
    "content",
    [
        b"just some text, named like a PDF",
        files.PNG,
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows program
        files.zipped({"readme.txt": b"a plain zip"}),
        b"PK\x03\x04 broken zip",
    ],
)
def test_other_files_are_refused(content):
    assert detect_document(SimpleUploadedFile("report.pdf", content)) is None


def form_data(**overrides):
    data = {
        "title_en": "Uploaded report",
        "slug": "uploaded-report",
        "kind": Resource.Kind.RESEARCH_REPORT,
        "publication_year": 2021,
        "status": "published",
        "publish_untranslated": "on",
    }
    data.update(overrides)
    return data


def test_form_refuses_a_file_that_is_not_a_document():
    upload = SimpleUploadedFile("report.pdf", b"not a pdf at all", content_type="application/pdf")
    form = ResourceAdminForm(data=form_data(), files={"file": upload})
    assert not form.is_valid()
    assert "not in a format accepted here" in form.errors["file"][0]
    assert "PDF" in form.errors["file"][0]


def test_form_refuses_a_file_over_the_limit(settings):
    settings.ELIBRARY_MAX_UPLOAD_MB = 1
    big = files.pdf() + b"%" + b"x" * (1024 * 1024)
    form = ResourceAdminForm(data=form_data(), files={"file": SimpleUploadedFile("big.pdf", big)})
    assert not form.is_valid()
    assert "the largest file accepted is 1.0" in form.errors["file"][0]


def test_form_refuses_an_empty_file():
    form = ResourceAdminForm(data=form_data(), files={"file": SimpleUploadedFile("empty.pdf", b"")})
    assert not form.is_valid()
    assert form.errors["file"]


def test_form_wants_a_file_or_an_address_but_not_both():
    form = ResourceAdminForm(data=form_data())
    assert not form.is_valid()
    assert "either a file or an external address" in str(form.errors)
    upload = SimpleUploadedFile("r.pdf", files.pdf())
    form = ResourceAdminForm(data=form_data(external_url="https://example.org/r"), files={"file": upload})
    assert not form.is_valid()
    assert "not both" in str(form.errors)


def test_admin_upload_reads_the_pdf_and_never_uses_the_users_name(admin_client):
    upload = SimpleUploadedFile("../../etc/My Report (final).pdf", files.pdf("Pharmacists find work through mentors."))
    response = admin_client.post("/admin/elibrary/resource/add/", {**form_data(), "file": upload})
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = Resource.objects.get(slug="uploaded-report")
    assert resource.file_format == "pdf"
    assert resource.file_size == resource.file.size
    assert resource.extraction == "queued"  # its text: test_extraction.py
    assert resource.file.name.startswith("library/2021/")
    assert resource.file.name.endswith(".pdf")
    assert "Report" not in resource.file.name
    assert ".." not in resource.file.name


def test_office_documents_get_their_page_count():
    resource = ResourceFactory.build(external_url="")
    resource.file = SimpleUploadedFile("slides.pptx", files.pptx())
    resource_read_file(resource=resource)
    assert (resource.file_format, resource.page_count) == ("pptx", 12)


def test_replacing_a_file_deletes_the_old_one(django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from elibrary.services import resource_save

    resource = ResourceFactory.build(external_url="", publisher=None)
    resource.file = ContentFile(files.pdf("First."), name="a.pdf")
    resource_save(resource=resource, file_changed=True)
    first = resource.file.name
    assert resource.file.storage.exists(first)
    resource.file = ContentFile(files.pdf("Second version."), name="b.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        resource_save(resource=resource, file_changed=True)
    assert not resource.file.storage.exists(first)
    assert resource.file.storage.exists(resource.file.name)
