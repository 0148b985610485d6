"""The demo library: loading twice changes nothing; its shipped PDF files are read (by the extraction jobs
the loader queues) and found by their words."""

from django.core.management import call_command

from elibrary.models import Resource


def test_loading_the_demo_twice_changes_no_library_row(demo_loaded_twice):
    first, second = demo_loaded_twice
    assert first["elibrary.Resource"]
    assert first["elibrary.Resource"] == second["elibrary.Resource"]


def test_a_word_found_only_inside_a_demo_pdf_finds_its_resource(run_jobs, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", verbosity=0)
    assert set(run_jobs()) == {("elibrary.extract_text", "succeeded")}
    resource = Resource.objects.published().get(slug="museums-as-meeting-places-multaqa-evaluation")
    assert resource.file.name.endswith(".pdf")
    assert resource.file_size
    assert "twenty-five guides" in resource.extracted_text
    assert resource.extraction == "done"
    page = client.get("/en/library/", {"q": "twenty-five guides"}).content.decode()
    assert "Museums as Meeting Places" in page
