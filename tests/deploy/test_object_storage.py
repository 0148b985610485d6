"""Uploads in an S3 bucket (MEDIA_STORAGE_URL), against a local S3 server (moto's server mode)."""

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from citiesofmigration.settings import media_storage
from core.publication import Status
from tests.deploy.conftest import S3_CREDENTIALS, SHARED_BUCKET, s3_client
from tests.elibrary.factories import pdf_resource

BUCKET = "uploads"


@pytest.fixture
def local_s3(s3_server):
    if s3_server is None:
        pytest.skip("moto's server is not installed: pip install -c constraints.txt 'moto[server]'")
    return s3_server


def configure(monkeypatch, settings, environment: dict) -> None:
    """This process's uploads as an operator's environment says."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}


@pytest.fixture
def bucket(local_s3, settings, monkeypatch, tmp_path):
    """The portal configured as an operator would, with an empty bucket; returns the bucket's client."""
    url = f"s3://{BUCKET}?endpoint_url={local_s3}&region_name=us-east-1"
    client = s3_client(local_s3)
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path / "media"
    configure(monkeypatch, settings, {"MEDIA_STORAGE_URL": url, **S3_CREDENTIALS})
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def stored_keys(client, bucket: str = BUCKET) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


@pytest.mark.django_db
def test_an_uploaded_file_goes_to_the_bucket_and_is_served_through_the_portal(bucket, client, settings):
    resource = pdf_resource("Housing first in Vienna.")

    assert stored_keys(bucket) == [resource.file.name]
    assert resource.file.name.startswith("library/")
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.pdf"))

    download = client.get(reverse("elibrary:download", args=[resource.slug]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Type"] == "application/pdf"
    head = client.head(reverse("elibrary:download", args=[resource.slug]))
    assert head.status_code == 200
    assert int(head["Content-Length"]) == resource.file_size

    # The file's own address is the portal's, with the headers that make an upload harmless.
    assert resource.file.url == f"/media/{resource.file.name}"
    served = client.get(resource.file.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_an_unpublished_resource_file_is_refused_at_once(bucket, client):
    resource = pdf_resource("Housing first in Vienna.")
    address = resource.file.url

    resource.status = Status.WITHDRAWN
    resource.save()

    assert client.get(reverse("elibrary:download", args=[resource.slug])).status_code == 404
    assert client.get(address).status_code == 404
    assert stored_keys(bucket) == [resource.file.name]  # still kept, for the editors


@pytest.mark.django_db
def test_a_file_missing_from_the_bucket_is_a_404(bucket, client):
    resource = pdf_resource("Housing first in Vienna.")
    bucket.delete_object(Bucket=BUCKET, Key=resource.file.name)

    assert client.get(reverse("elibrary:download", args=[resource.slug])).status_code == 404
    assert client.head(reverse("elibrary:download", args=[resource.slug])).status_code == 404
    assert client.get(resource.file.url).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_both_app_servers_serve_a_file_from_the_shared_bucket(
    app_servers, local_s3, shared_storage, site, settings, monkeypatch
):
    """Saved by one process (as an editor's save on any server), served by each app server from the
    bucket they share: none keeps uploads on its own disk."""
    configure(monkeypatch, settings, shared_storage)
    resource = pdf_resource("Housing first in Vienna.")
    assert resource.file.name in stored_keys(s3_client(local_s3), SHARED_BUCKET)
    download = reverse("elibrary:download", args=[resource.slug])

    for server in site.apps:
        answer = requests.get(f"{server}{download}")
        assert answer.status_code == 200
        assert answer.content.startswith(b"%PDF")

    resource.status = Status.WITHDRAWN
    resource.save()
    assert [requests.get(f"{server}{download}").status_code for server in site.apps] == [404, 404]


def test_without_the_variables_uploads_stay_on_disk(monkeypatch):
    for name in ("MEDIA_STORAGE_URL", "AWS_STORAGE_BUCKET_NAME"):
        monkeypatch.delenv(name, raising=False)
    assert media_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_the_usual_aws_variables_choose_the_bucket(monkeypatch):
    monkeypatch.delenv("MEDIA_STORAGE_URL", raising=False)
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "portal-files")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "http://minio:9000")

    storage = media_storage()

    assert storage["BACKEND"] == "core.objectstorage.MediaStorage"
    assert storage["OPTIONS"]["bucket_name"] == "portal-files"
    assert storage["OPTIONS"]["endpoint_url"] == "http://minio:9000"


@pytest.mark.parametrize("url", ["http://bucket", "s3://", "s3://bucket?acl=public-read"])
def test_a_wrong_storage_url_stops_start_up_with_a_message(monkeypatch, url):
    monkeypatch.setenv("MEDIA_STORAGE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE_URL"):
        media_storage()
