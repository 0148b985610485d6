"""How allauth and axes fit the portal: profiles made at sign-up, sign-in names that axes counts."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from citiesofmigration import mail, ratelimit


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from community.services import profile_for

            profile = profile_for(user)
            profile.preferred_language = translation.get_language() or profile.preferred_language
            profile.save(update_fields=["preferred_language"])
        return user

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails greet from "Cities of Migration" and sign with the public address."""
        request = getattr(self, "request", None)
        address = settings.SITE_URL or (f"//{request.get_host()}" if request is not None else mail.site_url())
        site = SimpleNamespace(name=gettext("Cities of Migration"), domain=address.split("//", 1)[-1])
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    def get_client_ip(self, request):
        return ratelimit.client_ip(request)


def axes_username(request, credentials=None) -> str:
    """The address someone tried to sign in with: allauth passes `email`, its form posts `login`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = getattr(request, "POST", {}).get("login", "")
    return (value or "").strip().lower()


def user_display(user) -> str:
    """How allauth names a member (in its e-mails and messages): the display name, never the username."""
    from community.services import profile_for

    return profile_for(user).display_name or user.email
