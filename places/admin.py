"""The editors' pages of themes, countries, cities, organisations, tags and the cities typed for review."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from taggit.models import Tag as TaggitTag

from places import services
from places.models import BirthCountry, City, Country, Organisation, Tag, Theme, TypedPlace

# Addresses typed without a scheme are read as https:// (Django 6's default, asked for now).


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    readonly_fields = ["slug"]


@admin.register(Country)
class CountryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name_en", "name_fr", "name_de", "code"]
    prepopulated_fields = {"slug": ["name_en"]}


class BirthCountryInline(TranslationTabularInline):
    model = BirthCountry
    extra = 0
    fields = ["name", "share", "year", "source", "source_url"]


@admin.register(City)
class CityAdmin(TabbedTranslationAdmin):
    inlines = [BirthCountryInline]
    list_display = ["name", "country", "population", "foreign_born_share"]
    list_filter = ["country__region", "country"]
    list_select_related = ["country"]
    search_fields = ["name_en", "name_fr", "name_de"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["country"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "country", "latitude", "longitude", "profile"]}),
        (_("Population"), {"fields": ["population", "population_year", "population_source", "population_source_url"]}),
        (
            _("Residents born abroad"),
            {"fields": ["foreign_born_share", "foreign_born_year", "foreign_born_source", "foreign_born_source_url"]},
        ),
    ]


# Tags live in places.Tag (with French and German names); taggit's own table is empty since the move.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)


class TagNamesForm(forms.ModelForm):
    """A row of the tag list: its inputs are labelled with the tag they name (they have no <label> of their own)."""

    class Meta:
        model = Tag
        fields = ["name_fr", "name_de"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            label = f"{Tag._meta.get_field(name).verbose_name}: {self.instance.name}"
            self.fields[name].widget.attrs["aria-label"] = capfirst(label)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags and their names: the English one is the tag itself (what editors type on an idea), French and
    German are what readers of those languages see; the list edits them in place, many at a time."""

    list_display = ["name", "name_fr", "name_de"]
    list_editable = ["name_fr", "name_de"]
    list_filter = [("name_fr", admin.EmptyFieldListFilter), ("name_de", admin.EmptyFieldListFilter)]
    search_fields = ["name", "name_fr", "name_de"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "name_fr", "name_de", "slug"]

    def get_changelist_form(self, request, **kwargs):
        return TagNamesForm


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city"]
    list_filter = ["kind"]
    list_select_related = ["city"]
    search_fields = ["name"]
    autocomplete_fields = ["city"]


class NewCityForm(forms.Form):
    """The editor's confirmation of a typed city as a new city of the portal."""

    name = forms.CharField(label=_("Name (English)"), max_length=100)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), help_text=_("Add the country first if it is missing.")
    )
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90, help_text=_("e.g. 47.37"))
    longitude = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180, help_text=_("e.g. 8.54"))


class MergeForm(forms.Form):
    city = forms.ModelChoiceField(label=_("Existing city"), queryset=City.objects.select_related("country"))


class ResolvedFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [("no", _("To review")), ("yes", _("Reviewed"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(resolved_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(resolved_at__isnull=False)
        return queryset


@admin.register(TypedPlace)
class TypedPlaceAdmin(admin.ModelAdmin):
    """Cities typed by proposers and members. An editor reviews each: merge into an existing city
    (offered when the names are alike) or confirm it as a new city, with its coordinates."""

    list_display = ["city_name", "country_label", "city", "created_at", "resolved_at"]
    list_filter = [ResolvedFilter]
    list_select_related = ["country", "city__country"]
    search_fields = ["city_name", "country_name"]

    def has_add_permission(self, request):
        return False  # typed by proposers and members

    @admin.display(description=_("country"))
    def country_label(self, place):
        return place.country_label

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page: merge into an existing city, or confirm as a new one."""
        place = get_object_or_404(TypedPlace.objects.select_related("country", "city"), pk=object_id)
        if not self.has_view_or_change_permission(request, place):
            raise PermissionDenied
        can_change = self.has_change_permission(request, place)
        merge_form = MergeForm(prefix="merge")
        new_form = NewCityForm(prefix="new", initial={"name": place.city_name, "country": place.country_id})
        if request.method == "POST":
            if not can_change:
                raise PermissionDenied
            if "merge" in request.POST:
                merge_form = MergeForm(request.POST, prefix="merge")
                if merge_form.is_valid():
                    return self.resolved(request, place, merge_form.cleaned_data["city"], new=False)
            elif "confirm" in request.POST:
                new_form = NewCityForm(request.POST, prefix="new")
                if new_form.is_valid():
                    try:
                        city = services.place_confirm(place=place, **new_form.cleaned_data)
                    except ValidationError as error:
                        new_form.add_error(None, error)
                    else:
                        return self.resolved(request, place, city, new=True)
        suggestions = services.similar_cities(place)
        if suggestions and not merge_form.is_bound:
            merge_form.initial = {"city": suggestions[0].pk}
        country_add = reverse("admin:places_country_add") + "?" + urlencode({"name_en": place.country_name})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review a typed city"),
            "opts": self.model._meta,
            "place": place,
            "suggestions": suggestions,
            "merge_form": merge_form,
            "new_form": new_form,
            "can_change": can_change,
            "country_add_url": country_add,
            "waiting": waiting_for(place),
        }
        return TemplateResponse(request, "admin/places/typedplace/review.html", context)

    def resolved(self, request, place, city, *, new):
        changed = services.place_resolve(place=place, city=city) if not new else None
        if new:
            message = _("%(city)s added to the portal.") % {"city": city}
        else:
            message = ngettext(
                "“%(place)s” merged into %(city)s (%(count)d idea or profile updated).",
                "“%(place)s” merged into %(city)s (%(count)d ideas or profiles updated).",
                changed,
            ) % {"place": place.city_name, "city": city, "count": changed}
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:places_typedplace_changelist")


def waiting_for(place) -> list[dict]:
    """What waits for `place` in other apps, each kind under its heading, with links to their admin pages."""
    groups = []
    for waiting in services.WAITING.values():
        items = list(waiting.items(place)) if waiting.items else []
        if items:
            groups.append(
                {"label": waiting.label, "items": [{"label": str(item), "url": _change_url(item)} for item in items]}
            )
    return groups


def _change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
