from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from goodideas.models import City, Country, FurtherReading, GoodIdea, Organisation, Theme


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


@admin.register(City)
class CityAdmin(TabbedTranslationAdmin):
    list_display = ["name", "country"]
    list_filter = ["country__region", "country"]
    list_select_related = ["country"]
    search_fields = ["name_en", "name_fr", "name_de"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["country"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city"]
    list_filter = ["kind"]
    list_select_related = ["city"]
    search_fields = ["name"]
    autocomplete_fields = ["city"]


class FurtherReadingInline(TranslationTabularInline):
    model = FurtherReading
    extra = 1


@admin.register(GoodIdea)
class GoodIdeaAdmin(TabbedTranslationAdmin):
    list_display = ["title", "city", "status", "published_at"]
    list_filter = ["status", "themes", "city__country"]
    list_select_related = ["city"]
    search_fields = ["title_en", "title_fr", "title_de", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["city", "organisation", "partners", "related"]
    filter_horizontal = ["themes"]
    inlines = [FurtherReadingInline]
