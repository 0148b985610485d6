import copy
from pathlib import Path

from django import forms
from django.core.files.base import ContentFile
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from core import languages
from core.uploads import max_document_bytes, validate_document
from elibrary.models import Kind, Resource
from goodideas.models import GoodIdea
from places.models import City, Country, Theme

LANGUAGES = ["en", "fr", "de"]  # the portal's languages: a title and a summary column each


class ResourceAdminForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages of the document")),
        choices=languages.choices(languages.DOCUMENT),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Resource
        fields = "__all__"  # noqa: DJ007 - the admin lays the fields out in fieldsets


class ImportForm(forms.Form):
    csv_file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, with a header line. The columns are listed in the README (E-Library CSV import)."),
    )

    MAX_BYTES = 50 * 1024 * 1024  # about 200,000 rows; a background job imports them

    def clean_csv_file(self):
        file = self.cleaned_data["csv_file"]
        if file.size > self.MAX_BYTES:
            raise forms.ValidationError(_("A CSV file may be at most 50 MB; split larger ones."), code="too_large")
        data = file.read()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("This file is not UTF-8 text. Save the spreadsheet as “CSV UTF-8” and try again."), code="encoding"
            ) from None


# The CSV import (elibrary/importer.py) ------------------------------------------------------------------------
# Its messages are for the editor who reads the import report, in the words of the README's column list.

YES = {"", "1", "true", "yes", "y", "oui", "ja"}
NO = {"0", "false", "no", "n", "non", "nein"}


def split(value: str | None) -> list[str]:
    """The items of a list cell, separated by semicolons (or commas)."""
    return [item.strip() for item in (value or "").replace(",", ";").split(";") if item.strip()]


def lookup(model, values: list[str], label: str, *fields: str, known: dict | None = None) -> list:
    """The rows of `model` whose slug (or another of `fields`) is each of `values`; an unknown one is an error.

    `known` ({field: {lower-case value: row}}, from `Known`) answers without a query per value.
    """
    found = []
    for value in values:
        match = None
        for name in fields or ("slug",):
            if known is not None:
                match = known[name].get(value.lower())
            else:
                match = model.objects.filter(**{f"{name}__iexact": value}).first()
            if match:
                break
        if match is None:
            raise forms.ValidationError(f"unknown {label} “{value}”", code="unknown")
        found.append(match)
    return found


class Known:
    """The themes, cities, countries and Good Ideas that a batch of CSV rows names, read with one query each,
    so that checking a batch of rows costs the same few queries whatever its number of rows."""

    LOOKUPS = {  # column: (model, fields it may name a row by)
        "themes": (Theme, ("slug",)),
        "cities": (City, ("slug",)),
        "countries": (Country, ("slug", "code")),
        "ideas": (GoodIdea, ("slug",)),
    }

    def __init__(self, rows: list[dict]):
        self.rows: dict[str, dict[str, dict]] = {}
        for column, (model, fields) in self.LOOKUPS.items():
            values = {value.lower() for row in rows for value in split(row.get(column))}
            self.rows[column] = {name: {} for name in fields}
            if not values:
                continue
            matches = Q()
            for name in fields:
                matches |= Q(**{f"{name}_key__in": values})
            keys = {f"{name}_key": Lower(name) for name in fields}
            for row in model.objects.annotate(**keys).filter(matches).order_by(*model._meta.ordering or ["pk"], "pk"):
                for name in fields:
                    self.rows[column][name].setdefault(getattr(row, f"{name}_key"), row)

    def __getitem__(self, column: str) -> dict:
        return self.rows[column]


class _ValueInMessage:
    """A form field whose "invalid" message may name the value given (%(value)s), as Django's validators do."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None


class _YearField(_ValueInMessage, forms.IntegerField):
    pass


class _DateField(_ValueInMessage, forms.DateField):
    pass


def _model_field(name: str, form_class=None, **options):
    """The form field the admin's ModelForm makes for Resource.`name` (its length and choices), with the
    validators the model declares (a ModelForm runs those on the instance: here there is none)."""
    if form_class:
        options["form_class"] = form_class
    model_field = Resource._meta.get_field(name)
    field = model_field.formfield(**options)
    field.validators = [*field.validators, *model_field._validators]
    return field


def _admin_field(name: str, **error_messages):
    """ResourceAdminForm's own field for `name` (e.g. the address with its https default), not required."""
    field = copy.deepcopy(ResourceAdminForm.base_fields[name])
    field.required = False
    field.error_messages = {**field.error_messages, **error_messages}
    return field


class ResourceRowForm(forms.Form):
    """One row of a library CSV file, keyed by its columns; the same rules as a resource saved in the admin.

    The fields are the model's and the admin form's own; only the messages speak of columns. A field error
    names the column's value, and `first_error` is the one the import report shows for the row.
    """

    title_en = _model_field("title_en", required=True, error_messages={"required": "no English title (title_en)"})
    slug = forms.CharField(required=False)
    kind = _model_field(
        "kind", error_messages={"invalid_choice": f"unknown kind “%(value)s” (one of {', '.join(Kind.values)})"}
    )
    year = _model_field(
        "publication_year",
        form_class=_YearField,
        error_messages={
            "invalid": "the year “%(value)s” is not a year",
            "required": "the year “” is not a year",
            "min_value": "the year %(value)s is out of range (1900–2100)",
            "max_value": "the year %(value)s is out of range (1900–2100)",
        },
    )
    date = _model_field(
        "publication_date",
        form_class=_DateField,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "the date “%(value)s” is not YYYY-MM-DD"},
    )
    languages = _admin_field("languages", invalid_choice="unknown document language “%(value)s”")
    url = _model_field("external_url", error_messages={"invalid": "the address “%(value)s” is not a web address"})
    file = forms.CharField(required=False)
    published = forms.CharField(required=False)
    authors = forms.CharField(required=False)
    publisher = forms.CharField(required=False)
    themes = forms.CharField(required=False)
    cities = forms.CharField(required=False)
    countries = forms.CharField(required=False)
    ideas = forms.CharField(required=False)
    tags = forms.CharField(required=False)

    def __init__(self, row: dict, *, base_dir: Path | None = None, known: Known | None = None):
        data = {
            **row,
            "kind": row.get("kind") or Kind.RESEARCH_REPORT,
            "title_en": row.get("title_en") or row.get("title"),
        }
        data["languages"] = [code.lower() for code in split(row.get("languages"))]
        super().__init__(data)
        self.row = row
        self.base_dir = base_dir
        self.known = known

    def clean_slug(self):
        slug = slugify(self.cleaned_data.get("slug") or self.cleaned_data.get("title_en") or "")[:200]
        if "title_en" in self.cleaned_data and not slug:
            raise forms.ValidationError("no slug could be made from the title", code="slug")
        return slug

    def clean_file(self):
        name = self.cleaned_data["file"]
        return read_upload(name, self.base_dir) if name else None

    def clean_published(self):
        published = self.cleaned_data["published"].lower()
        if published not in YES | NO:
            raise forms.ValidationError(f"published must be yes or no, not “{published}”", code="published")
        return published in YES

    def clean_themes(self):
        return lookup(Theme, split(self.cleaned_data["themes"]), "theme", known=self._known("themes"))

    def clean_cities(self):
        return lookup(City, split(self.cleaned_data["cities"]), "city", known=self._known("cities"))

    def clean_countries(self):
        return lookup(
            Country, split(self.cleaned_data["countries"]), "country", "slug", "code", known=self._known("countries")
        )

    def clean_ideas(self):
        return lookup(GoodIdea, split(self.cleaned_data["ideas"]), "Good Idea", known=self._known("ideas"))

    def _known(self, column: str) -> dict | None:
        return self.known[column] if self.known is not None else None

    def clean_tags(self):
        return split(self.cleaned_data["tags"])

    def clean(self):
        data = super().clean()
        year, day = data.get("year"), data.get("date")
        if year and day and day.year != year:  # Resource.clean's rule
            self.add_error("date", forms.ValidationError("the date is not in the year given", code="date_year"))
        if not self.has_error("file") and not self.has_error("url") and bool(data.get("file")) == bool(data.get("url")):
            # Resource.clean's rule: a file or an address.
            raise forms.ValidationError("give either a url or a file, not both and not neither", code="file_or_url")
        return data

    def first_error(self) -> str:
        """The row's first error, in the order of the columns (then the rules between columns)."""
        errors = self.errors.as_data()
        for name in [*self.fields, forms.forms.NON_FIELD_ERRORS]:
            if name in errors:
                return " ".join(errors[name][0].messages)
        return ""

    def resource_fields(self) -> dict:
        """The values of the Resource's own fields (status None: "not published", import_row decides)."""
        data = self.cleaned_data
        fields = {
            "slug": data["slug"],
            "title": data["title_en"],
            "kind": data["kind"],
            "authors": data["authors"][:500],
            "publication_year": data["year"],
            "publication_date": data["date"],
            "languages": data["languages"],
            "external_url": data["url"],
            "status": Resource.Status.PUBLISHED if data["published"] else None,
        }
        for code in LANGUAGES:
            fields[f"title_{code}"] = data["title_en"] if code == "en" else data[f"title_{code}"] or ""
            fields[f"summary_{code}"] = data[f"summary_{code}"] or ""
        fields["summary"] = fields["summary_en"]
        return fields

    def relations(self) -> dict:
        data = self.cleaned_data
        return {
            "themes": data["themes"],
            "cities": data["cities"],
            "countries": data["countries"],
            "related_ideas": data["ideas"],
            "tags": data["tags"],
            "publisher": data["publisher"][:200],
        }


# The other titles and the summaries, as long as the model allows (built once: a form is made per row).
ResourceRowForm.base_fields.update(
    {
        f"{name}_{code}": _model_field(f"{name}_{code}", required=False)
        for code in LANGUAGES
        for name in ("title", "summary")
        if f"{name}_{code}" != "title_en"
    }
)


def read_upload(name: str, base_dir: Path | None) -> ContentFile:
    """The document `name` next to the CSV file, checked as an upload in the admin is."""
    if base_dir is None:
        raise forms.ValidationError("files can only be imported with the import_library command", code="no_dir")
    path = (base_dir / name).resolve()
    if not path.is_relative_to(base_dir.resolve()) or not path.is_file():
        raise forms.ValidationError(f"no file “{name}” next to the CSV file", code="no_file")
    if path.stat().st_size > max_document_bytes():
        raise forms.ValidationError(f"the file “{name}” is larger than the upload limit", code="too_large")
    upload = ContentFile(path.read_bytes(), name=path.name)
    validate_document(upload)
    return upload
