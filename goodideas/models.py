"""Good Ideas in Integration: the ideas, their further reading, former addresses and proposals."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core import addresses, fields, search, uploads
from core.lists.rows import lazy_rows
from core.publication import Publishable, PublishableQuerySet, published_sql
from core.richtext import RichTextField
from places.models import City, Organisation, TaggedItem, Theme, TypedPlace


class EvidenceLevel(models.TextChoices):
    """The five steps of the evidence scale, from the weakest to the strongest (explained on /ideas/evidence/)."""

    DESCRIBED = "described", _("Described")
    MONITORED = "monitored", _("Monitored")
    OUTCOMES = "outcomes", _("Outcomes measured")
    EVALUATED = "evaluated", _("Independently evaluated")
    COMPARED = "compared", _("Independently evaluated with a comparison group")


class CostBand(models.TextChoices):
    LOW = "low", _("Low: under €10,000 a year")
    MEDIUM = "medium", _("Medium: €10,000 to €100,000 a year")
    HIGH = "high", _("High: €100,000 to €1 million a year")
    VERY_HIGH = "very-high", _("Very high: over €1 million a year")


class Stage(models.TextChoices):
    PILOT = "pilot", _("Pilot")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class SuccessFactor(models.TextChoices):
    """A small controlled list of what made an idea work, so that ideas can be compared by it."""

    LEADERSHIP = "leadership", _("Political leadership")
    PARTNERSHIPS = "partnerships", _("Partnerships across sectors")
    COMMUNITY = "community", _("Immigrant communities involved in design")
    FUNDING = "funding", _("Stable funding")
    STAFF = "staff", _("Trained, dedicated staff")
    EMPLOYERS = "employers", _("Employers engaged")
    VOLUNTEERS = "volunteers", _("Volunteers and mentors")
    DATA = "data", _("Data and evaluation built in")


class GoodIdeaQuerySet(PublishableQuerySet, search.SearchQuerySet):
    def for_listing(self):
        """What a list of ideas shows: city, country, host organisation, themes; not the long texts."""
        return self.select_related("organisation").with_links("city", "themes").defer(*GoodIdea.long_fields())

    def for_cards(self):
        """What a compact card or a link to an idea shows (GoodIdea.CARD_FIELDS): its title, teaser, city
        and country, and no other column (the bodies in three languages, the search vector stay on disk)."""
        return self.only(*GoodIdea.CARD_FIELDS).with_links("city")

    def for_detail(self):
        """What an idea's page shows besides its own fields (not its search vector); its partners and
        further reading come after, with one query (IdeaDetailView.get_object: core.related)."""
        return self.select_related("organisation").defer("search_document").with_links("city", "themes", "tags")

    def in_city(self, city):
        return self.filter(city=city)

    def related_to(self, idea, *, limit=4):
        """Ideas related to `idea`: the editors' choice, or else those sharing its city, tags and themes.

        The ranking (by hand, in SQL), then the cards' rows only if a card is not in the fragment cache
        (core.lists.rows.LazyRows: an idea's card is the same on every page that relates it). Each shared
        tag counts 2, the same city 2, each shared theme 1. `idea` should come with its themes and tags
        prefetched (`for_detail()`), so that their ids cost no query. Scoring again in the ORM (subqueries
        per idea, ordered) cost more to build than to run: ~7 ms of an idea page's time.
        """
        theme_ids = [theme.pk for theme in idea.themes.all()]
        tag_ids = [tag.pk for tag in idea.tags.all()]
        with connection.cursor() as cursor:
            cursor.execute(*self._best_scores(idea, theme_ids, tag_ids, limit))
            ranking = cursor.fetchall()
        if ranking and ranking[0][1]:  # the editors chose: only their choice
            ranking = [row for row in ranking if row[1]]
        return lazy_rows([idea_id for idea_id, _chosen in ranking], self.for_cards())

    @staticmethod
    def _best_scores(idea, theme_ids, tag_ids, limit):
        """SQL and parameters: (id, chosen by the editors) of the `limit` published ideas chosen by editors
        or sharing most with `idea`, best first.

        It adds up link rows (editors' choice, idea–theme, idea–tag, idea–city) of the narrow link
        tables instead of scoring every idea, so that its cost follows the number of links, not of ideas.
        """
        ideas = GoodIdea._meta.db_table
        related = GoodIdea.related.through._meta.db_table
        themes = GoodIdea.themes.through._meta.db_table
        tagged = TaggedItem._meta.db_table
        parts = [
            f"SELECT to_goodidea_id AS idea_id, 1000 AS weight, 1 AS chosen FROM {related} WHERE from_goodidea_id = %s",
            f"SELECT id, 2, 0 FROM {ideas} WHERE city_id = %s",
        ]
        params = [idea.pk, idea.city_id]
        if theme_ids:
            parts.append(f"SELECT goodidea_id, 1, 0 FROM {themes} WHERE theme_id = ANY(%s)")
            params.append(theme_ids)
        if tag_ids:
            parts.append(
                f"SELECT object_id, 2, 0 FROM {tagged} t JOIN django_content_type c ON c.id = t.content_type_id "
                "WHERE c.app_label = 'goodideas' AND c.model = 'goodidea' AND t.tag_id = ANY(%s)"
            )
            params.append(tag_ids)
        published, published_params = published_sql("i")
        sql = (
            f"SELECT s.idea_id, MAX(s.chosen) = 1 FROM ({' UNION ALL '.join(parts)}) s "
            f"JOIN {ideas} i ON i.id = s.idea_id "
            f"WHERE i.id <> %s AND {published} "
            "GROUP BY s.idea_id ORDER BY SUM(s.weight) DESC, MAX(i.published_at) DESC, s.idea_id LIMIT %s"
        )
        params += [idea.pk, *published_params, limit]
        return sql, params


class GoodIdea(Publishable):
    # "Newest first", the order of every list of ideas that has no other (core.lists, theme pages, links).
    NEWEST = ("-published_at", "pk")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    teaser = models.CharField(_("teaser"), max_length=300, help_text=_("One sentence."))
    body = RichTextField(verbose_name=_("body"), blank=True)
    themes = models.ManyToManyField(Theme, related_name="ideas", verbose_name=_("themes"))
    # Empty only for a proposal from a city not in the portal yet, until an editor confirms that city.
    city = models.ForeignKey(City, models.PROTECT, null=True, blank=True, related_name="ideas", verbose_name=_("city"))
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_ideas",
        verbose_name=_("host organisation"),
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_ideas", verbose_name=_("partners")
    )
    tags = TaggableManager(_("tags"), through=TaggedItem, blank=True)
    tagged_items = GenericRelation(TaggedItem)  # the tags' links, followed by revisions (public_parts)

    # The practice's facts.
    year_started = models.PositiveSmallIntegerField(
        _("year started"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    beneficiaries = models.TextField(_("who benefits"), blank=True)
    results = models.TextField(_("results and evidence"), blank=True)
    adaptation = RichTextField(verbose_name=_("how to adapt it elsewhere"), blank=True)

    # Evidence and scale: badges on the page, facets of the list, columns of the open data.
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=20,
        choices=EvidenceLevel,
        blank=True,
        help_text=_("The strongest evidence there is that it works (the scale is explained on the site)."),
    )
    cost_band = models.CharField(_("cost band"), max_length=20, choices=CostBand, blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    stage = models.CharField(_("status of the practice"), max_length=20, choices=Stage, blank=True)
    year_ended = models.PositiveSmallIntegerField(
        _("year ended"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    success_factors = ArrayField(
        models.CharField(max_length=20, choices=SuccessFactor),
        verbose_name=_("key success factors"),
        default=list,
        blank=True,
    )

    # How to reach the host organisation.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    contact_website = fields.WebAddressField(_("contact website"), blank=True)

    image = uploads.ImageField(_("image"), upload_to=uploads.RandomName("ideas"), blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=250, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)

    related = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        verbose_name=_("related ideas"),
        help_text=_("Chosen by editors. Left empty, related ideas are found from shared themes, city and tags."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_document = search.DocumentField(
        search.Field("title", "A"),
        search.Field("teaser", "B"),
        search.Field("body", "C"),
        search.Field("beneficiaries", "D"),
        search.Field("results", "D"),
    )

    objects = GoodIdeaQuerySet.as_manager()

    public_parts = ("further_reading", "tagged_items")

    class Meta(Publishable.Meta):
        ordering = ["-published_at", "title"]
        verbose_name = _("Good Idea")
        verbose_name_plural = _("Good Ideas")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="goodidea_status_published"),
            # Facet counts of the list read only this index (index-only scans), never the wide rows.
            models.Index(
                fields=["status", "published_at"],
                include=["id", "city", "year_started", "stage", "evidence_level", "cost_band"],
                name="goodidea_facets",
            ),
            models.Index(fields=["year_started"], name="goodidea_year_started"),
            GinIndex(fields=["search_document"], name="goodidea_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(city__isnull=False),
                name="goodidea_published_has_city",
                violation_error_message=_("A published Good Idea needs a city."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.year_ended and self.year_started and self.year_ended < self.year_started:
            raise ValidationError({"year_ended": _("The year it ended comes before the year it started.")})

    def get_absolute_url(self):
        return addresses.slug_url("goodideas:detail", self.slug)

    def success_factor_labels(self) -> list[str]:
        labels = dict(SuccessFactor.choices)
        return [labels[value] for value in self.success_factors if value in labels]

    @property
    def evidence_step(self) -> int:
        """1 to 5 on the evidence scale; 0 when not known."""
        return EvidenceLevel.values.index(self.evidence_level) + 1 if self.evidence_level else 0

    # What a compact card or a link to an idea shows (title, teaser, its city and country): the columns
    # a page asks for when it lists other ideas (GoodIdeaQuerySet.for_cards), fewer to read and to turn
    # into objects than all of them (each query costs about 1 ms of Python per 50 columns it selects).
    # The city and its country come from the kept table of cities (core.kept), with no join.
    CARD_FIELDS = ("slug", "title", "teaser", "status", "published_at", "city")

    @classmethod
    def long_fields(cls):
        """The fields that lists never show: bodies, facts, the search document."""
        names = ["body", "beneficiaries", "results", "adaptation"]
        return [f"{name}_{code}" for name in names for code, _ in settings.LANGUAGES] + names + ["search_document"]


class FurtherReading(models.Model):
    idea = models.ForeignKey(GoodIdea, models.CASCADE, related_name="further_reading", verbose_name=_("Good Idea"))
    title = models.CharField(_("title"), max_length=250)
    url = fields.WebAddressField(_("address"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("further reading")
        verbose_name_plural = _("further reading")

    def __str__(self):
        return self.title


class FormerSlug(models.Model):
    """An address a published idea had before its slug changed: it redirects to the idea."""

    idea = models.ForeignKey(GoodIdea, models.CASCADE, related_name="former_slugs", verbose_name=_("Good Idea"))
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self):
        return self.slug


class Proposal(models.Model):
    """Who proposed a Good Idea and how to reach them. For the editors only: no public page shows it.

    The idea's public contact (GoodIdea.contact_*) is separate; it is filled from here only when the
    proposer agreed to it (`publish_contact`).
    """

    idea = models.OneToOneField(GoodIdea, models.CASCADE, related_name="proposal", verbose_name=_("Good Idea"))
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone number"), max_length=50, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    publish_contact = models.BooleanField(
        _("agreed to be the public contact"),
        default=False,
        help_text=_("Ticked by the proposer: their name, role, e-mail address and phone may be shown on the page."),
    )
    place = models.ForeignKey(
        TypedPlace,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("city typed"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    published_notice_sent_at = models.DateTimeField(_("told of the publication"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return f"{self.name} <{self.email}>"


class AdaptationQuerySet(models.QuerySet):
    def for_listing(self):
        """With both ideas, both cities and the organisation: what a page shows of an adaptation."""
        return self.select_related("idea__city__country", "city__country", "organisation", "adapted_idea__city").defer(
            *(f"idea__{name}" for name in GoodIdea.long_fields())
        )

    def of_idea(self, idea) -> tuple[list, list]:
        """(adapted in, adapted from) for an idea's page, in one query of the few columns it shows.

        Adapted in: where `idea` was taken up (the city, the organisation, the idea it became, if any);
        adapted from: the published ideas `idea` was adapted from. Selecting every column of both ideas,
        both cities and their countries made these two prefetches most of the page's time (~14 of 45 ms).
        """
        rows = (
            self.filter(models.Q(idea=idea) | models.Q(adapted_idea=idea))
            .select_related("idea__city", "city__country", "organisation", "adapted_idea")
            .only(
                "year", "url", "note", "idea__slug", "idea__title", "idea__status", "idea__published_at",
                "idea__city__slug", "idea__city__name", "city__slug", "city__name", "city__country__name",
                "organisation__name", "adapted_idea__slug", "adapted_idea__title", "adapted_idea__status",
                "adapted_idea__published_at",
            )
        )  # fmt: skip
        adapted_in, adapted_from = [], []
        for row in rows:
            if row.idea_id == idea.pk:
                adapted_in.append(row)
            elif row.idea.is_published:
                adapted_from.append(row)
        return adapted_in, adapted_from

    def visible(self):
        """Adaptations of published ideas, whose other idea (if any) is published too."""
        ideas = GoodIdea.objects.published()
        return self.filter(idea__in=ideas).filter(
            models.Q(adapted_idea__isnull=True) | models.Q(adapted_idea__in=ideas)
        )

    def for_map(self):
        """Visible adaptations from one city to another, with both cities and the idea: the map's lines (one
        query), in a stable order (origin, destination, year)."""
        return (
            self.visible()
            .exclude(idea__city=models.F("city"))
            .for_listing()
            .order_by("idea__city__slug", "city__slug", "year", "pk")
        )

    def city_pairs(self) -> list[tuple[str, str]]:
        """(origin city slug, destination city slug) of each visible adaptation, for the map's lines."""
        return list(
            self.visible()
            .exclude(idea__city=models.F("city"))
            .order_by("idea__city__slug", "city__slug")
            .values_list("idea__city__slug", "city__slug")
            .distinct()
        )


class Adaptation(models.Model):
    """An idea taken up elsewhere: in which city, when, by whom; shown on both ideas and both cities."""

    idea = models.ForeignKey(GoodIdea, models.CASCADE, related_name="adaptations", verbose_name=_("Good Idea"))
    city = models.ForeignKey(City, models.CASCADE, related_name="adaptations", verbose_name=_("adapted in"))
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    organisation = models.ForeignKey(
        Organisation, models.SET_NULL, null=True, blank=True, related_name="adaptations", verbose_name=_("organisation")
    )
    url = fields.WebAddressField(_("link"), blank=True)
    adapted_idea = models.ForeignKey(
        GoodIdea,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="adapted_from",
        verbose_name=_("the Good Idea it became"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = AdaptationQuerySet.as_manager()

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("adaptation")
        verbose_name_plural = _("adapted in")
        constraints = [
            models.UniqueConstraint(fields=["idea", "city"], name="adaptation_once_per_city"),
            models.CheckConstraint(condition=~models.Q(adapted_idea=models.F("idea")), name="adaptation_not_itself"),
        ]

    def __str__(self):
        return f"{self.idea} → {self.city}"

    def clean(self):
        super().clean()
        if self.adapted_idea_id and self.adapted_idea_id == self.idea_id:
            raise ValidationError({"adapted_idea": _("An idea cannot be its own adaptation.")})
