"""Formatted text that editors write in the admin (never as HTML) and that is stored sanitised."""

from django_prose_editor.fields import ProseEditorField, create_sanitizer

# What an editor may use: headings, paragraphs, lists, links, quotes, emphasis.
EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
}

sanitize = create_sanitizer(EXTENSIONS)


def RichTextField(**kwargs) -> ProseEditorField:
    """A text field edited with a formatting toolbar; what is saved is cleaned by nh3."""
    return ProseEditorField(extensions=EXTENSIONS, sanitize=True, **kwargs)
