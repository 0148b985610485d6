"""Forms as a browser would send them."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The values a browser would send from an admin change form (files left out)."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea, self._inside = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self._inside = (attrs.get("id") or "").endswith("_form")
        if not self._inside:
            return
        if tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        if not name:
            return
        if tag == "input" and attrs.get("type") not in {"file", "submit", "button", "checkbox", "radio"}:
            self.data[name] = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") in {"checkbox", "radio"} and "checked" in attrs:
            self.data.setdefault(name, []).append(attrs.get("value", "on"))
        elif tag == "select":
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:  # a browser drops the newline that opens a textarea
            self.data[self._textarea] += data.removeprefix("\n") if not self.data[self._textarea] else data


def admin_form(client, url) -> dict:
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    return parser.data
