"""The text of every accepted document type is read by a background job (elibrary.extract_text) and found by
the library's search; a document that cannot be read is recorded as such, with why, for the editors."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from core import extract
from elibrary.models import Resource
from elibrary.services import resource_save
from tests.elibrary import files
from tests.elibrary.factories import ResourceFactory
from tests.elibrary.test_uploads import form_data

EXTRACT = ("elibrary.extract_text", "succeeded")


def upload(admin_client, name: str, data: bytes, slug: str = "uploaded-report") -> Resource:
    response = admin_client.post(
        "/admin/elibrary/resource/add/", {**form_data(slug=slug), "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Resource.objects.get(slug=slug)


@pytest.mark.parametrize("extension", list(files.DOCUMENTS))
def test_a_word_only_inside_an_uploaded_document_finds_it(extension, admin_client, client, run_jobs):
    word = f"zanzibarite{extension}"
    resource = upload(admin_client, f"report.{extension}", files.DOCUMENTS[extension](f"Mentors of {word} work."))
    assert client.get("/en/library/", {"q": word}).context["page_obj"].paginator.count == 0  # not read yet

    assert run_jobs() == [EXTRACT]

    resource.refresh_from_db()
    assert (resource.file_format, resource.extraction, resource.extraction_note) == (extension, "done", "")
    assert word in resource.extracted_text
    page = client.get("/en/library/", {"q": word})
    assert [found.pk for found in page.context["page_obj"]] == [resource.pk]
    assert "Uploaded report" in page.content.decode()


def test_a_pdf_gets_its_pages_from_the_job(admin_client, run_jobs):
    pages = files.make_pdf("Long", [f"Paragraph {n}." for n in range(50)])  # 102 lines, 44 a page
    resource = upload(admin_client, "long.pdf", pages)
    assert resource.page_count is None
    run_jobs()
    resource.refresh_from_db()
    assert resource.page_count == 3


def test_the_text_inside_scripts_styles_and_markup_is_not_kept():
    found = extract.read_text(files.epub("Chapter words."), "epub")
    assert found.text == "Chapter words."
    assert extract.read_text(files.xlsx("Cell words."), "xlsx").text == "Cell words. inline cell"  # not 42


def damaged_docx() -> bytes:
    return files.zipped(
        {"[Content_Types].xml": files.CONTENT_TYPES.encode(), "word/document.xml": b"<w:document><w:body><w:p>"}
    )


def test_a_damaged_document_is_saved_and_its_failure_shown_to_editors(admin_client, run_jobs):
    resource = upload(admin_client, "broken.docx", damaged_docx())

    assert run_jobs() == [EXTRACT]  # the job itself succeeds: retrying would not mend the file

    resource.refresh_from_db()
    assert resource.extraction == "failed"
    assert "not well-formed XML" in resource.extraction_note
    assert resource.extracted_text == ""
    listing = admin_client.get("/admin/elibrary/resource/", {"extraction__exact": "failed"})
    assert list(listing.context["cl"].result_list) == [resource]
    page = admin_client.get(f"/admin/elibrary/resource/{resource.pk}/change/").content.decode()
    assert "not well-formed XML" in page


def bomb() -> bytes:
    """A DOCX of 150 kB that unpacks to 101 MB (of spaces between two tags)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", files.CONTENT_TYPES)
        with package.open("word/document.xml", "w") as part:
            part.write(f'<w:document xmlns:w="{files.W}"><w:body>'.encode())
            for _ in range(101):
                part.write(b" " * (1024 * 1024))
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def test_a_zip_bomb_is_stopped_at_the_limit_and_recorded(admin_client, run_jobs):
    data = bomb()
    assert len(data) < 1024 * 1024
    resource = upload(admin_client, "bomb.docx", data)

    assert run_jobs() == [EXTRACT]

    resource.refresh_from_db()
    assert resource.extraction == "failed"
    assert resource.extraction_note == "the document unpacks to more than 100 MB"


def test_a_document_that_takes_too_long_is_stopped():
    with pytest.raises(extract.ExtractionFailed, match=r"took longer than 0\.001 seconds"):
        extract.extract(files.pdf(), "pdf", seconds=0.001)


def test_only_the_first_characters_are_kept(monkeypatch):
    monkeypatch.setattr(extract, "MAX_CHARACTERS", 40)
    found = extract.read_text(files.docx("word " * 100), "docx")
    assert found.cut
    assert len(found.text) == 40


def test_a_file_replaced_before_its_job_ran_is_read_once_in_its_new_version(run_jobs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    resource = ResourceFactory.build(external_url="", publisher=None)
    resource.file = ContentFile(files.odt("First version."), name="a.odt")
    resource_save(resource=resource, file_changed=True)
    resource.file = ContentFile(files.odt("Second version."), name="b.odt")
    resource_save(resource=resource, file_changed=True)

    assert run_jobs() == [EXTRACT, EXTRACT]  # the first finds its file gone and leaves the resource alone

    resource.refresh_from_db()
    assert resource.extraction == "done"
    assert "Second version" in resource.extracted_text
    assert "First" not in resource.extracted_text


def test_the_backfill_reads_files_saved_before_extraction_existed(run_jobs, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    old = ResourceFactory(external_url="", file=ContentFile(files.pptx("Backfilled slides."), name="s.pptx"))
    read = ResourceFactory(external_url="", file=ContentFile(files.pdf(), name="r.pdf"), extraction="done")
    ResourceFactory()  # an address, no file
    assert old.extraction == ""

    call_command("extract_library_text", verbosity=0)
    assert run_jobs() == [EXTRACT]

    old.refresh_from_db()
    assert (old.extraction, old.extracted_text) == ("done", "Welcome Backfilled slides.")
    read.refresh_from_db()
    assert read.extracted_text == ""  # already read: left alone without --all


def test_editors_can_have_a_file_read_again(admin_client, run_jobs):
    resource = upload(admin_client, "broken.docx", damaged_docx())
    run_jobs()
    with resource.file.storage.open(resource.file.name, "wb") as stored:
        stored.write(files.docx("Mended text."))

    response = admin_client.post(
        "/admin/elibrary/resource/",
        {"action": "extract_again", "_selected_action": [resource.pk]},
        follow=True,
    )
    assert "The text of 1 file will be read again" in response.content.decode()
    assert Resource.objects.get(pk=resource.pk).extraction == "queued"
    run_jobs()

    resource.refresh_from_db()
    assert (resource.extraction, resource.extraction_note, resource.extracted_text) == ("done", "", "Mended text.")
