import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core import seo
from core.context_processors import absolute_url

register = template.Library()

# As django.utils.html.json_script: no </script> or <!-- can break out of the data block.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, title="", description=""):
    """OpenGraph, Twitter card and JSON-LD for the page: from its `object` when it has one."""
    request = context["request"]
    # A DetailView's object, or what a list view names as the page's subject (a thread and its posts).
    card = seo.card_for(context.get("object") or context.get("seo_object"), request)
    if card is None:
        card = seo.Card(title=title, description=description)
    image = absolute_url(request, card.image) if card.image and card.image.startswith("/") else card.image
    jsonld = ""
    if card.jsonld:
        jsonld = mark_safe(json.dumps(card.jsonld, ensure_ascii=False, default=str).translate(_JSON_ESCAPES))
    return {
        "card": card,
        "image": image or seo.default_image(request),
        "has_own_image": bool(image),
        "url": context.get("canonical_url"),
        "jsonld": jsonld,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """The page's addresses for <link rel="alternate" hreflang>: in each language its content exists in.

    The same rule as the sitemap (seo.content_languages): an idea written only in English has no
    French or German alternate, although its page can be read with a French or German frame.
    """
    languages = seo.content_languages(context.get("object") or context.get("seo_object"))
    return [alternate for alternate in context.get("alternates") or [] if alternate["code"] in languages]


@register.simple_tag
def og_locale(language_code):
    return format_html("{}", {"en": "en_GB", "fr": "fr_FR", "de": "de_DE"}.get(language_code, "en_GB"))


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        # Rendered output is already escaped: keep it as safe text for reuse.
        context.dicts[0][self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %}: render once, reuse as {{ name }} (blocks inside still override)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% capture name %} takes one name.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
