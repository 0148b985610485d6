"""The small, safe Markdown that members write: paragraphs, links, emphasis, lists, quotes and code.

markdown-it-py in CommonMark mode with raw HTML off and the rules we do not want disabled; then nh3
cleans the result with a tight allowlist, whatever the parser let through. Links get rel="nofollow ugc".
"""

import nh3
from markdown_it import MarkdownIt

MAX_LENGTH = 10_000

TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "pre", "br"}
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "heading", "lheading", "hr", "html_block", "html_inline", "table"], ignoreInvalid=True
)


def render(text: str) -> str:
    """Markdown → sanitised HTML, safe to show as is."""
    html = _parser.render(text or "")
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc",
        strip_comments=True,
    ).strip()
