"""Members' profiles (made on first need, a typed city waiting for an editor) and blocking a member."""

from allauth.account.models import EmailAddress
from django.utils import timezone

from community.models import Profile
from core import alerts, versioning
from places import services as places
from places.models import TypedPlace


def profile_for(user) -> Profile:
    profile = getattr(user, "_profile_cache", None)
    if profile is not None:
        return profile
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(
            user=user, defaults={"display_name": user.get_full_name() or user.get_username()}
        )
    return profile


def profile_save(*, profile: Profile, new_city: str = "", new_country: str = "") -> Profile:
    """Save a profile edited by its member. A typed city becomes the portal's city of that name, or
    waits for an editor's review (places.services); choosing a city from the list forgets a typed one."""
    if new_city:
        found = places.place_typed(city_name=new_city, country_text=new_country)
        if isinstance(found, TypedPlace):
            profile.city, profile.place = found.city, found
        else:
            profile.city, profile.place = found, None
    else:
        profile.place = None
    profile.save()
    return profile


def profiles_place_resolved(place, city) -> int:
    """Members who typed a place get the city an editor chose for it (places.services.place_resolve)."""
    changed = Profile.objects.filter(place=place, city__isnull=True).update(city=city)
    versioning.bump()  # a bulk write sends no signals; members' cities can show with their posts
    return changed


def member_block(*, user) -> None:
    profile = profile_for(user)
    if profile.blocked_at is None:
        profile.blocked_at = timezone.now()
        profile.save(update_fields=["blocked_at"])


def member_unblock(*, user) -> None:
    Profile.objects.filter(user=user).update(blocked_at=None)


# Receivers (connected in CommunityConfig.ready): thin, the work is core.alerts.alerts_attach.
def alerts_claim_on_confirmation(sender, request=None, email_address=None, **kwargs) -> None:
    """allauth's `email_confirmed`: the member has just proved the address (sign-up, or a new address)."""
    if email_address is not None and email_address.user_id:
        alerts.alerts_attach(user=email_address.user, addresses=[email_address.email])


def alerts_claim_on_sign_in(sender, request=None, user=None, **kwargs) -> None:
    """Django's `user_logged_in`: alerts a visitor confirmed before signing up, or since, under a verified
    address of the member's."""
    if user is not None:
        verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
        alerts.alerts_attach(user=user, addresses=list(verified))
