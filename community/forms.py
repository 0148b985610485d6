from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community import markdown
from community.models import Profile, Report, Thread
from community.services import members, posting
from core import languages
from core.forms import HoneypotMixin
from places.forms import TypedCityMixin

MARKDOWN_HELP = _(
    "You can use Markdown: *italics*, **bold**, [a link](https://example.org), lists starting with “-”, "
    "quotes starting with “>”. No images or HTML. Up to 10,000 characters."
)


class BodyField(forms.CharField):
    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your message"))
        kwargs.setdefault("help_text", MARKDOWN_HELP)
        # The limit is checked in clean(), so an oversized post gets a form error, never a truncation.
        super().__init__(strip=False, **kwargs)
        self.widget.attrs.update({"rows": 8, "maxlength": markdown.MAX_LENGTH})

    def clean(self, value):
        value = super().clean(value)
        return posting.clean_body(value)


class SignupExtraForm(HoneypotMixin, forms.Form):
    """Added to allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): the name shown with posts."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_("Shown with your posts, e.g. your first name and city. Your e-mail address is never shown."),
    )

    field_order = ["display_name", "email", "password1", "password2", "website_url"]

    def signup(self, request, user):
        profile = members.profile_for(user)
        profile.display_name = self.cleaned_data["display_name"].strip()
        profile.save(update_fields=["display_name"])


class ProfileForm(TypedCityMixin, forms.ModelForm):
    """The member's profile. Their city comes from the list or, when it is not there, is typed with its
    country (an editor then adds it to the portal or finds it under another name)."""

    city_required = False

    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=languages.choices(languages.MEMBER),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = ["display_name", "city", "organisation", "role", "languages", "preferred_language"]

    field_order = ["display_name", "city", "new_city", "new_country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = self.fields["city"].queryset.select_related("country").order_by("name")
        self.fields["city"].label_from_instance = lambda city: f"{city.name}, {city.country.name}"
        self.fields["city"].empty_label = _("(not given)")
        self.fields["city"].label = _("Your city")
        place = self.instance.place if self.instance.pk and self.instance.place_id else None
        if place is not None and self.instance.city_id is None:  # typed, and not reviewed yet
            self.initial.update(new_city=place.city_name, new_country=place.country_label)
        self.fields["role"].choices = [("", _("(not given)")), *Profile.Role.choices]
        self.fields["preferred_language"].choices = [(code, name) for code, name in settings.LANGUAGES]


class ThreadForm(HoneypotMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("Your question or subject in one line."))
    kind = forms.ChoiceField(label=_("This is"), choices=Thread.Kind.choices, initial=Thread.Kind.QUESTION)
    body = BodyField()

    field_order = ["title", "kind", "body", "website_url"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise ValidationError(_("Please give a title."))
        return title


class PostForm(HoneypotMixin, forms.Form):
    body = BodyField(label=_("Your reply"))


class EditPostForm(forms.Form):
    body = BodyField()


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with this post?"), choices=Report.Reason.choices)
    comment = forms.CharField(label=_("Anything the editors should know (optional)"), max_length=500, required=False)


class DeleteAccountForm(forms.Form):
    KEEP = "keep"
    REMOVE = "remove"
    posts = forms.ChoiceField(
        label=_("Your posts"),
        choices=[
            (KEEP, _("Keep them, shown as written by “Former member”")),
            (REMOVE, _("Remove them")),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(label=_("Yes, delete my account. This cannot be undone."))
