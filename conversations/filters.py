import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from conversations.models import NewsItem
from core import search
from core.lists import KnownModelChoiceFilter
from places.models import City, Country, Theme


class NewsFilter(django_filters.FilterSet):
    """News by words (full-text, every language), theme, country (its own news and its cities') and city.

    Places and themes are slugs in the URL.

    The choices offered are the places that have news. A value that is not one of them is ignored
    (core/lists.py): the field shows "All …" and the news are not filtered by it. Long
    words are cut to the bound of every search box.
    """

    q = django_filters.CharFilter(
        label=_("Keywords"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": search.MAX_QUERY_LENGTH}),
    )
    theme = KnownModelChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        field_name="themes",
        empty_label=_("All themes"),
    )
    country = KnownModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.filter(Q(news__isnull=False) | Q(cities__news__isnull=False)).distinct(),
        to_field_name="slug",
        method="filter_country",
        empty_label=_("All countries"),
    )
    city = KnownModelChoiceFilter(
        label=_("City"),
        queryset=City.objects.filter(news__isnull=False).distinct(),
        to_field_name="slug",
        empty_label=_("All cities"),
    )

    class Meta:
        model = NewsItem
        fields = ["q", "theme", "country", "city"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_country(self, queryset, name, value):
        return queryset.filter(Q(country=value) | Q(city__country=value))
