"""Uploads: one content check for every upload field, random stored names, files served so they never run."""

import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image

from core import uploads
from tests.elibrary import files
from tests.elibrary.factories import ResourceFactory
from tests.forms import admin_form
from tests.webinars.factories import SpeakerFactory, WebinarFactory
from webinars.models import Speaker

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_media_root")]

HTML = b"<!doctype html><title>slides</title><script>fetch('/admin/auth/user/add/')</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def image(kind="PNG", size=(4, 3)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, kind)
    return buffer.getvalue()


def test_every_upload_field_of_every_app_checks_content():
    fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    unchecked = [
        name
        for name in fields
        if not isinstance(
            apps.get_model(name.rsplit(".", 1)[0])._meta.get_field(name.rsplit(".", 1)[1]),
            uploads.DocumentField | uploads.ImageField,
        )
    ]
    assert fields  # slides, materials, images, library files…
    assert unchecked == []


def test_editor_cannot_upload_html_as_webinar_slides(client, editor, settings):
    webinar = WebinarFactory()
    client.force_login(editor)
    url = reverse("admin:webinars_webinar_change", args=[webinar.pk])
    data = admin_form(client, url)

    response = client.post(url, {**data, "slides": SimpleUploadedFile("slides.html", HTML, "text/html")})

    assert response.status_code == 200  # the form again, with the error
    assert "This file is not in a format accepted here" in response.content.decode()
    webinar.refresh_from_db()
    assert not webinar.slides
    assert not (settings.MEDIA_ROOT / "webinars").exists()


def test_slides_are_stored_under_a_random_name_with_the_contents_extension(client, editor):
    webinar = WebinarFactory()
    client.force_login(editor)
    url = reverse("admin:webinars_webinar_change", args=[webinar.pk])
    data = admin_form(client, url)

    # A PDF, whatever the uploader called it.
    response = client.post(url, {**data, "slides": SimpleUploadedFile("../My talk.html", files.pdf())})

    assert response.status_code == 302
    webinar.refresh_from_db()
    assert webinar.slides.name.startswith("webinars/slides/")
    assert webinar.slides.name.endswith(".pdf")
    assert "talk" not in webinar.slides.name
    assert ".." not in webinar.slides.name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", HTML),
        ("photo.svg", SVG),
        ("photo.png", b"GIF89a<script>alert(1)</script>"),  # a GIF's signature, then script
        ("photo.pdf", files.pdf()),  # a document is not an image
    ],
)
def test_editor_cannot_upload_a_non_image_as_a_photo(client, editor, name, content):
    client.force_login(editor)
    url = reverse("admin:webinars_speaker_add")
    data = {**admin_form(client, url), "name": "Ana Ruiz", "photo_alt_en": "Ana Ruiz"}

    response = client.post(url, {**data, "photo": SimpleUploadedFile(name, content, "image/png")})

    assert response.status_code == 200
    assert not Speaker.objects.exists()


def test_an_image_is_stored_under_a_random_name_with_its_real_format(client, editor):
    client.force_login(editor)
    url = reverse("admin:webinars_speaker_add")
    data = {**admin_form(client, url), "name": "Ana Ruiz", "photo_alt_en": "Ana Ruiz"}

    response = client.post(url, {**data, "photo": SimpleUploadedFile("Ana.png", image("JPEG"), "image/png")})

    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert speaker.photo.name.startswith("speakers/")
    assert speaker.photo.name.endswith(".jpg")
    assert "Ana" not in speaker.photo.name


def test_a_file_saved_without_a_form_is_checked_too():
    webinar = WebinarFactory()
    webinar.slides = SimpleUploadedFile("slides.pdf", HTML)

    with pytest.raises(ValidationError):
        webinar.save()


def test_an_oversized_image_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 100)
    speaker = SpeakerFactory.build(photo=SimpleUploadedFile("big.png", image(size=(20, 20))), photo_alt="A")

    with pytest.raises(ValidationError, match="too many pixels"):
        speaker.full_clean()


def fetch(client, url):
    """The response, read to the end (which closes a streamed file)."""
    response = client.get(url)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    return response


def put(settings, name: str, content: bytes) -> str:
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return f"/media/{name}"


@pytest.mark.parametrize("name", ["webinars/slides/2024/slides.html", "events/2024/material.svg", "ideas/x.js"])
def test_a_stored_page_or_script_is_served_as_a_download_that_cannot_run(client, settings, name):
    # Files uploaded before the check keep their names: the headers alone keep them harmless.
    response = fetch(client, put(settings, name, HTML))

    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "sandbox" in policy
    assert "script-src" not in policy  # falls back to 'none'


def test_images_and_pdfs_are_shown_in_place_under_a_strict_policy(client, settings):
    picture = fetch(client, put(settings, "ideas/2024/a.png", image()))
    document = fetch(client, put(settings, "webinars/slides/2024/a.pdf", files.pdf()))

    assert picture.status_code == document.status_code == 200
    assert picture["Content-Disposition"].startswith("inline")
    assert document["Content-Disposition"].startswith("inline")
    assert picture["Content-Type"] == "image/png"
    assert "sandbox" in picture["Content-Security-Policy"]
    assert "default-src 'none'" in document["Content-Security-Policy"]
    assert document["X-Content-Type-Options"] == "nosniff"


def test_a_file_of_an_unpublished_library_resource_is_not_served(client, settings, admin_client):
    resource = ResourceFactory(external_url="", status="draft")
    resource.file = SimpleUploadedFile("report.pdf", files.pdf())
    resource.save()
    url = resource.file.url

    assert fetch(client, url).status_code == 404
    assert fetch(admin_client, url).status_code == 200  # editors still check the file from the admin

    resource.publish()
    assert fetch(client, url).status_code == 200


def test_media_paths_cannot_leave_the_folder_or_dodge_the_publication_check(client, settings):
    resource = ResourceFactory(external_url="", status="draft")
    resource.file = SimpleUploadedFile("report.pdf", files.pdf())
    resource.save()
    dodge = "/media/ideas/../" + resource.file.name

    assert client.get(dodge).status_code == 404
    assert client.get("/media/../secret_key").status_code == 404


def test_a_photo_without_a_description_is_a_form_error_not_a_server_error(client, editor):
    client.force_login(editor)
    url = reverse("admin:webinars_speaker_add")
    data = {**admin_form(client, url), "name": "Ana Ruiz"}

    response = client.post(url, {**data, "photo": SimpleUploadedFile("Ana.png", image(), "image/png")})

    assert response.status_code == 200
    assert "Describe the photo for people who cannot see it." in response.content.decode()
    assert not Speaker.objects.exists()
