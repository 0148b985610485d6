"""The filters of the Good Ideas list, its export and its facet counts.

Every filter takes slugs (or years, or yes/no) and may repeat in the query string: values of one filter
are alternatives (theme=work&theme=learn: either theme), different filters all apply. Values that name
nothing (malformed, or no such theme, city, country, tag or year of the ideas) are ignored, so the
list is not filtered by them and does not show them as applied: never an error
(core/lists.py). A value that is applied is always shown, with its count, even 0.

Counts next to each value are "disjunctive": for a value of filter F, the number of ideas that match
all the other filters and that value. One GROUP BY query per filter, whatever the number of ideas.
"""

import hashlib
import json
import re

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, Count, F, Lookup, Value
from django.db.models.functions import Cast, Coalesce, Lower, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItem

from core import search
from core.versioning import content_version
from goodideas.models import GoodIdea
from places.models import City, Country, Region, Theme

SLUG_RE = re.compile(r"^[-\w]{1,100}$")
# At most this many values of one filter are read: nobody ticks more, and it bounds the SQL.
MAX_VALUES = 50
# The tag and city filters offer the most used values (and those ticked): a list of 500 checkboxes
# helps nobody, and the page lists every city (/cities/).
MAX_TAGS = 30
MAX_CITIES = 40


class ValueListField(forms.Field):
    """Every value of a repeated query parameter that `keep` accepts; never invalid."""

    widget = forms.SelectMultiple

    def __init__(self, *, keep, **kwargs):
        self.keep = keep
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        kept = []
        for item in list(value)[:MAX_VALUES]:
            item = self.keep(str(item).strip())
            if item is not None and item not in kept:
                kept.append(item)
        return kept


def keep_slug(value):
    return value.lower() if SLUG_RE.match(value) else None


def keep_year(value):
    return int(value) if value.isdigit() and len(value) == 4 else None


def keep_region(value):
    return value if value in Region.values else None


def keep_yes_no(value):
    return {"yes": True, "no": False}.get(value)


def idea_tags():
    """The tag links of Good Ideas (taggit's generic TaggedItem), without a query for the content type."""
    return TaggedItem.objects.filter(content_type__app_label="goodideas", content_type__model="goodidea")


def idea_themes():
    return GoodIdea.themes.through.objects.all()


class ValuesFilter(django_filters.Filter):
    """Ideas matching any of the values: `field_name` IN values.

    For many-to-many fields, `links` gives the link rows and `link_id` their idea column: the filter
    is then `id IN (SELECT idea FROM links WHERE value IN …)`, so that an idea with two of the values
    shows once.
    """

    field_class = ValueListField

    def __init__(self, *, keep, links=None, link_id=None, **kwargs):
        self.links, self.link_id = links, link_id
        super().__init__(keep=keep, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        if self.links:
            return qs.filter(pk__in=self.links().filter(**{f"{self.field_name}__in": value}).values(self.link_id))
        return qs.filter(**{f"{self.field_name}__in": value})


class AnyOf(Lookup):
    """`field__any_of=[1, 2, …]` → field = ANY(%s): one array parameter, however many values."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


GoodIdea._meta.pk.register_lookup(AnyOf)


class SearchFilter(django_filters.CharFilter):
    """The shared full-text search (GoodIdea.objects.search), run once per request.

    Where the FilterSet counts facets (`remember_search`), the ids it finds are kept
    (`GoodIdeaFilter.search_ids()`): the list and each facet count then filter on them
    (`id = ANY(ids)`) instead of matching every search document again. Elsewhere (the exports,
    which may stream 100,000 rows) the search stays a plain condition of one query.
    """

    def filter(self, qs, value):
        text = search.clean_query(value)
        if not text:
            return qs
        if not self.parent.remember_search:
            return qs.search(text)
        ids = self.parent.search_ids(text)
        return qs.filter(pk__any_of=ids).annotate(rank=search.rank(search.query(text)))


def _label(path, language):
    return Coalesce(NullIf(F(f"{path}_{language}"), Value("")), F(f"{path}_en"), output_field=CharField())


def known_values(data) -> dict[tuple[str, object], str]:
    """{(filter, value): label} for the values of `data` that name something; one query per filter given.

    A theme, city or country is known when it exists, a tag when an idea has it, a year when a
    published idea started in it.
    """
    language = get_language() or "en"
    language = language if language in {code for code, _name in settings.LANGUAGES} else "en"
    # filter: (its rows named by the values, the value's column, its label)
    queries = {
        "theme": (lambda slugs: Theme.objects.filter(slug__in=slugs), "slug", _label("name", language)),
        "city": (lambda slugs: City.objects.filter(slug__in=slugs), "slug", _label("name", language)),
        "country": (lambda slugs: Country.objects.filter(slug__in=slugs), "slug", _label("name", language)),
        "tag": (lambda slugs: idea_tags().filter(tag__slug__in=slugs), "tag__slug", F("tag__name")),
        "year": (
            lambda years: GoodIdea.objects.published().filter(year_started__in=years),
            "year_started",
            Cast("year_started", output_field=CharField()),
        ),
    }
    known = {}
    for name, (rows, column, label) in queries.items():
        if data.get(name):
            found = rows(data[name]).order_by().annotate(known_label=label).values_list(column, "known_label")
            known.update({(name, value): text for value, text in found.distinct()})
    return known


class GoodIdeaFilterForm(forms.Form):
    """The filters as read: values that name nothing are dropped (known_values()), never an error."""

    KNOWN = ("theme", "city", "country", "tag", "year")

    def clean(self):
        data = super().clean()
        self.labels = known_values(data)
        for name in self.KNOWN:
            if data.get(name):
                data[name] = [value for value in data[name] if (name, value) in self.labels]
        return data


class GoodIdeaFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"))
    theme = ValuesFilter(
        field_name="theme__slug", links=idea_themes, link_id="goodidea_id", keep=keep_slug, label=_("Theme")
    )
    city = ValuesFilter(field_name="city__slug", keep=keep_slug, label=_("City"))
    country = ValuesFilter(field_name="city__country__slug", keep=keep_slug, label=_("Country"))
    region = ValuesFilter(field_name="city__country__region", keep=keep_region, label=_("Region"))
    tag = ValuesFilter(field_name="tag__slug", links=idea_tags, link_id="object_id", keep=keep_slug, label=_("Tag"))
    running = ValuesFilter(field_name="still_running", keep=keep_yes_no, label=_("Still running"))
    year = ValuesFilter(field_name="year_started", keep=keep_year, label=_("Year started"))

    class Meta:
        model = GoodIdea
        fields = []
        form = GoodIdeaFilterForm

    # The filters that have counts, in the order the page shows them.
    FACETS = ["theme", "region", "country", "city", "tag", "year", "running"]

    # Run the search once and filter on the ids found: worth it where several queries share it.
    remember_search = False

    def search_ids(self, text):
        if getattr(self, "_search_text", None) != text:
            found = GoodIdea.objects.published().search(text).order_by().values_list("pk", flat=True)
            self._search_text, self._search_ids = text, list(found)
        return self._search_ids

    def filter_queryset(self, queryset, exclude=None):
        """The queryset with every filter applied, except the one named `exclude`."""
        for name, value in self.form.cleaned_data.items():
            if name != exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def query_text(self):
        return search.clean_query(self.form.cleaned_data.get("q")) if self.is_bound and self.is_valid() else ""

    def selected(self, name):
        return self.form.cleaned_data.get(name) or [] if self.is_valid() else []

    @property
    def is_filtered(self):
        return any(self.selected(name) for name in self.FACETS) or bool(self.query_text)

    # Sorting -----------------------------------------------------------------------------------
    SORTS = {"newest": _("Newest first"), "title": _("Title A–Z"), "relevance": _("Relevance")}

    def sort_key(self, requested):
        if requested == "relevance" and not self.query_text:
            requested = None
        if requested in self.SORTS:
            return requested
        return "relevance" if self.query_text else "newest"

    def sorted(self, queryset, requested):
        key = self.sort_key(requested)
        if key == "relevance":
            return queryset.order_by("-rank", "-published_at", "pk")
        if key == "title":
            language = get_language() or "en"
            title = Coalesce(NullIf(F(f"title_{language}"), Value("")), F("title_en"), output_field=CharField())
            return queryset.order_by(Lower(title), "pk")
        return queryset.order_by("-published_at", "pk")

    def sort_choices(self):
        return [(key, label) for key, label in self.SORTS.items() if key != "relevance" or self.query_text]

    # Facet counts ------------------------------------------------------------------------------
    def cached_facets(self, queryset):
        """facets(), kept in the cache for a while (settings.GOODIDEAS_FACETS_CACHE_SECONDS).

        The key holds the language, the filters as read and the content version, which every change to
        public content moves on (core.versioning), so that counts change as soon as the list does; the
        timeout covers ideas whose publication date comes later.
        """
        seconds = getattr(settings, "GOODIDEAS_FACETS_CACHE_SECONDS", 120)
        if not seconds:
            return self.facets(queryset)
        data = self.form.cleaned_data if self.is_valid() else {}
        fingerprint = json.dumps([get_language(), sorted((k, repr(v)) for k, v in data.items())])
        key = f"goodideas:facets:v{content_version()}:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
        facets = cache.get(key)
        if facets is None:
            facets = self.facets(queryset)
            cache.set(key, facets, seconds)
        return facets

    # Filters on columns of the idea, its city and country, countable together (grouped_counts()).
    GROUPABLE = {
        "region": ("co.region", None, "city__country__region"),
        "country": ("co.slug", "co.name", "city__country__slug"),
        "city": ("c.slug", "c.name", "city__slug"),
        "year": ("g.year_started", None, "year_started"),
        "running": ("g.still_running", None, "still_running"),
    }

    def grouped_counts(self, queryset, names, language):
        """Counts of several filters in one query (GROUP BY GROUPING SETS), for filters not ticked.

        Each such filter counts over the same ideas (every filter applied), so one pass over them
        gives all the counts. Returns {name: [{value path: value, "label": …, "count": n}]}.
        """
        language = language if language in {code for code, _name in settings.LANGUAGES} else "en"
        ideas_sql, params = self.filter_queryset(queryset).order_by().values("pk").query.sql_with_params()
        columns, labels, flags = [], [], []
        for name in names:
            column, label_column, _path = self.GROUPABLE[name]
            columns.append(column)
            flags.append(f"GROUPING({column})")
            labels.append(
                f"MAX(COALESCE(NULLIF({label_column}_{language}, ''), {label_column}_en))" if label_column else "NULL"
            )
        sql = (
            f"SELECT {', '.join(flags)}, {', '.join(columns)}, {', '.join(labels)}, COUNT(*) "
            f"FROM {GoodIdea._meta.db_table} g "
            f"JOIN {City._meta.db_table} c ON c.id = g.city_id "
            f"JOIN {Country._meta.db_table} co ON co.id = c.country_id "
            f"WHERE g.id IN ({ideas_sql}) "
            f"GROUP BY GROUPING SETS ({', '.join(f'({column})' for column in columns)})"
        )
        result = {name: [] for name in names}
        count = len(names)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for row in cursor.fetchall():
                position = row[:count].index(0)  # the one filter this row counts
                name = names[position]
                result[name].append(
                    {
                        self.GROUPABLE[name][2]: row[count + position],
                        "label": row[2 * count + position],
                        "count": row[-1],
                    }
                )
        return result

    def facets(self, queryset):
        """{filter name: [{"value", "label", "count", "selected"}]}: one query per filter."""
        language = get_language() or "en"

        def label(path):
            return Coalesce(NullIf(F(f"{path}_{language}"), Value("")), F(f"{path}_en"), output_field=CharField())

        # name: (rows to count, given the filtered ideas; the value's column; its label; its position)
        groups = {
            "theme": (
                lambda ideas: idea_themes().filter(goodidea__in=ideas.values("pk")),
                "theme__slug",
                label("theme__name"),
                "theme__position",
            ),
            "region": (lambda ideas: ideas, "city__country__region", None, None),
            "country": (lambda ideas: ideas, "city__country__slug", label("city__country__name"), None),
            "city": (lambda ideas: ideas, "city__slug", label("city__name"), None),
            "tag": (
                lambda ideas: idea_tags().filter(object_id__in=ideas.values("pk")),
                "tag__slug",
                F("tag__name"),
                None,
            ),
            "year": (lambda ideas: ideas, "year_started", None, None),
            "running": (lambda ideas: ideas, "still_running", None, None),
        }
        # Filters of the idea's own row that nobody ticked all count over the same ideas: one query.
        together = [name for name in self.GROUPABLE if not self.selected(name)]
        rows_by_name = self.grouped_counts(queryset, together, language) if len(together) > 1 else {}
        for name in self.FACETS:
            if name in rows_by_name:
                continue
            rows_of, value_path, label_expression, position = groups[name]
            rows_by_name[name] = (
                rows_of(self.filter_queryset(queryset, exclude=name))
                .order_by()
                .values(value_path)
                .annotate(
                    count=Count("*"),  # one row per idea (and value): no filter joins a many-to-many table
                    **({"label": label_expression} if label_expression is not None else {}),
                    **({"position": F(position)} if position else {}),
                )
            )
        region_labels = dict(Region.choices)
        running_labels = {True: _("Still running"), False: _("Ended")}
        result = {}
        for name in self.FACETS:
            value_path = groups[name][1]
            rows = rows_by_name[name]
            selected = self.selected(name)
            items = []
            for row in rows:
                value = row[value_path]
                if value is None:
                    continue
                if name == "region":
                    text = region_labels.get(value, value)
                elif name == "running":
                    text = running_labels[value]
                    value = "yes" if value else "no"
                elif name == "year":
                    text = str(value)
                else:
                    text = row["label"]
                is_selected = (value in selected) if name != "running" else (row[value_path] in selected)
                items.append(
                    {
                        "value": value,
                        "label": str(text),
                        "count": row["count"],
                        "selected": is_selected,
                        "position": row.get("position", 0),
                    }
                )
            items += self.applied_without_ideas(name, items, region_labels, running_labels)
            if name == "theme":
                items.sort(key=lambda item: item["position"])
            elif name == "year":
                items.sort(key=lambda item: -int(item["value"]))
            elif name == "tag":  # the most used tags, and those ticked
                items.sort(key=lambda item: (-item["count"], str(item["label"]).lower()))
                items = [item for position, item in enumerate(items) if position < MAX_TAGS or item["selected"]]
            elif name == "running":
                items.sort(key=lambda item: item["value"] != "yes")
            else:
                if name == "city" and len(items) > MAX_CITIES:
                    items.sort(key=lambda item: -item["count"])
                    items = [item for place, item in enumerate(items) if place < MAX_CITIES or item["selected"]]
                items.sort(key=lambda item: str(item["label"]).lower())
            result[name] = items
        return result

    def applied_without_ideas(self, name, items, region_labels, running_labels):
        """The values of filter `name` that are applied but count no idea: shown too, with 0."""
        shown = {item["value"] for item in items}
        labels = getattr(self.form, "labels", {})
        missing = []
        for value in self.selected(name):
            if name == "running":
                value, label = ("yes" if value else "no"), running_labels[value]
            elif name == "region":
                label = region_labels.get(value, value)
            else:
                label = labels.get((name, value), value)
            if value not in shown:
                missing.append({"value": value, "label": str(label), "count": 0, "selected": True, "position": 99})
        return missing


def filter_ideas(data, queryset=None):
    """The FilterSet bound to `data` (request.GET) over the published ideas."""
    if queryset is None:
        queryset = GoodIdea.objects.published()
    return GoodIdeaFilter(data, queryset=queryset)
