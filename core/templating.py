"""Jinja2 for the frame of every page and for the hot public pages (Django's engine for the others).

The frame (head, header, footer: templates/jinja2/) is rendered on every request; Jinja2 compiles it to
Python where Django's engine walks ~150 nodes (0.1-0.5 ms of every page, in process). The issue allows
Jinja2 for the hot public templates, as Mozilla's bedrock does. A Django page's base.html captures its
blocks and hands them to the frame ({% frame %}, core/templatetags/frame.py); a Jinja2 page (a Good
Idea's, a resource's: templates/jinja2/) extends frame.html. One frame for both engines.

The environment gives the templates what Django's tags gave them: `_()` (Django's gettext, so `make
messages` finds `{{ _("…") }}` as it finds `{% translate %}`, and the translations are Django's),
url(), static(), fragment() (core/templatetags/fragments.py: `{% call fragment("footer") %}…{%
endcall %}`), the page's social card and hreflang links (core/seo.py), Django's filters where
Jinja2's differ (urlencode, capfirst, date, floatformat, filesizeformat, truncatewords,
truncatechars), a partial the Django pages share (include_django()), and what the apps register with
jinja_global() and jinja_filter() beside their Django tags ({{ tr(idea, "title") }}, as {% tr idea
"title" %}). `csrf_input` is in the context, as Django's Jinja2 backend puts it there. The date
filter formats a time in UTC, the portal's time zone, as Django's templates would (nothing
activates another).

Form fields are rendered by Jinja2 too (FormRenderer, settings.FORM_RENDERER), from the copies of its
form templates Django ships for Jinja2.
"""

from importlib import import_module

from django.forms import renderers
from django.template import TemplateDoesNotExist, defaultfilters, engines
from django.template.backends.django import get_installed_libraries
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from jinja2 import ChainableUndefined, Environment, pass_context
from markupsafe import Markup

from core import seo
from core.templatetags.fragments import kept_html

# What the apps give Jinja2 templates, registered where their Django template tags are (their templatetags
# modules, all imported by environment(), as Django's engine imports them): a feature's helpers come from
# its own package, and core imports none of them.
GLOBALS: dict = {}
FILTERS: dict = {}


def jinja_global(function=None, *, context: bool = False):
    """Give a function to Jinja2 templates by its name; context=True passes the template's context first
    (Jinja2's pass_context), as takes_context does for a Django tag."""

    def register(function):
        GLOBALS[function.__name__] = pass_context(function) if context else function
        return function

    return register(function) if function is not None else register


def jinja_filter(function):
    FILTERS[function.__name__] = function
    return function


def translated(message: str) -> Markup:
    """Django's translation of `message`, as {% translate %} writes it: the translators' text as it is
    (not escaped); `_("… %(name)s …")|format(name=value)` escapes the value only."""
    return Markup(gettext(message))


def ntranslated(singular: str, plural: str, number: int) -> Markup:
    return Markup(ngettext(singular, plural, number))


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def fragment(name: str, *parts, caller) -> str:
    """The block's HTML, kept in the fragment cache under `name` and `parts` (what it depends on)."""
    return kept_html(name, parts, caller)


@pass_context
def include_django(context, template_name: str, **values) -> Markup:
    """A partial the Django pages share, rendered by Django's engine with the page's context and `values`
    ({% include "…" with … %}): `include_django("includes/form_fields.html", form=form)`."""
    template = engines["django"].get_template(template_name)
    return Markup(template.render({**context.get_all(), **values}))


def environment(**options) -> Environment:
    # What Django's templates do with a name the context lacks (a page rendered without a request): nothing
    # to write, and none of its attributes either.
    options["undefined"] = ChainableUndefined
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translated, ntranslated)
    for library in get_installed_libraries().values():
        import_module(library)  # their jinja_global()s and jinja_filter()s
    env.globals.update(
        url=url,
        static=static,
        fragment=fragment,
        social_meta=pass_context(seo.social_meta),
        hreflang_alternates=pass_context(seo.hreflang_alternates),
        include_django=include_django,
        **GLOBALS,
    )
    env.filters.update(
        urlencode=defaultfilters.urlencode,
        capfirst=defaultfilters.capfirst,
        date=defaultfilters.date,
        floatformat=defaultfilters.floatformat,
        filesizeformat=defaultfilters.filesizeformat,
        truncatewords=defaultfilters.truncatewords,
        truncatechars=defaultfilters.truncatechars,
        **FILTERS,
    )
    return env


class FormRenderer(renderers.BaseRenderer):
    """Form fields and widgets rendered by Jinja2, from the copies of its form templates Django ships for
    it (django/forms/jinja2/); a template only Django's engine has (the admin's widgets) by Django's.

    settings.FORM_RENDERER. Django's engine rendered a field through four templates (field, label,
    widget, attributes), ~1.5 ms a field of the sign-in form; the same HTML, escaped alike.
    """

    def __init__(self):
        self.jinja2 = renderers.Jinja2()
        self.django = renderers.DjangoTemplates()
        self._django_only = set()  # the names Jinja2 has no copy of, not looked for again

    def get_template(self, template_name):
        if template_name not in self._django_only:
            try:
                return self.jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                self._django_only.add(template_name)
        return self.django.get_template(template_name)
