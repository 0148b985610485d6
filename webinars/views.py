import bisect
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView

from core import kept, lists, written
from core.context_processors import absolute_url
from core.lists.rows import LazyRows, lazy_rows
from core.publication import PreviewMixin
from core.related import as_prefetched, read_related
from core.versioning import KeptPerVersion
from elibrary.models import Resource
from goodideas.models import GoodIdea
from webinars import ics, services
from webinars.filters import EventFilter, WebinarFilter
from webinars.models import Event, Registration, Webinar, WebinarSpeaker


def upcoming_rows(filterset, ended: int, upcoming) -> LazyRows:
    """What is coming up, above a list's archive (`upcoming(filtered rows)`: soonest first): their ids,
    kept for these choices while no more of them is over (`ended`: how many are), the rows read only if
    a card is not in the fragment cache (core.lists.rows), as for the archive's page."""
    ids = filterset.kept("upcoming", lambda: list(upcoming(filterset.qs).values_list("pk", flat=True)), key=ended)
    return lazy_rows(ids, filterset.queryset.for_listing())


# When each published webinar ends and each conference's last day, in order, per content version (and
# again when a scheduled one comes due): how many are over at a moment names the archive's part of the
# lists and what is still coming up, so that their counts may be kept until the next one is over.
webinar_ends = KeptPerVersion(
    lambda: sorted(Webinar.objects.published().values_list("ends_at", flat=True)),
    until=Webinar.objects.next_publication,
)
event_ends = KeptPerVersion(
    lambda: sorted(Event.objects.published().values_list("ends_on", flat=True)),
    until=Event.objects.next_publication,
)


class WebinarListView(lists.FilteredListView):
    """Upcoming webinars first (all of them), then the archive, paginated; filtered by words, theme and year."""

    template_name = "webinars/webinar_list.html"
    filterset_class = WebinarFilter
    paginate_by = 12
    context_object_name = "archive"

    def get_queryset(self):
        self.now = timezone.now()
        return Webinar.objects.published()

    def get_within(self):
        return Q(ends_at__lte=self.now)  # the archive is paginated; the total counts the upcoming too

    def get_within_key(self):
        return bisect.bisect_right(webinar_ends(), self.now)  # how many are over (ends_at <= now)

    def upcoming(self):
        return upcoming_rows(self.filterset, self.get_within_key(), lambda rows: rows.upcoming(self.now))

    def for_listing(self, queryset):
        return queryset.for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first = context["page_obj"].number == 1
        context["upcoming"] = self.upcoming() if first else []
        context["now"] = self.now
        return context


# What webinars link to, kept per content version (core.kept.linked_ids): a webinar's page shows them as
# cards, and reads their rows only if a card is not kept.
related_ideas = kept.linked_ids(Webinar.related_ideas, GoodIdea.NEWEST)
related_resources = kept.linked_ids(Webinar.related_resources, Resource.NEWEST)


class WebinarDetailView(PreviewMixin, DetailView):
    model = Webinar
    template_name = "webinars/webinar_detail.html"
    context_object_name = "webinar"

    def get_queryset(self):
        return self.visible(Webinar.objects.with_links("themes"))

    def get_object(self, queryset=None):
        """The webinar, with its speakers and moderators, their organisations and cities, in order: read
        with SQL compiled once (core.written), left where prefetch_related() leaves them."""
        webinar = super().get_object(queryset)
        as_prefetched(
            webinar, "webinar_speakers", written.rows(WebinarSpeaker, WebinarDetailView, _speakers, webinar=webinar.pk)
        )
        return webinar

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        webinar = self.object
        now = timezone.now()
        registration = None
        if self.request.user.is_authenticated:
            registration = Registration.objects.filter(user=self.request.user, webinar=webinar).first()
        context.update(
            now=now,
            upcoming=webinar.is_upcoming(now),
            registration_open=webinar.starts_at > now,
            registration=registration,
            join_visible=webinar.join_link_visible(registration, now),
            login_url=f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': self.request.path})}",
            places_left=(
                max(webinar.capacity - webinar.registrations.registered().count(), 0)
                if webinar.capacity is not None and webinar.starts_at > now
                else None
            ),
            related_ideas=lazy_rows(related_ideas().get(webinar.pk, []), GoodIdea.objects.for_cards()),
            related_resources=lazy_rows(related_resources().get(webinar.pk, []), Resource.objects.for_links()),
            speakers=[row for row in webinar.ordered_speakers() if row.role == "speaker"],
            moderators=[row for row in webinar.ordered_speakers() if row.role == "moderator"],
        )
        return context


def _speakers(webinar):
    return (
        WebinarSpeaker.objects.filter(webinar=webinar)
        .select_related("speaker__organisation", "speaker__city__country")
        .order_by("order", "pk")
    )


def _published_webinar(slug):
    return get_object_or_404(Webinar.objects.published(), slug=slug)


@require_POST
def register(request, slug):
    webinar = _published_webinar(slug)
    if not request.user.is_authenticated:
        # After signing in, come back to the webinar's page (the register address only takes POST).
        return redirect_to_login(webinar.get_absolute_url())
    try:
        registration = services.registration_create(user=request.user, webinar=webinar)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == Registration.Status.REGISTERED:
            messages.success(request, _("You are registered. A confirmation is on its way by e-mail."))
        else:
            messages.info(
                request, _("The webinar is full: you are on the waiting list. We will write if a place frees up.")
            )
    return redirect(webinar)


@require_POST
def cancel(request, slug):
    webinar = _published_webinar(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(webinar.get_absolute_url())
    registration = (
        Registration.objects.active().filter(user=request.user, webinar=webinar).select_related("webinar").first()
    )
    if registration is None:
        messages.error(request, _("You are not registered for this webinar."))
    else:
        services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
    return redirect(webinar)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _base_url(request) -> str:
    return absolute_url(request, "/").rstrip("/")


@require_GET
def webinar_ics(request, slug):
    webinar = _published_webinar(slug)
    return _ics_response(
        ics.calendar_bytes(webinars=[webinar], name=webinar.title, base_url=_base_url(request)), f"{webinar.slug}.ics"
    )


@require_GET
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("city"), slug=slug)
    return _ics_response(
        ics.calendar_bytes(events=[event], name=event.title, base_url=_base_url(request)), f"{event.slug}.ics"
    )


@require_GET
def calendar_ics(request):
    webinars = Webinar.objects.published().upcoming()
    events = Event.objects.published().upcoming().select_related("city")
    content = ics.calendar_bytes(
        webinars=webinars, events=events, name=_("Cities of Migration: Learning Exchange"), base_url=_base_url(request)
    )
    return _ics_response(content, "learning-exchange.ics")


class EventListView(lists.FilteredListView):
    """Conferences coming up (all of them, on the first page), then the past ones, paginated."""

    template_name = "webinars/event_list.html"
    filterset_class = EventFilter
    context_object_name = "past"

    def get_queryset(self):
        self.today = timezone.localdate()
        return Event.objects.published()

    def get_within(self):
        return Q(ends_on__lt=self.today)

    def get_within_key(self):
        return bisect.bisect_left(event_ends(), self.today)  # how many are over (ends_on < today)

    def upcoming(self):
        return upcoming_rows(self.filterset, self.get_within_key(), lambda rows: rows.upcoming(self.today))

    def for_listing(self, queryset):
        return queryset.for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first = context["page_obj"].number == 1
        context["upcoming"] = self.upcoming() if first else []
        return context


class EventDetailView(PreviewMixin, DetailView):
    model = Event
    template_name = "webinars/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return self.visible(Event.objects.all()).for_listing()

    def get_object(self, queryset=None):
        event = super().get_object(queryset)
        read_related(
            event,
            sessions=("starts_at", "ends_at", "title", "speakers"),
            links=("kind", "title", "url", "file", "order"),
        )
        return event

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        days = {}
        for session in event.sessions.all():
            local_day = session.starts_at.astimezone(event.zone).date()
            days.setdefault(local_day, []).append(session)
        context["programme"] = list(days.items())
        context["upcoming"] = event.is_upcoming()
        return context
