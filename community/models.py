"""Members' profiles, and the community: topics, threads (questions and feedback), posts, reports, follows."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core import languages, search


class Profile(models.Model):
    """What a member tells the community about themselves. One per user, made on first need."""

    # Public pages show it: saving or deleting one moves the content version on (core.versioning).
    public_content = True

    class Role(models.TextChoices):
        CITY_STAFF = "city-staff", _("City staff")
        NONPROFIT = "nonprofit", _("Non-profit or community worker")
        RESEARCHER = "researcher", _("Researcher or student")
        FUNDER = "funder", _("Funder")
        BUSINESS = "business", _("Business")
        NEWCOMER = "newcomer", _("Newcomer")
        OTHER = "other", _("Other")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profile")
    display_name = models.CharField(
        _("display name"), max_length=80, help_text=_("Shown with your posts. Your e-mail address is never shown.")
    )
    city = models.ForeignKey(
        "places.City", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("city")
    )
    # A city the member typed because it is not in the list: `city` once an editor has reviewed it.
    place = models.ForeignKey(
        "places.TypedPlace",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("city typed"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    languages = ArrayField(
        models.CharField(max_length=5, choices=languages.choices(languages.MEMBER)),
        verbose_name=_("languages spoken"),
        default=list,
        blank=True,
    )
    preferred_language = models.CharField(
        _("language of e-mails"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    blocked_at = models.DateTimeField(
        _("blocked"), null=True, blank=True, help_text=_("Blocked members can read but not post.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.display_name

    @property
    def is_blocked(self) -> bool:
        return self.blocked_at is not None


class Topic(models.Model):
    """A discussion area made by editors, e.g. one per theme."""

    # Public pages show it: saving or deleting one moves the content version on (core.versioning).
    public_content = True

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        "places.Theme", models.SET_NULL, null=True, blank=True, related_name="topics", verbose_name=_("theme")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:topic", kwargs={"slug": self.slug})


def one_place_only() -> Q:
    """Exactly one of topic, idea, webinar and item is set."""
    places = ("topic", "idea", "webinar", "item")
    condition = Q()
    for chosen in places:
        condition |= Q(**{f"{name}__isnull": name != chosen for name in places})
    return condition


class ThreadQuerySet(search.SearchQuerySet):
    def visible(self):
        return self.filter(status=Thread.Status.VISIBLE)

    def for_listing(self):
        """What a list of threads shows: topic or subject, author and the number of visible replies."""
        return self.select_related(*Thread.PLACE_RELATED).for_subject_listing()

    def for_page(self):
        """A thread for its own page: its topic and author, and its subject's title and address.

        The subject (one of three) comes from a query of its own, only when the thread has one: joining
        the three subject tables, their issue, the topic and the author in one query took PostgreSQL
        ~3.5 ms to plan, for 0.4 ms to run.
        """
        from conversations.models import Item
        from goodideas.models import GoodIdea
        from webinars.models import Webinar

        return self.select_related("topic", "author__profile").prefetch_related(
            models.Prefetch("idea", GoodIdea.objects.only("slug", "title")),
            models.Prefetch("webinar", Webinar.objects.only("slug", "title")),
            models.Prefetch("item", Item.objects.select_related("issue").only("slug", "title", "issue__number")),
        )

    def for_subject_listing(self):
        """A list of threads about one subject (shown on its page): author and visible replies."""
        # A correlated count rather than COUNT(...) GROUP BY: grouping the wide joined rows made
        # PostgreSQL spend ~7 ms planning every list of threads.
        replies = (
            Post.objects.filter(thread=OuterRef("pk"), status=Post.Status.VISIBLE)
            .order_by()
            .values("thread")
            .annotate(n=Count("*"))
            .values("n")
        )
        return self.select_related("author__profile").annotate(visible_posts=Coalesce(Subquery(replies), 0))

    def matching(self, text: str):
        """Threads whose title, or one of whose visible posts, matches `text`."""
        text = search.clean_query(text)
        if not text:
            return self
        query = search.query(text)
        posts = Post.objects.visible().filter(search_document=query).values("thread_id")
        return self.filter(Q(search_document=query) | Q(pk__in=posts))


class Thread(models.Model):
    """A question or feedback, in a topic or about a Good Idea, webinar or e-zine item, with its posts."""

    # Public pages show it: saving or deleting one moves the content version on (core.versioning).
    public_content = True

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        PENDING = "pending", _("Waiting for approval")
        HIDDEN = "hidden", _("Hidden")

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        FEEDBACK = "feedback", _("Feedback")

    # A thread belongs to exactly one place: a topic, or a subject (a Good Idea, a webinar, an e-zine item).
    SUBJECTS = ("idea", "webinar", "item")
    PLACE_RELATED = ("topic", "idea", "webinar", "item__issue")

    topic = models.ForeignKey(
        Topic, models.CASCADE, null=True, blank=True, related_name="threads", verbose_name=_("topic")
    )
    idea = models.ForeignKey(
        "goodideas.GoodIdea",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="community_threads",
        verbose_name=_("Good Idea"),
    )
    webinar = models.ForeignKey(
        "webinars.Webinar",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="community_threads",
        verbose_name=_("webinar"),
    )
    item = models.ForeignKey(
        "conversations.Item",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="community_threads",
        verbose_name=_("e-zine item"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_threads",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_activity = models.DateTimeField(_("last activity"), default=timezone.now, db_index=True)

    search_document = search.DocumentField(search.Field("title", "A", translated=False))

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [GinIndex(fields=["search_document"], name="community_thread_search")]
        constraints = [models.CheckConstraint(condition=one_place_only(), name="community_thread_has_one_place")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:thread", kwargs={"pk": self.pk, "slug": self.slug})

    def content_languages(self) -> list[str]:
        """The thread's page has its own text in the language its member wrote it in (for hreflang)."""
        return [self.language]

    @property
    def subject(self):
        """The Good Idea, webinar or e-zine item the thread is about; None for a thread in a topic."""
        for name in self.SUBJECTS:
            if getattr(self, f"{name}_id") is not None:
                return getattr(self, name)
        return None

    @property
    def subject_kind(self) -> str | None:
        """The kind of subject: idea, webinar or item; None for a thread in a topic."""
        return next((name for name in self.SUBJECTS if getattr(self, f"{name}_id") is not None), None)

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "thread"

    @staticmethod
    def search_match(search_query):
        """How site search finds threads (core.registry): by their title or by a visible reply.

        Returns the condition and the rank: the title's rank where the title matches, else half the
        best reply's rank.
        """
        posts = Post.objects.visible().filter(search_document=search_query)
        best_post = posts.filter(thread=OuterRef("pk")).annotate(r=search.rank(search_query)).order_by("-r").values("r")
        condition = Q(search_document=search_query) | Q(pk__in=posts.values("thread_id"))
        rank = Coalesce(
            NullIf(search.rank(search_query), Value(0.0)),
            Subquery(best_post[:1]) * Value(0.5),
            Value(0.0),
            output_field=models.FloatField(),
        )
        return condition, rank


class PostQuerySet(search.SearchQuerySet):
    def visible(self):
        return self.filter(status=Post.Status.VISIBLE)

    def shown_to(self, user):
        """Visible posts, and the member's own posts that wait for approval."""
        if user.is_authenticated:
            return self.filter(Q(status=Post.Status.VISIBLE) | Q(status=Post.Status.PENDING, author=user))
        return self.visible()

    def for_thread_page(self):
        return self.select_related("author__profile").order_by("created_at", "pk")


class Post(models.Model):
    # Public pages show it: saving or deleting one moves the content version on (core.versioning).
    public_content = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by an editor")
        DELETED = "deleted", _("Deleted")

    thread = models.ForeignKey(Thread, models.CASCADE, related_name="posts", verbose_name=_("thread"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="community_posts",
        verbose_name=_("author"),
    )
    body_markdown = models.TextField(_("text (Markdown)"))
    body_html = models.TextField(_("text (HTML)"), editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    report_count = models.PositiveIntegerField(_("reports"), default=0)

    search_document = search.DocumentField(search.Field("body_markdown", "D", translated=False))

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            GinIndex(fields=["search_document"], name="community_post_search"),
            models.Index(fields=["thread", "status", "created_at"], name="community_post_thread"),
        ]

    def __str__(self):
        return f"{self.thread} #{self.pk}"

    def get_absolute_url(self):
        return f"{self.thread.get_absolute_url()}#post-{self.pk}"


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSE = "abuse", _("Abusive, hateful or harassing")
        PRIVATE = "private", _("Shares someone's private information")
        OFF_TOPIC = "off-topic", _("Off topic")
        OTHER = "other", _("Something else")

    post = models.ForeignKey(Post, models.CASCADE, related_name="reports", verbose_name=_("post"))
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("reported by")
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="community_report_once")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.post}"


class Follow(models.Model):
    """A member gets an e-mail on each new visible reply in the thread (unsubscribe: signed link)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="follows")
    thread = models.ForeignKey(Thread, models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="community_follow_once")]

    def __str__(self):
        return f"{self.user} → {self.thread}"
