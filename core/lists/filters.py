"""The filters of a list: what a value in the address may be, what it names, the condition it sets.

Each filter reads the values of its query parameter forgivingly (`read`: the shape; a malformed
value is dropped), keeps those that name something (`resolve`: at most one query per filter given),
and turns them into a condition on the listed rows (`condition`). A filter with counts also says how
its values group the rows (`group`): a column of the row, an array, or a link table, and where the
names of its values come from. Values of one filter are alternatives (theme=work&theme=learn: either
theme); different filters all apply.
"""

import copy
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

import django_filters
from django import forms
from django.db import connection
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core import kept, localised, search

SLUG_RE = re.compile(r"^[-\w]{1,100}$")
# At most this many values of one filter are read: nobody ticks more, and it bounds the SQL.
MAX_VALUES = 50


@dataclass(frozen=True)
class Choice:
    """A value applied: as written in the address, as the database holds it, as the page names it."""

    value: str
    key: object
    label: str


# How a filter's values group the rows, for counts (core.lists.counts) ------------------------------


@dataclass(frozen=True)
class Names:
    """The rows that name a facet's values: `model`, its column in the address, its label, its order."""

    model: type
    value_field: str = "slug"
    label_field: str = "name"
    position_field: str | None = None


@dataclass(frozen=True)
class Column:
    """Rows grouped by a value of theirs (or of a row they point to): an expression of the listed model."""

    expression: object
    names: Names | None = None
    array: bool = False  # an array column: a row counts once for each value it holds


@dataclass(frozen=True)
class Link:
    """Rows grouped through a link table: its column of the listed row, its column of the value."""

    model: type
    row_column: str
    value_column: str
    names: Names
    where: Callable[[], dict] | None = None  # further columns its rows must match (e.g. taggit's content type)

    def rows(self, keys):
        """The listed rows linked to any of `keys`, as a subquery written here: the same subquery made by
        the ORM cost ~0.5 ms of Python to resolve each time the counting query used it (in the facet's
        flag and in the condition that every facet but one holds: three or more times per list)."""
        meta, quote = self.model._meta, connection.ops.quote_name
        where = self.where() if self.where else {}
        columns = {name: quote(meta.get_field(name).column) for name in (self.row_column, self.value_column, *where)}
        conditions = [f"{columns[self.value_column]} = ANY(%s)", *(f"{columns[name]} = %s" for name in where)]
        sql = f"SELECT {columns[self.row_column]} FROM {quote(meta.db_table)} WHERE {' AND '.join(conditions)}"
        return RawSQL(sql, [list(keys), *where.values()])


# The form ----------------------------------------------------------------------------------------


class ValuesField(forms.Field):
    """Every value of a query parameter that `read` accepts (only the last where one is allowed); never invalid."""

    widget = forms.SelectMultiple  # reads every value of the parameter

    def __init__(self, *, read, multiple, **kwargs):
        self.read, self.multiple = read, multiple
        kwargs["required"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        kept = []
        for text in list(value)[:MAX_VALUES]:
            item = self.read(str(text).strip())
            if item is not None and item not in kept:
                kept.append(item)
        return kept if self.multiple else kept[-1:]


class SearchField(forms.CharField):
    """Words to look for, cut to the bound every search box has (search.clean_query); never invalid."""

    def __init__(self, **kwargs):
        kwargs["required"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        return search.clean_query(value)


class ListForm(forms.Form):
    """The form of a list's filters: never invalid (core.lists).

    Each filter keeps the values that name something (its cleaned value: a list of Choice); what it
    drops is in `ignored`, as (filter label, value as given), for the page to say so.
    """

    list_filters: dict = {}
    MAX_IGNORED = 10

    def clean(self):
        data = super().clean()
        self.ignored = []
        for name, list_filter in self.list_filters.items():
            if isinstance(list_filter, ListFilter):
                data[name] = list_filter.resolve(data[name]) if data.get(name) else []
                self.note_ignored(name, list_filter, {choice.value for choice in data[name]})
        return data

    def note_ignored(self, name, list_filter, kept):
        given = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name, "")]
        for text in given[:MAX_VALUES]:
            text = str(text).strip()
            read = list_filter.read(text) if text else None
            if text and (read is None or str(read) not in kept) and len(self.ignored) < self.MAX_IGNORED:
                self.ignored.append((list_filter.label, text[:40]))


# The filters -------------------------------------------------------------------------------------


class ListFilter(django_filters.Filter):
    """A filter whose values name something: unknown or malformed values are dropped, never an error.

    `multiple`: several values may be applied at once (checkboxes), else one (a select).
    """

    all_label = _("All")
    # Whether a value's label names the filter too ("To year: 2010"), so that a description shows it alone.
    labels_name_the_filter = False

    def __init__(self, field_name=None, *, multiple=False, all_label=None, **kwargs):
        self.multiple = multiple
        if all_label is not None:
            self.all_label = all_label
        super().__init__(field_name=field_name, **kwargs)

    def __deepcopy__(self, memo):
        """A copy for one request (django-filter copies the declared filters per filterset): what the
        filter was declared with (choices, the tables it names) is never changed, so only what a request
        sets (`model`, `parent`, the form field made from it) is the copy's own. A deep copy walked every
        choice and label, ~0.2 ms per list page."""
        copied = copy.copy(self)
        copied.extra = dict(self.extra)
        copied.__dict__.pop("_field", None)
        memo[id(self)] = copied
        return copied

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self._field = ValuesField(read=self.read, multiple=self.multiple, label=self.label)
        return self._field

    def read(self, text: str):
        """The value `text` stands for, if it has the right shape; else None."""
        raise NotImplementedError

    def resolve(self, values: list) -> list[Choice]:
        """The values that name something, in the order given."""
        raise NotImplementedError

    def condition(self, keys: list) -> Q:
        """The rows matching any of `keys`."""
        raise NotImplementedError

    def group(self) -> Column | Link | None:
        """How facet counts group the rows by this filter's values."""
        return None

    def option(self, key_text: str) -> Choice | None:
        """The value a count's key (as text, from SQL) stands for, where the key is not the value shown."""
        return None

    def options_of_keys(self) -> Callable[[str], Choice | None]:
        """option(), for reading the keys of many counts in a row (a facet's values)."""
        return self.option

    def filter(self, qs, value):
        return qs.filter(self.condition([choice.key for choice in value])) if value else qs


class RowsFilter(ListFilter):
    """Rows of another table, named by slug (or id) in the address.

    Through foreign keys (`field_name`: the path to one, or several paths: any of them, as a news
    item's own country or its city's) or a link table (`link`: a many-to-many field of the listed
    model, or a Link). `among` (a callable giving a set of ids, kept per content version) limits which
    rows may be named: the tags Good Ideas carry, the countries with news.
    """

    def __init__(self, model, field_name=None, *, link=None, to_field="slug", among=None, position_field=None, **extra):
        self.names = Names(model, to_field, "name", position_field)
        self.link, self.among = link, among
        super().__init__(field_name, **extra)

    def read(self, text):
        if self.names.value_field == "pk":
            return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None
        return text.lower() if SLUG_RE.match(text) else None

    def resolve(self, values):
        field = self.names.value_field
        allowed = self.among() if self.among else None
        if kept.is_kept(self.names.model):  # themes, countries, cities, tags: no query
            by_value = {str(getattr(row, field)): row for row in kept.rows(self.names.model)}
            chosen = [by_value[str(value)] for value in values if str(value) in by_value]
            label = self.names.label_field
            return [
                Choice(str(getattr(row, field)), row.pk, str(localised.text(row, label)))
                for row in chosen
                if allowed is None or row.pk in allowed
            ]
        rows = self.names.model.objects.all() if allowed is None else self.names.model.objects.filter(pk__in=allowed)
        found = rows.filter(**{f"{field}__in": values}).order_by().values_list("pk", field, self.label_expression())
        by_value = {str(value): Choice(str(value), pk, str(label)) for pk, value, label in found}
        return [by_value[str(value)] for value in values if str(value) in by_value]

    def label_expression(self):
        return localised.expression(self.names.label_field, self.names.model)

    def link_table(self) -> Link | None:
        if self.link is None or isinstance(self.link, Link):
            return self.link
        field = self.model._meta.get_field(self.link)
        return Link(field.remote_field.through, field.m2m_column_name(), field.m2m_reverse_name(), self.names)

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.field_name,) if isinstance(self.field_name, str) else tuple(self.field_name)

    def condition(self, keys):
        link = self.link_table()
        if link:
            return Q(pk__in=link.rows(keys))
        return reduce(operator.or_, (Q(**{f"{path}__in": keys}) for path in self.paths))

    def group(self):
        link = self.link_table()
        if link:
            return link
        expressions = [F(path) for path in self.paths]
        return Column(Coalesce(*expressions) if len(expressions) > 1 else expressions[0], self.names)


def sql_text(key) -> str:
    """A key as PostgreSQL writes it when cast to text."""
    return str(key).lower() if isinstance(key, bool) else str(key)


class ChoicesFilter(ListFilter):
    """Values from a fixed list: `choices` as (value, label), or (value, key, label) where the database
    holds another key (yes → True). `array`: the column is an array; a row matches if it holds any value.
    `choices` may be a callable (choices known only when the page is asked for)."""

    def __init__(self, field_name, choices, *, array=False, **kwargs):
        self.choices, self.array = choices, array
        super().__init__(field_name, **kwargs)

    def options(self) -> list[Choice]:
        choices = self.choices() if callable(self.choices) else self.choices
        return [Choice(str(c[0]), c[1] if len(c) == 3 else c[0], str(c[-1])) for c in choices]

    def read(self, text):
        return text if any(option.value == text for option in self.options()) else None

    def resolve(self, values):
        by_value = {option.value: option for option in self.options()}
        return [by_value[value] for value in values]

    def condition(self, keys):
        return Q(**{f"{self.field_name}__{'overlap' if self.array else 'in'}": keys})

    def group(self):
        return Column(F(self.field_name), array=self.array)

    def option(self, key_text):
        return self.options_of_keys()(key_text)

    def options_of_keys(self):
        # The choices are made once, not once per key (a facet of 60 values read them 60 times).
        return {sql_text(option.key): option for option in self.options()}.get


class YearsFilter(ListFilter):
    """Years in which some row of the list falls: `field_name` is a year column, or a date's `__year`."""

    def read(self, text):
        return int(text) if text.isascii() and text.isdigit() and len(text) == 4 else None

    def resolve(self, values):
        rows = self.parent.queryset.filter(**{f"{self.field_name}__in": values}).order_by()
        found = set(rows.values_list(self.field_name, flat=True).distinct())
        return [Choice(str(year), year, str(year)) for year in values if year in found]

    def condition(self, keys):
        return Q(**{f"{self.field_name}__in": keys})

    def group(self):
        return Column(F(self.field_name))

    def option(self, key_text):
        return Choice(key_text, int(key_text), key_text)


class BoundFilter(ListFilter):
    """A number that bounds a column (`lookup_expr` "gte" or "lte"), between `minimum` and `maximum`."""

    labels_name_the_filter = True

    def __init__(self, field_name, *, lookup_expr, minimum, maximum, **kwargs):
        self.minimum, self.maximum = minimum, maximum
        super().__init__(field_name, lookup_expr=lookup_expr, **kwargs)

    def read(self, text):
        if not (text.isascii() and text.isdigit() and len(text) < 10):
            return None
        return int(text) if self.minimum <= int(text) <= self.maximum else None

    def resolve(self, values):
        return [Choice(str(value), value, f"{self.label}: {value}") for value in values]

    def condition(self, keys):
        return Q(**{f"{self.field_name}__{self.lookup_expr}": keys[0]})


class SearchFilter(django_filters.CharFilter):
    """Words to look for (`q`), matched and ranked by core.search in every language.

    `match(search_query) -> (condition, rank)` where the rows' own search document is not all there is
    to it (community threads are found by their replies too).
    """

    field_class = SearchField

    def __init__(self, *, match=None, **kwargs):
        self.match = match
        super().__init__(**kwargs)

    def matching(self, text):
        search_query = search.query(text)
        if self.match:
            return self.match(search_query)
        return Q(search_document=search_query), search.rank(search_query)

    def filter(self, qs, value):
        if not value:
            return qs
        condition, rank = self.matching(value)
        return qs.filter(condition).annotate(rank=rank)
