import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from conversations.models import NewsItem
from goodideas.models import City, Country, Theme


class NewsFilter(django_filters.FilterSet):
    """News by theme, country (news about the country or one of its cities) and city; slugs in the URL.

    The choices offered are the places that have news. An unknown slug is a form error, shown on the page.
    """

    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        field_name="themes",
        empty_label=_("All themes"),
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        queryset=Country.objects.filter(Q(news__isnull=False) | Q(cities__news__isnull=False)).distinct(),
        to_field_name="slug",
        method="filter_country",
        empty_label=_("All countries"),
    )
    city = django_filters.ModelChoiceFilter(
        label=_("City"),
        queryset=City.objects.filter(news__isnull=False).distinct(),
        to_field_name="slug",
        empty_label=_("All cities"),
    )

    class Meta:
        model = NewsItem
        fields = ["theme", "country", "city"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(Q(country=value) | Q(city__country=value))
