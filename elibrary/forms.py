from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from elibrary.models import DocumentLanguage, Kind, Resource
from places.models import City, Country, Organisation, Theme


class ResourceAdminForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages of the document")),
        choices=DocumentLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    external_url = forms.URLField(
        label=capfirst(_("external address")),
        max_length=500,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
    )

    class Meta:
        model = Resource
        fields = "__all__"  # noqa: DJ007 - the admin lays the fields out in fieldsets


class ImportForm(forms.Form):
    csv_file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, with a header line. The columns are listed in the README (E-Library CSV import)."),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_csv_file(self):
        file = self.cleaned_data["csv_file"]
        if file.size > self.MAX_BYTES:
            raise forms.ValidationError(_("A CSV file may be at most 5 MB; split larger ones."), code="too_large")
        data = file.read()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("This file is not UTF-8 text. Save the spreadsheet as “CSV UTF-8” and try again."), code="encoding"
            ) from None


class LibrarySearchForm(forms.Form):
    """The GET form of the library page. Each field is optional; a value that does not fit is ignored.

    Ignored values are said to be so, next to the search box (core/lists.py): a value of
    the wrong shape, and a theme, country, city or publisher that does not exist (`ids` keeps the
    id each names, for LibrarySearch). A long text is cut, not refused.
    """

    SORTS = [("relevance", _("Relevance")), ("newest", _("Newest")), ("title", _("Title"))]
    # The fields that name a row: (model, the column the value is).
    ROWS = {
        "theme": (Theme, "slug"),
        "country": (Country, "slug"),
        "city": (City, "slug"),
        "publisher": (Organisation, "pk"),
    }

    q = forms.CharField(label=_("Search the library"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", ""), *Kind.choices], required=False)
    theme = forms.SlugField(label=_("Theme"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the document"), choices=[("", ""), *DocumentLanguage.choices], required=False
    )
    country = forms.SlugField(label=_("Country"), required=False)
    city = forms.SlugField(label=_("City"), required=False)
    publisher = forms.IntegerField(label=_("Publisher"), required=False, min_value=1, max_value=2**62)
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=1900, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1900, max_value=2100)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def clean(self):
        data = super().clean()
        self.ids = {}
        for name, (model, column) in self.ROWS.items():
            if data.get(name) in (None, ""):
                continue
            pk = model.objects.filter(**{column: data[name]}).values_list("pk", flat=True).first()
            if pk is None:
                self.add_error(name, _("Not found."))
            else:
                self.ids[name] = pk
        return data

    def values(self) -> dict:
        """The valid values given (fields with errors left out)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
