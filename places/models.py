"""Reference data that every app shares: themes, regions, countries, cities, organisations, and the
cities that people typed for the editors to review.

The models came from the Good Ideas app and keep its tables (`db_table`): moving them moved no data.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import GenericTaggedItemBase, TagBase

from core import addresses, fields, localised


class Region(models.TextChoices):
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north-america", _("North America")
    LATIN_AMERICA = "latin-america", _("Latin America and the Caribbean")
    ASIA = "asia", _("Asia")
    MIDDLE_EAST = "middle-east", _("Middle East")
    AFRICA = "africa", _("Africa")
    OCEANIA = "oceania", _("Oceania")


class Theme(models.Model):
    """One of the five themes: Work, Live, Learn, Connect, Plan (made by a data migration)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        db_table = "goodideas_theme"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return addresses.slug_url("goodideas:theme", self.slug)


class Country(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    code = models.CharField(_("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. DE."))
    region = models.CharField(_("region"), max_length=20, choices=Region, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        db_table = "goodideas_country"

    def __str__(self):
        return self.name


class City(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    country = models.ForeignKey(Country, models.PROTECT, related_name="cities", verbose_name=_("country"))
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_source = models.CharField(_("source of the population figure"), max_length=200, blank=True)
    population_year = models.PositiveSmallIntegerField(_("year of the population figure"), null=True, blank=True)
    population_source_url = fields.WebAddressField(_("address of the population source"), blank=True)
    foreign_born_share = models.DecimalField(
        _("residents born abroad (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    foreign_born_source = models.CharField(_("source of the share born abroad"), max_length=200, blank=True)
    foreign_born_year = models.PositiveSmallIntegerField(_("year of the share born abroad"), null=True, blank=True)
    foreign_born_source_url = fields.WebAddressField(_("address of the source of the share born abroad"), blank=True)
    profile = models.TextField(_("profile"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        db_table = "goodideas_city"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return addresses.slug_url("goodideas:city", self.slug)


class BirthCountry(models.Model):
    """One of a city's largest countries of birth (of its residents born abroad), with its share of all
    residents, the year and the publication it comes from."""

    city = models.ForeignKey(City, models.CASCADE, related_name="birth_countries", verbose_name=_("city"))
    name = models.CharField(_("country of birth"), max_length=100)
    share = models.DecimalField(
        _("share of residents (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=200)
    source_url = fields.WebAddressField(_("address of the source"), blank=True)

    class Meta:
        ordering = ["city", "-share", "pk"]
        verbose_name = _("country of birth")
        verbose_name_plural = _("largest countries of birth")
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="birth_country_unique_in_city")]

    def __str__(self):
        return f"{self.name} ({self.share} %)"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CITY_GOVERNMENT = "city-government", _("City government")
        PUBLIC_AGENCY = "public-agency", _("Public agency")
        NGO = "ngo", _("Non-profit organisation")
        COMMUNITY_GROUP = "community-group", _("Community group")
        LIBRARY = "library", _("Library")
        MUSEUM = "museum", _("Museum")
        SCHOOL = "school", _("School")
        UNIVERSITY = "university", _("University or college")
        BUSINESS = "business", _("Business")
        FOUNDATION = "foundation", _("Foundation")
        NETWORK = "network", _("Network")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = fields.WebAddressField(_("website"), blank=True)
    city = models.ForeignKey(
        City, models.SET_NULL, null=True, blank=True, related_name="organisations", verbose_name=_("city")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        db_table = "goodideas_organisation"
        constraints = [models.UniqueConstraint(fields=["name", "city"], name="organisation_unique_name_in_city")]

    def __str__(self):
        return self.name


class TypedPlace(models.Model):
    """A city that a proposer or a member typed because it was not in the portal's list.

    Nothing public shows it. An editor confirms it as a new city or merges it into an existing one
    (places.services); the ideas and profiles that wait for it then get that city.
    """

    city_name = models.CharField(_("city as typed"), max_length=100)
    country = models.ForeignKey(
        Country,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country"),
        help_text=_("The country typed, when it is one the portal knows."),
    )
    country_name = models.CharField(
        _("country as typed"), max_length=100, blank=True, help_text=_("When the country is not in the portal yet.")
    )
    city = models.ForeignKey(
        City,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city in the portal"),
        help_text=_("Set once an editor has confirmed or merged the place."),
    )
    created_at = models.DateTimeField(_("typed on"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("city to review")
        verbose_name_plural = _("cities to review")
        db_table = "goodideas_typedplace"

    def __str__(self):
        return f"{self.city_name}, {self.country_label}"

    @property
    def country_label(self) -> str:
        return self.country.name if self.country_id else self.country_name


class Tag(TagBase):
    """A tag of ideas and resources (django-taggit's documented custom tag model), with French and German names.

    `name` is taggit's: the English name, unique, what `idea.tags.add("housing")` matches and the slug comes
    from. `name_fr` and `name_de` are what French and German readers see (English when empty). Plain fields
    rather than a modeltranslation registration: modeltranslation would rewrite taggit's lookups on `name`
    into the reader's language, so that `tags.add("housing")` during a French request would look for a French
    "housing" and make a second tag. core.localised reads `name` as the English column.
    """

    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    @property
    def label(self) -> str:
        """The name in the page's language, else the English name."""
        return localised.text(self, "name")


class TaggedItem(GenericTaggedItemBase):
    """A tag on an idea, a resource…: taggit's generic link, to places.Tag (ids kept from taggit's table)."""

    tag = models.ForeignKey(Tag, related_name="%(app_label)s_%(class)s_items", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("tagged item")
        verbose_name_plural = _("tagged items")
        indexes = [models.Index(fields=["content_type", "object_id"], name="places_tagged_object")]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "tag"], name="places_taggeditem_one")
        ]
