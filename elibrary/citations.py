"""How to cite a resource: an APA-like reference and a BibTeX entry (both plain text)."""

from django.utils.text import slugify

from elibrary.models import Kind, Resource

BIBTEX_TYPES = {
    Kind.RESEARCH_REPORT: "techreport",
    Kind.POLICY_BRIEF: "techreport",
    Kind.ARTICLE: "article",
    Kind.PRACTICE_GUIDE: "manual",
    Kind.TOOLKIT: "manual",
}


def apa_name(name: str) -> str:
    """ "Saunders, Doug" → "Saunders, D."; an organisation's name stays whole."""
    if "," not in name:
        return name
    family, given = (part.strip() for part in name.split(",", 1))
    initials = " ".join(f"{part[0]}." for part in given.replace("-", " ").split() if part)
    return f"{family}, {initials}" if initials else family


def apa(resource: Resource) -> str:
    names = [apa_name(name) for name in resource.author_list]
    if len(names) > 1:
        authors = ", ".join(names[:-1]) + ", & " + names[-1]
    elif names:
        authors = names[0]
    else:
        authors = resource.publisher.name if resource.publisher else ""
    parts = [f"{authors} ({resource.publication_year})." if authors else f"({resource.publication_year})."]
    parts.append(f"{resource.title_en or resource.title}.")
    if resource.publisher and authors != resource.publisher.name:
        parts.append(f"{resource.publisher.name}.")
    if resource.external_url:
        parts.append(resource.external_url)
    return " ".join(parts)


def bibtex_escape(value: str) -> str:
    for char in "\\{}":
        value = value.replace(char, "")
    for char in "&%$#_":
        value = value.replace(char, "\\" + char)
    return value


def bibtex(resource: Resource, url: str) -> str:
    names = resource.author_list
    first = slugify(names[0].split(",")[0]) if names else "com"
    key = f"{first.replace('-', '')}{resource.publication_year}{slugify(resource.title_en or resource.title)[:20]}"
    fields = [("title", resource.title_en or resource.title)]
    if names:
        fields.append(("author", " and ".join(names)))
    fields.append(("year", str(resource.publication_year)))
    if resource.publisher:
        publisher_field = "institution" if BIBTEX_TYPES.get(resource.kind) == "techreport" else "publisher"
        fields.append((publisher_field, resource.publisher.name))
    fields.append(("url", resource.external_url or url))
    lines = [f"@{BIBTEX_TYPES.get(resource.kind, 'misc')}{{{key.replace('-', '')},"]
    lines += [f"  {name} = {{{value if name == 'url' else bibtex_escape(value)}}}," for name, value in fields]
    lines.append("}")
    return "\n".join(lines)
