from django import forms
from django.utils.translation import gettext_lazy as _

from core import lists, search
from places.models import Theme


class WebinarFilterForm(forms.Form):
    """The filters of the webinar list: words, theme, year. All optional; from the query string.

    Never invalid (core/lists.py): an unknown theme or a year without webinars is
    ignored, and a long text is cut to the bound every search box has.
    """

    q = forms.CharField(label=_("Search webinars"), required=False)
    theme = lists.KnownModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    year = lists.KnownTypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(str(year), str(year)) for year in years]

    def clean_q(self):
        return search.clean_query(self.cleaned_data["q"])


class RegistrantsEmailForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 12}))

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("The subject must fit on one line."))
        return subject
