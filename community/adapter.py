"""How allauth and axes fit the portal: profiles made at sign-up, sign-in names that axes counts."""

from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext

from core import mail, ratelimit

# The links allauth puts in its e-mails.
MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from community.services.members import profile_for

            profile = profile_for(user)
            profile.preferred_language = translation.get_language() or profile.preferred_language
            profile.save(update_fields=["preferred_language"])
        return user

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails: in the member's language (where the portal knows it), greeting them by their
        display name, with links on the portal's public address, signed with it."""
        user = context.get("user") or _user_with_address(email)
        language = mail.member_language(user, translation.get_language())
        base = mail.site_url()
        # Translated from the language of the page they were made in (only its prefix resolves), before switching.
        links = {name: _on(base, translate_url(context[name], language)) for name in MAIL_LINKS if name in context}
        with translation.override(language):
            site = SimpleNamespace(name=gettext("Cities of Migration"), domain=base.split("//", 1)[-1])
            super().send_mail(
                template_prefix,
                email,
                {"current_site": site, **context, **links, "greeting_name": mail.member_name(user)},
            )

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The confirmation link carries the sign-up's `next`: confirmed in another browser (a phone's
        mail app), it still leads back to the page the member signed up from."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        next_url = (request.POST.get("next") or request.GET.get("next")) if request is not None else ""
        if next_url and self.is_safe_url(next_url):
            url += "?" + urlencode({"next": next_url})
        return url

    def get_client_ip(self, request):
        return ratelimit.client_ip(request)


def _user_with_address(email: str):
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user__profile").first()
    return address.user if address else None


def _on(base: str, url: str) -> str:
    """`url` (absolute or a path) moved onto the public address `base`."""
    parts = urlsplit(url)
    return base + urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def axes_username(request, credentials=None) -> str:
    """The address someone tried to sign in with: allauth passes `email`, its form posts `login`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = getattr(request, "POST", {}).get("login", "")
    return (value or "").strip().lower()


def user_display(user) -> str:
    """How allauth names a member (in its e-mails and messages): the display name, never the username."""
    from community.services.members import profile_for

    return profile_for(user).display_name or user.email
