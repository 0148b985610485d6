from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from elibrary.models import DocumentLanguage, Resource


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
