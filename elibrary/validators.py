"""Checks on uploaded files: an accepted format recognised by content, and a size limit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from elibrary.formats import FORMATS, detect


def max_upload_bytes() -> int:
    return int(getattr(settings, "ELIBRARY_MAX_UPLOAD_MB", 50)) * 1024 * 1024


def validate_upload(file) -> str:
    """Raise ValidationError unless `file` is small enough and in an accepted format; return its format."""
    limit = max_upload_bytes()
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest file the library accepts is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    if not file.size:
        raise ValidationError(_("This file is empty."), code="empty")
    extension = detect(file)
    if extension is None:
        raise ValidationError(
            _("This file is not one the library accepts. Accepted formats: %(formats)s."),
            code="format",
            params={"formats": ", ".join(item.label for item in FORMATS.values())},
        )
    return extension
