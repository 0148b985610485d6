"""Admin forms: editors type a webinar's or session's times as clocks in its own time zone, not in UTC."""

import zoneinfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from webinars.models import Session, Webinar

LOCAL_HELP = _("Local time in the time zone chosen for the webinar.")
SESSION_HELP = _("Local time in the conference's time zone.")


class LocalTimesForm(forms.ModelForm):
    """Shows and reads `time_fields` as wall-clock times in `zone_name()`.

    Django reads a typed date and time in the current time zone (UTC here); clean() takes the clock
    reading as typed and attaches the right zone instead.
    """

    time_fields = ("starts_at", "ends_at")

    def zone_name(self, cleaned_data=None) -> str | None:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.zone_name()
        if self.instance.pk and name:
            zone = zoneinfo.ZoneInfo(name)
            for field in self.time_fields:
                value = getattr(self.instance, field)
                if value is not None:
                    self.initial[field] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        name = self.zone_name(cleaned_data)
        if name and name in zoneinfo.available_timezones():
            zone = zoneinfo.ZoneInfo(name)
            for field in self.time_fields:
                value = cleaned_data.get(field)
                if value is not None:
                    cleaned_data[field] = timezone.make_naive(value).replace(tzinfo=zone)
        return cleaned_data


class WebinarAdminForm(LocalTimesForm):
    class Meta:
        model = Webinar
        fields = ["title", "slug", "starts_at", "ends_at", "time_zone"]  # the admin's fieldsets add the rest
        help_texts = {"starts_at": LOCAL_HELP, "ends_at": LOCAL_HELP}

    def zone_name(self, cleaned_data=None):
        if cleaned_data is not None:
            return cleaned_data.get("time_zone")
        return self.instance.time_zone if self.instance.pk else None


class SessionAdminForm(LocalTimesForm):
    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "title", "speakers"]
        help_texts = {"starts_at": SESSION_HELP, "ends_at": SESSION_HELP}

    def zone_name(self, cleaned_data=None):
        event = getattr(self.instance, "event", None)
        return event.time_zone if event is not None else None
