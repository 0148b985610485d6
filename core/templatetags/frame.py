"""Jinja2 templates in a Django page (core/templating.py).

{% frame %}…{% endframe %}: the frame of the page (templates/jinja2/frame.html), rendered by Jinja2 with
the page's context, around what the tag's body captured ({% capture %}: the page's blocks, in
base.html). What the body writes itself (the space between the captures) is dropped.

{% jinja "includes/freshness.html" name=value … %}: a partial that Jinja2 pages share with Django ones,
rendered by Jinja2 with the page's context and the values given, as {% include … with … %} would.
"""

from django import template
from django.template import engines
from django.template.backends.utils import csrf_input_lazy
from django.template.base import token_kwargs
from django.utils.safestring import mark_safe

register = template.Library()


def render_jinja2(name: str, context, **values) -> str:
    """Jinja2's template `name` with the Django `context`, as Django's Jinja2 backend renders a page:
    with csrf_input, for a form."""
    values = {**context.flatten(), **values}
    if request := values.get("request"):
        values["csrf_input"] = csrf_input_lazy(request)
    return mark_safe(engines["jinja2"].env.get_template(name).render(values))  # escaped by Jinja2


class FrameNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        self.nodelist.render(context)
        return render_jinja2("frame.html", context)


@register.tag
def frame(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% frame %} takes no argument.")
    nodelist = parser.parse(("endframe",))
    parser.delete_first_token()
    return FrameNode(nodelist)


class JinjaNode(template.Node):
    def __init__(self, name: str, values: dict):
        self.name, self.values = name, values

    def render(self, context):
        return render_jinja2(self.name, context, **{key: value.resolve(context) for key, value in self.values.items()})


@register.tag
def jinja(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% jinja "name.html" key=value … %} takes a quoted template name.')
    values = token_kwargs(bits[2:], parser)
    if len(values) != len(bits) - 2:
        raise template.TemplateSyntaxError(f"{{% jinja %}} takes only key=value after the name: {token.contents}")
    return JinjaNode(bits[1][1:-1], values)
