"""RSS and Atom feeds of the upcoming webinars, in the language of the URL."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.feeds import KeptItemsFeed, atom
from webinars.models import Webinar
from webinars.templatetags.webinar_tags import clock, day_text, zone_label


class UpcomingWebinarsFeed(KeptItemsFeed):
    title = _("Cities of Migration: upcoming webinars")
    description = _("The next webinars of the Learning Exchange: city-to-city learning with no carbon footprint.")

    def link(self):
        return reverse("webinars:list")

    def rows(self, obj):
        return Webinar.objects.published().upcoming()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        local = item.starts_at.astimezone(item.zone)
        return f"{day_text(local)}, {clock(local)} {zone_label(local)}. {item.summary}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return f"webinar-{item.pk}"

    item_guid_is_permalink = False


UpcomingWebinarsAtomFeed = atom(UpcomingWebinarsFeed)
