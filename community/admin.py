from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from community.models import Follow, Post, Profile, Report, Thread, Topic
from community.services import members, moderation, notifications


@admin.register(Topic)
class TopicAdmin(TabbedTranslationAdmin):
    list_display = ["title", "theme", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["title_en"]}


class ReportedFilter(admin.SimpleListFilter):
    title = _("reports")
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", _("Reported")), ("open", _("Reports not yet resolved")), ("no", _("Not reported"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(report_count__gt=0)
        if self.value() == "open":
            return queryset.filter(reports__resolved=False).distinct()
        if self.value() == "no":
            return queryset.filter(report_count=0)
        return queryset


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    fields = ["reason", "comment", "reporter", "created_at", "resolved"]
    readonly_fields = ["reason", "comment", "reporter", "created_at"]
    can_delete = False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author_name", "status", "report_count", "created_at", "edited_at"]
    list_filter = ["status", ReportedFilter, "created_at"]
    search_fields = ["body_markdown", "thread__title", "author__email", "author__profile__display_name"]
    list_select_related = ["thread", "author__profile"]
    readonly_fields = ["thread", "author", "body_html", "created_at", "edited_at", "report_count"]
    fields = ["thread", "author", "status", "body_markdown", "created_at", "edited_at", "report_count"]
    actions = ["approve", "hide", "restore", "mark_deleted", "block_authors"]
    inlines = [ReportInline]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # posts are written by members on the site

    @admin.display(description=_("author"))
    def author_name(self, post):
        return notifications.author_name(post.author)

    def save_model(self, request, obj, form, change):
        from community import markdown

        obj.body_html = markdown.render(obj.body_markdown)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve the selected posts"), permissions=["change"])
    def approve(self, request, queryset):
        count = moderation.posts_approve(queryset.exclude(status=Post.Status.VISIBLE))
        self.message_user(request, ngettext("%d post approved.", "%d posts approved.", count) % count)

    @admin.action(description=_("Hide the selected posts"), permissions=["change"])
    def hide(self, request, queryset):
        count = moderation.posts_set_status(queryset, Post.Status.HIDDEN)
        self.message_user(request, ngettext("%d post hidden.", "%d posts hidden.", count) % count)

    @admin.action(description=_("Restore the selected posts"), permissions=["change"])
    def restore(self, request, queryset):
        count = moderation.posts_set_status(queryset, Post.Status.VISIBLE)
        self.message_user(request, ngettext("%d post restored.", "%d posts restored.", count) % count)

    @admin.action(description=_("Delete the selected posts (can be restored)"), permissions=["change"])
    def mark_deleted(self, request, queryset):
        count = moderation.posts_set_status(queryset, Post.Status.DELETED)
        self.message_user(request, ngettext("%d post deleted.", "%d posts deleted.", count) % count)

    @admin.action(description=_("Block the authors of the selected posts"), permissions=["change"])
    def block_authors(self, request, queryset):
        authors = {post.author for post in queryset.select_related("author") if post.author}
        for author in authors:
            if not author.is_staff:
                members.member_block(user=author)
        self.message_user(request, _("The authors were blocked from posting."), messages.WARNING)


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "topic", "subject", "status", "created_at", "last_activity"]
    list_filter = ["status", "kind", "topic"]
    search_fields = ["title"]
    list_select_related = ["topic", "idea", "webinar", "item"]
    raw_id_fields = ["idea", "webinar", "item", "author"]
    readonly_fields = ["created_at", "last_activity"]
    actions = ["show", "hide"]

    @admin.display(description=_("about"))
    def subject(self, thread):
        return thread.subject or ""

    @admin.action(description=_("Show the selected threads"), permissions=["change"])
    def show(self, request, queryset):
        moderation.threads_set_status(queryset, Thread.Status.VISIBLE)

    @admin.action(description=_("Hide the selected threads"), permissions=["change"])
    def hide(self, request, queryset):
        moderation.threads_set_status(queryset, Thread.Status.HIDDEN)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["post", "reason", "comment", "created_at", "resolved"]
    list_filter = ["resolved", "reason"]
    list_editable = ["resolved"]
    list_select_related = ["post__thread"]
    readonly_fields = ["post", "reporter", "reason", "comment", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Editors may block and unblock members here; the user accounts themselves stay with administrators."""

    list_display = ["display_name", "organisation", "city", "role", "blocked_at", "created_at"]
    list_filter = [("blocked_at", admin.EmptyFieldListFilter), "role"]
    search_fields = ["display_name", "organisation"]
    fields = [
        "display_name",
        "organisation",
        "city",
        "place",
        "role",
        "languages",
        "preferred_language",
        "blocked_at",
    ]
    # A typed city is reviewed under Good Ideas → Cities to review, where it reaches every profile that typed it.
    readonly_fields = ["place", "blocked_at"]
    autocomplete_fields = []
    actions = ["block", "unblock"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Block the selected members from posting"), permissions=["change"])
    def block(self, request, queryset):
        for profile in queryset.select_related("user"):
            if not profile.user.is_staff:
                members.member_block(user=profile.user)
        self.message_user(request, _("The members were blocked from posting."), messages.WARNING)

    @admin.action(description=_("Unblock the selected members"), permissions=["change"])
    def unblock(self, request, queryset):
        queryset.update(blocked_at=None)
        self.message_user(request, _("The members may post again."))


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "thread", "created_at"]
    raw_id_fields = ["user", "thread"]
