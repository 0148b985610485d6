"""The rows of a list page, loaded only if something on the page reads them.

A list page shows each row as a card kept in the fragment cache ({% fragment "idea-card" idea.pk … %}),
keyed by the row's id. When every card of a page is in the cache, the rows need not be read at all: a
`LazyRows` holds the ids, and the first attribute read of any row other than its `pk` (by a card that
is not cached, or anything else on the page) loads every row of the page in one query, as before.
"""


class LazyRow:
    """One row of a page: `pk` and `snippet` at once, anything else from the row, loaded on first read."""

    __slots__ = ("_rows", "pk", "snippet")

    def __init__(self, rows: "LazyRows", pk):
        self._rows = rows
        self.pk = pk
        self.snippet = None

    def __getattr__(self, name):
        if name.startswith("__"):  # copy, pickle, …: not the row's
            raise AttributeError(name)
        return getattr(self._rows.row(self.pk), name)

    def __eq__(self, other):
        return isinstance(other, LazyRow | self._rows.model) and other.pk == self.pk

    def __hash__(self):
        return hash(self.pk)

    def __str__(self):
        return str(self._rows.row(self.pk))


class LazyRows(list):
    """The rows of a page, in their order, as LazyRow; the first read of one reads them all from `rows`
    (a queryset of the page's rows, in any order)."""

    def __init__(self, ids: list, rows):
        super().__init__(LazyRow(self, pk) for pk in ids)
        self.model = rows.model
        self._rows = rows
        self._loaded: dict | None = None

    def row(self, pk):
        if self._loaded is None:
            self._loaded = {row.pk: row for row in self._rows}
        try:
            return self._loaded[pk]
        except KeyError:  # gone since the page was counted (withdrawn in between): an empty row
            raise AttributeError(pk) from None


def lazy_rows(ids: list, queryset) -> LazyRows:
    """The rows of `queryset` with these ids, in their order, read only if something reads them."""
    return LazyRows(ids, queryset.filter(pk__in=ids))
