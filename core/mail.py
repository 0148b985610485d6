"""E-mail in the recipient's language, as plain text and (where a template exists) HTML.

Links in e-mails point to the portal's public address: DJANGO_SITE_URL, else the address of the request
that caused the mail (middleware.mail_links remembers it for the length of the request).
Outside a request (management commands) without DJANGO_SITE_URL there is no address to trust, so
`site_url()` raises `NoSiteURL` rather than send links to a wrong host; `links_to()` gives one.
"""

from contextlib import contextmanager
from contextvars import ContextVar, copy_context

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

# The address links lead to while a request (or a command given --site-url) is being handled: a string,
# or the request itself, read only when a mail needs it.
_base = ContextVar("mail_base", default=None)


class NoSiteURL(ImproperlyConfigured):
    """An e-mail with links was to be sent outside a request, and DJANGO_SITE_URL is not set."""


def site_url() -> str:
    """The portal's public address for links in e-mails, without a final slash."""
    base = _base.get()
    if isinstance(base, str):  # given on purpose (a command's --site-url)
        return base
    if settings.SITE_URL:
        return settings.SITE_URL
    if base is not None:
        return base.build_absolute_uri("/").rstrip("/")
    raise NoSiteURL(
        "E-mails need the portal's public address for their links: set DJANGO_SITE_URL "
        "(e.g. https://citiesofmigration.org), or give the command --site-url."
    )


@contextmanager
def links_to(base):
    """Links in e-mails sent inside this block lead to `base`: an address such as
    "https://citiesofmigration.org" (it wins over DJANGO_SITE_URL), or a request (its scheme and host,
    used where DJANGO_SITE_URL is unset)."""
    token = _base.set(base.rstrip("/") if isinstance(base, str) else base)
    try:
        yield
    finally:
        _base.reset(token)


def on_commit(function) -> None:
    """Run `function` (which sends mail) once the transaction commits, with the links of now: the
    request that caused it, even if the commit comes after the request is done."""
    context = copy_context()
    transaction.on_commit(lambda: context.run(function))


def render_subject(template: str, context: dict) -> str:
    """A subject line from `template`: plain text on one line, never HTML-escaped ("Housing & work")."""
    compiled = get_template(template).template
    return " ".join(compiled.render(Context(context, autoescape=False)).split())


def member_name(user) -> str:
    """The name to greet a member by: the display name of their profile, else "" (greet without a name)."""
    profile = getattr(user, "profile", None) if user is not None else None
    return (getattr(profile, "display_name", "") or "").strip()


def member_language(user, default: str | None = None) -> str:
    """The language a member chose for their e-mails (their profile), else `default`, else the site's."""
    profile = getattr(user, "profile", None) if user is not None else None
    language = getattr(profile, "preferred_language", None)
    codes = {code for code, _name in settings.LANGUAGES}
    if language in codes:
        return language
    return default if default in codes else settings.LANGUAGE_CODE


def build_message(
    template: str, context: dict, *, to: list[str], language: str, reply_to: list[str] | None = None
) -> EmailMultiAlternatives:
    """The message from `<template>_subject.txt`, `<template>.txt` and, if it exists, `<template>.html`.

    Rendered with `language` active, so that texts and reversed URLs are in the recipient's language.
    Templates get `site_url` for absolute links: `{{ site_url }}{{ idea.get_absolute_url }}`.
    """
    with translation.override(language):
        context = {"site_url": site_url(), "language": language, **context}
        subject = render_subject(f"{template}_subject.txt", context)
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
