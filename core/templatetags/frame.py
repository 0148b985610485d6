"""{% frame %}…{% endframe %}: the frame of the page (templates/jinja2/frame.html, core/templating.py),
rendered by Jinja2 with the page's context, around what the tag's body captured ({% capture %}: the
page's blocks, in base.html). What the body writes itself (the space between the captures) is dropped."""

from django import template
from django.template import engines
from django.template.backends.utils import csrf_input_lazy
from django.utils.safestring import mark_safe

register = template.Library()


class FrameNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        self.nodelist.render(context)
        values = context.flatten()
        if request := values.get("request"):  # what Django's Jinja2 backend gives a page it renders
            values["csrf_input"] = csrf_input_lazy(request)
        html = engines["jinja2"].env.get_template("frame.html").render(values)
        return mark_safe(html)  # rendered and escaped by Jinja2


@register.tag
def frame(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% frame %} takes no argument.")
    nodelist = parser.parse(("endframe",))
    parser.delete_first_token()
    return FrameNode(nodelist)
