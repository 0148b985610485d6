"""How allauth and axes fit the portal: profiles made at sign-up, sign-in names that axes counts."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from citiesofmigration import ratelimit


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            from community.services import profile_for

            profile = profile_for(user)
            profile.preferred_language = translation.get_language() or profile.preferred_language
            profile.save(update_fields=["preferred_language"])
        return user

    def get_client_ip(self, request):
        return ratelimit.client_ip(request)


def axes_username(request, credentials=None) -> str:
    """The address someone tried to sign in with: allauth passes `email`, its form posts `login`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = getattr(request, "POST", {}).get("login", "")
    return (value or "").strip().lower()
