"""Uploads in an S3-compatible bucket (settings.media_storage), served back by the portal.

django-storages' S3 backend would hand out addresses in the bucket (signed, expiring ones for a private
bucket). We keep the portal's own: `url()` is MEDIA_URL + name, and core.uploads.serve streams the file
from the bucket. So a protected file (an unpublished resource) is refused from the moment it is
unpublished, where a signed URL would stay valid until it expired; uploaded files keep the headers that
make them harmless (core.uploads.media_headers); and pages need no other host in their
Content-Security-Policy. A cache in front (deploy/default.vcl) keeps the public ones.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class MediaStorage(S3Storage):
    default_acl = None  # the bucket's own policy: private
    querystring_auth = True  # were an address in the bucket ever given out, it would be signed and expire

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))
