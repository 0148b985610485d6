"""Members write a small, safe Markdown: no raw HTML, no images, no scripts; links are nofollow ugc."""

from html.parser import HTMLParser

import pytest

from community.markdown import TAGS, render


def parse(html: str) -> list[tuple[str, list]]:
    """Every element of `html`: (tag, attributes)."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_the_allowed_subset_renders():
    html = render("*Hello* **world**\n\n- one\n- two\n\n> quoted\n\n`code`\n\n[a link](https://example.org)")

    assert "<em>Hello</em> <strong>world</strong>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://example.org" rel="nofollow ugc">a link</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
        '[x](https://example.org "title" onmouseover=alert(1))',
        "<svg/onload=alert(1)>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    ],
)
def test_script_injection_is_shown_as_text_or_removed(text):
    elements = parse(render(text))

    for tag, attributes in elements:
        assert tag in TAGS
        for name, value in attributes:
            assert name in {"href", "rel", "start"}
            if name == "href":
                assert value.startswith(("http://", "https://", "mailto:"))


def test_images_and_headings_are_not_rendered():
    html = render("# Big\n\n![alt](https://example.org/pic.png)")

    assert "<h1" not in html
    assert "<img" not in html
    assert "# Big" in html
