from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView, ListView, TemplateView

from conversations import services
from conversations.filters import NewsFilter
from conversations.forms import SubscribeForm
from conversations.models import Issue, Item, NewsItem, Subscriber
from core import kept, lists, ratelimit, written
from core.lists.rows import lazy_rows
from core.publication import PreviewMixin
from core.related import read_related
from core.versioning import KeptPerVersion
from elibrary.models import Resource
from goodideas.models import GoodIdea

# Sign-ups allowed from one address per hour.
SIGN_UP_LIMIT = 5
SIGN_UP_PERIOD = 3600


def _published_issues() -> tuple[list[Issue], list[Item]]:
    """Every published issue, newest first, and the published items of the latest (what the e-zine's
    index shows: a monthly e-zine has a few hundred issues at most)."""
    issues = list(Issue.objects.published())
    return issues, list(issues[0].items.published().for_listing()) if issues else []


# The e-zine's index reads its issues once per content version (core.versioning.KeptPerVersion), not
# four queries on every view; a scheduled issue or item shows at its time (an item's counts its issue's).
published_issues = KeptPerVersion(_published_issues, until=Item.objects.next_publication)


class IssueListView(lists.ForgivingPaginationMixin, ListView):
    """The latest issue with its items, then the archive of the others."""

    template_name = "conversations/issue_list.html"
    paginate_by = 24
    context_object_name = "archive"

    def get_queryset(self):
        issues, _latest_items = published_issues()
        return issues[1:]

    def get_context_data(self, **kwargs):
        issues, latest_items = published_issues()
        return super().get_context_data(latest=issues[0] if issues else None, latest_items=latest_items, **kwargs)


class IssueDetailView(PreviewMixin, DetailView):
    """An issue with its items; its preview shows every item, published or not."""

    model = Issue
    template_name = "conversations/issue_detail.html"
    context_object_name = "issue"
    public_lookups = {"number": "number"}

    def get_queryset(self):
        return self.visible(Issue.objects.all())

    def get_context_data(self, **kwargs):
        if self.preview:  # every item of the issue, published or not
            items = list(self.object.items.for_listing())
        else:  # with SQL compiled once (core.written), as the issue itself; each knowing its issue
            items = written.rows(Item, IssueDetailView, _issue_items, issue=self.object.pk, now=timezone.now())
            for item in items:
                Item.issue.field.set_cached_value(item, self.object)
        return super().get_context_data(items=items, **kwargs)


def _issue_items(issue, now):
    return Item.objects.filter(issue=issue).for_listing().published(now)


# What e-zine articles link to, kept per content version (core.kept.linked_ids): an article's page shows
# them as cards, and reads their rows only if a card is not kept.
related_ideas = kept.linked_ids(Item.related_ideas, GoodIdea.NEWEST)
related_resources = kept.linked_ids(Item.related_resources, Resource.NEWEST)


class ItemDetailView(PreviewMixin, DetailView):
    model = Item
    template_name = "conversations/item_detail.html"
    context_object_name = "item"
    public_lookups = {"issue__number": "number", "slug": "slug"}

    def get_queryset(self):
        return self.visible(Item.objects.all()).select_related("issue").with_links("themes", "cities")

    def get_object(self, queryset=None):
        item = super().get_object(queryset)
        read_related(item, images=("image", "alt", "caption", "credit", "position"))
        return item

    def get_context_data(self, **kwargs):
        item = self.object
        return super().get_context_data(
            related_ideas=lazy_rows(related_ideas().get(item.pk, []), GoodIdea.objects.for_cards()),
            related_resources=lazy_rows(related_resources().get(item.pk, []), Resource.objects.for_links()),
            same_issue=self.same_issue(item),
            play=self.request.GET.get("play") == "1" and bool(item.embed_url),
            **kwargs,
        )

    def same_issue(self, item):
        """The other items of its issue, in its order: their ids, and rows only for cards not kept (read
        through the issue, so that each knows its issue for its address)."""
        items = self.visible(item.issue.items.for_listing())
        return lazy_rows([pk for pk in items.values_list("pk", flat=True) if pk != item.pk], items)


class NewsListView(lists.FilteredListView):
    template_name = "conversations/news_list.html"
    filterset_class = NewsFilter
    context_object_name = "news"

    def get_queryset(self):
        return NewsItem.objects.published().for_listing()

    def for_listing(self, queryset):
        return queryset.for_listing()


class NewsDetailView(PreviewMixin, DetailView):
    model = NewsItem
    template_name = "conversations/news_detail.html"
    context_object_name = "news_item"

    def get_queryset(self):
        return self.visible(NewsItem.objects.for_listing())


class SubscribeView(FormView):
    template_name = "conversations/newsletter.html"
    form_class = SubscribeForm

    def get_initial(self):
        return {"language": get_language()}

    def post(self, request, *args, **kwargs):
        wait = ratelimit.hit("newsletter", ratelimit.client_ip(request), limit=SIGN_UP_LIMIT, period=SIGN_UP_PERIOD)
        if wait:
            form = self.get_form()
            form.is_valid()
            form.add_error(None, _("Too many sign-ups from your address. Please try again in an hour."))
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        services.subscriber_sign_up(email=form.cleaned_data["email"], language=form.cleaned_data["language"])
        return redirect("conversations:newsletter-sent")


class SubscribeSentView(TemplateView):
    template_name = "conversations/newsletter_sent.html"


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """GET shows a button (link checkers in mail systems do not sign anyone up); POST confirms."""

    template_name = "conversations/newsletter_confirm.html"

    def get_subscriber(self):
        subscriber = services.subscriber_from_confirmation(self.kwargs["token"])
        if subscriber is None:
            raise Http404
        return subscriber

    def get(self, request, token):
        return render(request, self.template_name, {"subscriber": self.get_subscriber()})

    def post(self, request, token):
        subscriber = self.get_subscriber()
        services.subscriber_confirm(subscriber=subscriber)
        return render(request, self.template_name, {"subscriber": subscriber, "done": True})


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """One-click unsubscribe: a page with a button, and POST from it or from a mail client (RFC 8058).

    No CSRF token: the secret token in the address is what authorises the request.
    """

    template_name = "conversations/newsletter_unsubscribe.html"

    def get(self, request, token):
        subscriber = get_object_or_404(Subscriber, token=token)
        return render(request, self.template_name, {"subscriber": subscriber})

    def post(self, request, token):
        subscriber = get_object_or_404(Subscriber, token=token)
        services.subscriber_unsubscribe(subscriber=subscriber)
        messages.success(request, _("You are unsubscribed. You will not receive the newsletter any more."))
        return render(request, self.template_name, {"subscriber": subscriber, "done": True})
