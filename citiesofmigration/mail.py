"""E-mail in the recipient's language, as plain text and (where a template exists) HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation


def site_url() -> str:
    """The portal's public address for links in e-mails (DJANGO_SITE_URL; localhost where unset)."""
    return settings.SITE_URL or "http://127.0.0.1:8000"


def build_message(
    template: str, context: dict, *, to: list[str], language: str, reply_to: list[str] | None = None
) -> EmailMultiAlternatives:
    """The message from `<template>_subject.txt`, `<template>.txt` and, if it exists, `<template>.html`.

    Rendered with `language` active, so that texts and reversed URLs are in the recipient's language.
    Templates get `site_url` for absolute links: `{{ site_url }}{{ idea.get_absolute_url }}`.
    """
    with translation.override(language):
        context = {"site_url": site_url(), "language": language, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject, render_to_string(f"{template}.txt", context), to=to, reply_to=reply_to
        )
        try:
            html = get_template(f"{template}.html").render(context)
        except TemplateDoesNotExist:
            html = None
    if html:
        message.attach_alternative(html, "text/html")
    message.extra_headers["Content-Language"] = language
    return message


def send(template: str, context: dict, *, to: list[str], language: str, reply_to: list[str] | None = None) -> None:
    build_message(template, context, to=to, language=language, reply_to=reply_to).send()
