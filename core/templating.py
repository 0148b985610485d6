"""Jinja2 for the frame of every page (Django's template engine stays for the pages themselves).

The frame (head, header, footer: templates/jinja2/) is rendered on every request; Jinja2 compiles it to
Python where Django's engine walks ~150 nodes (0.1-0.5 ms of every page, in process). The issue allows
Jinja2 for the hot public templates, as Mozilla's bedrock does; the frame is the one template every
page shares, and a page ported later extends frame.html. A Django page's base.html captures its blocks
and hands them to the frame ({% frame %}, core/templatetags/frame.py): one frame for both engines.

The environment gives the frame what Django's tags gave it: `_()` (Django's gettext, so `make
messages` finds `{{ _("…") }}` as it finds `{% translate %}`, and the translations are Django's),
url(), static(), csrf_input() (Django's: what {% csrf_token %} writes), fragment()
(core/templatetags/fragments.py: `{% call fragment("footer") %}…{% endcall %}`), the page's social
card and hreflang links (core/seo.py), and Django's filters where Jinja2's differ (urlencode,
capfirst, date).

Form fields are rendered by Jinja2 too (FormRenderer, settings.FORM_RENDERER), from the copies of its
form templates Django ships for Jinja2.
"""

from django.forms import renderers
from django.template import TemplateDoesNotExist, defaultfilters
from django.template.backends.utils import csrf_input
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from jinja2 import ChainableUndefined, Environment, pass_context
from markupsafe import Markup

from core import seo
from core.templatetags.fragments import kept_html


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


def environment(**options) -> Environment:
    # What Django's templates do with a name the context lacks (a page rendered without a request): nothing
    # to write, and none of its attributes either.
    options["undefined"] = ChainableUndefined
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translated, ntranslated)
    env.globals.update(
        url=url,
        static=static,
        fragment=fragment,
        csrf_input=csrf_input,
        social_meta=pass_context(seo.social_meta),
        hreflang_alternates=pass_context(seo.hreflang_alternates),
    )
    env.filters.update(urlencode=defaultfilters.urlencode, capfirst=defaultfilters.capfirst, date=defaultfilters.date)
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
