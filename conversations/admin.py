from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from conversations import services
from conversations.models import Delivery, Issue, IssueSend, Item, ItemImage, NewsItem, Subscriber
from core.admin import PublishableAdmin

# URLs typed without a scheme are read as https (Django 6's default).


class ItemInline(TranslationStackedInline):
    model = Item
    extra = 0
    fields = [
        "position",
        "kind",
        "title",
        "slug",
        "authors",
        "teaser",
        "body",
        "media_url",
        "themes",
        "cities",
        "related_ideas",
        "related_resources",
        "edit_images",
    ]
    readonly_fields = ["edit_images"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["cities", "related_ideas", "related_resources"]
    filter_horizontal = ["themes"]
    show_change_link = True

    @admin.display(description=_("images"))
    def edit_images(self, obj):
        if not obj.pk:
            return _("Save the issue first, then add images on the item's own page.")
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:conversations_item_change", args=[obj.pk]), _("Images and preview")
        )


@admin.register(Issue)
class IssueAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["number", "title", "status", "publish_at", "published_at", "preview_link"]
    list_filter = ["status"]
    search_fields = ["title_en", "title_fr", "title_de", "number"]
    fieldsets = [
        (None, {"fields": ["number", "title", "slug", "editorial", "cover_image", "cover_alt"]}),
        PublishableAdmin.publication_fieldset,
    ]
    inlines = [ItemInline]
    actions = [*PublishableAdmin.actions, "send_to_subscribers"]

    @admin.action(description=_("Send to newsletter subscribers"), permissions=["change"])
    def send_to_subscribers(self, request, queryset):
        for issue in queryset:
            try:
                services.issue_send_queue(issue=issue)
            except services.IssueNotPublished:
                self.message_user(
                    request,
                    _("Issue %(number)s is not public yet: not sent.") % {"number": issue.number},
                    messages.ERROR,
                )
                continue
            self.message_user(
                request,
                format_html(
                    gettext('Issue {number} is being sent: follow it in <a href="{url}">Sendings of issues</a>.'),
                    number=issue.number,
                    url=reverse("admin:conversations_issuesend_changelist"),
                ),
                messages.SUCCESS,
            )


@admin.register(IssueSend)
class IssueSendAdmin(admin.ModelAdmin):
    """The sendings of issues (background jobs) and how far each has come."""

    list_display = ["issue", "status", "sent", "failed", "total", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["issue"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ItemImageInline(TranslationTabularInline):
    model = ItemImage
    extra = 1


@admin.register(Item)
class ItemAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["title", "issue", "position", "kind", "status", "preview_link"]
    list_editable = ["position"]
    list_filter = ["status", "kind", "issue"]
    list_select_related = ["issue"]
    search_fields = ["title_en", "title_fr", "title_de", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["issue", "cities", "related_ideas", "related_resources"]
    filter_horizontal = ["themes"]
    inlines = [ItemImageInline]


@admin.register(NewsItem)
class NewsItemAdmin(PublishableAdmin, TabbedTranslationAdmin):
    list_display = ["title", "date", "source_name", "city", "country", "status", "preview_link"]
    list_filter = ["status", "themes", "country"]
    list_select_related = ["city", "country"]
    search_fields = ["title_en", "title_fr", "title_de", "source_name"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["city", "country"]
    filter_horizontal = ["themes"]


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = ["issue", "sent_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = [
        "language",
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("unsubscribed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["email"]
    readonly_fields = ["created_at", "confirmed_at", "unsubscribed_at"]
    inlines = [DeliveryInline]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "subscriber", "sent_at"]
    list_filter = ["issue"]
    list_select_related = ["issue", "subscriber"]
    search_fields = ["subscriber__email"]
    readonly_fields = ["issue", "subscriber", "sent_at"]

    def has_add_permission(self, request):
        return False
