import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from elibrary.models import Resource
from places.models import Organisation
from tests.core.support import table_counts
from tests.elibrary.factories import ResourceFactory
from tests.elibrary.files import HEADER

pytestmark = pytest.mark.django_db


def test_command_imports_reports_skipped_rows_and_is_idempotent(run_jobs, csv_file):
    out = io.StringIO()
    call_command("import_library", str(csv_file), stdout=out, stderr=io.StringIO())
    report = out.getvalue()
    assert "2 created, 0 updated, 9 skipped." in report
    assert "line 4: no English title" in report
    assert "line 5: unknown kind “novel”" in report
    assert "line 6: the year “soon” is not a year" in report
    assert "line 7: give either a url or a file" in report
    assert "line 8: give either a url or a file" in report
    assert "line 9: This file is not in a format accepted here" in report
    assert "line 10: no file “../../etc/passwd”" in report
    assert "line 11: unknown city “atlantis”" in report
    assert "line 12: unknown document language “klingon”" in report

    assert run_jobs() == [("elibrary.extract_text", "succeeded")]  # the worker reads the one file
    guide = Resource.objects.get(slug="mentor-guide")
    assert guide.title_fr == "Guide du mentorat"
    assert guide.file_format == "pdf"
    assert guide.page_count == 1
    assert "Credential recognition" in guide.extracted_text
    assert {theme.slug for theme in guide.themes.all()} == {"work", "learn"}
    assert [idea.slug for idea in guide.related_ideas.all()] == ["mentoring"]
    assert sorted(tag.name for tag in guide.tags.all()) == ["jobs", "mentoring"]
    assert guide.languages == ["en", "fr"]
    assert Resource.objects.get(slug="welcoming-cities").external_url == "https://example.org/standard"
    file_name = guide.file.name

    out = io.StringIO()
    call_command("import_library", str(csv_file), stdout=out, stderr=io.StringIO())
    assert "0 created, 2 updated, 9 skipped." in out.getvalue()
    assert Resource.objects.count() == 2
    assert Organisation.objects.filter(name="TRIEC").count() == 1
    guide.refresh_from_db()
    assert guide.file.name == file_name  # the same file is not stored again
    assert run_jobs() == [("elibrary.extract_text", "succeeded")]  # nor read again


def test_command_refuses_a_missing_file(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No file"):
        call_command("import_library", str(tmp_path / "nope.csv"))


def test_admin_import_page(admin_client, run_jobs):
    data = (HEADER + ",Welcoming cities,,A standard.,toolkit,,,2020,,en,https://example.org/s,,plan,,,\n").encode()
    response = admin_client.get("/admin/elibrary/resource/import/")
    assert response.status_code == 200
    response = admin_client.post(
        "/admin/elibrary/resource/import/", {"csv_file": SimpleUploadedFile("library.csv", data)}
    )
    assert response.status_code == 302
    assert not Resource.objects.filter(slug="welcoming-cities").exists()  # the worker imports it

    assert run_jobs() == [("elibrary.import_csv", "succeeded")]
    assert Resource.objects.filter(slug="welcoming-cities").exists()
    bad = (HEADER + ",With a file,,,toolkit,,,2020,,,,docs/a.pdf,,,,\n").encode()
    response = admin_client.post("/admin/elibrary/resource/import/", {"csv_file": SimpleUploadedFile("b.csv", bad)})
    run_jobs()
    page = admin_client.get(response["Location"]).content.decode()
    assert "Download the 1 skipped row and why (CSV)" in page
    report = admin_client.get(response["Location"].replace("change/", "skipped.csv"))
    text = b"".join(report.streaming_content).decode("utf-8-sig")
    assert "only be imported with the import_library command" in text


def test_admin_import_refuses_a_file_that_is_not_utf8(admin_client):
    response = admin_client.post(
        "/admin/elibrary/resource/import/", {"csv_file": SimpleUploadedFile("l.csv", "titre,é\n".encode("latin-1"))}
    )
    assert "is not UTF-8 text" in response.content.decode()


def test_import_page_is_for_editors_only(client):
    response = client.get("/admin/elibrary/resource/import/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_export_csv_action_gives_columns_the_import_reads(admin_client):
    resource = ResourceFactory(title_en="Exported", title_fr="Exporté", languages=["en", "fr"])
    response = admin_client.post(
        "/admin/elibrary/resource/", {"action": "export_csv", "_selected_action": [resource.pk]}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0]["slug"] == resource.slug
    assert rows[0]["title_fr"] == "Exporté"
    assert rows[0]["languages"] == "en;fr"


def test_admin_pages_answer(admin_client):
    resource = ResourceFactory()
    assert admin_client.get("/admin/elibrary/resource/").status_code == 200
    assert admin_client.get("/admin/elibrary/resource/?q=resource&kind__exact=toolkit").status_code == 200
    assert admin_client.get(f"/admin/elibrary/resource/{resource.pk}/change/").status_code == 200
    assert admin_client.get("/admin/elibrary/resource/add/").status_code == 200


def test_editors_can_import_and_manage_resources(client, editor):
    client.force_login(editor)
    assert client.get("/admin/elibrary/resource/import/").status_code == 200
    assert client.get("/admin/elibrary/resource/add/").status_code == 200


def test_staff_without_permission_cannot_import(client, django_user_model):
    user = django_user_model.objects.create_user("staff", "s@example.org", "a long password 123", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/elibrary/resource/import/").status_code == 403


def test_export_marks_formulas_as_text_and_the_import_reads_them_back(admin_client, run_jobs):
    resource = ResourceFactory(
        title_en="=HYPERLINK(1)", summary_en="-5 % in a year", authors="@Team", slug="formula", languages=["en"]
    )
    response = admin_client.post(
        "/admin/elibrary/resource/", {"action": "export_csv", "_selected_action": [resource.pk]}
    )
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert (rows[0]["title_en"], rows[0]["summary_en"], rows[0]["authors"]) == (
        "'=HYPERLINK(1)",
        "'-5 % in a year",
        "'@Team",
    )
    Resource.objects.filter(pk=resource.pk).update(title_en="changed", summary_en="", authors="")

    response = admin_client.post(
        "/admin/elibrary/resource/import/", {"csv_file": SimpleUploadedFile("l.csv", text.encode())}
    )

    assert response.status_code == 302
    run_jobs()
    resource.refresh_from_db()
    assert (resource.title_en, resource.summary_en, resource.authors) == ("=HYPERLINK(1)", "-5 % in a year", "@Team")


def test_cells_beyond_the_header_are_left_out(admin_client, run_jobs):
    data = (HEADER + ",Extra cells,,,toolkit,,,2020,,en,https://example.org/x,,,,,,,one,two\n").encode()
    response = admin_client.post("/admin/elibrary/resource/import/", {"csv_file": SimpleUploadedFile("x.csv", data)})
    assert response.status_code == 302
    run_jobs()
    assert Resource.objects.filter(slug="extra-cells").exists()


def test_the_import_leaves_fresh_statistics_for_the_planner(csv_file, django_capture_on_commit_callbacks):
    """ANALYZE runs on the resources and their link tables once the import is committed."""
    before = {table: table_counts(table)[1] for table in ("elibrary_resource", "elibrary_resource_themes")}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("import_library", str(csv_file), stdout=io.StringIO(), stderr=io.StringIO())
    assert callbacks
    for table, count in before.items():
        assert table_counts(table)[1] == count + 1, table
