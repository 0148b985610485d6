"""/sitemap.xml: every public page in each language it exists in, with hreflang alternates.

Each app registers its own Sitemap classes (in its `sitemaps.py`) from its AppConfig.ready()
(core.registry); the portal serves them all. A page of content is listed in French or German only
where its text exists in that language (`seo.content_languages`: the title of a translated kind,
the language of a thread); the English page, the fallback, is always listed. Lists and other pages
exist in every language.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from core import seo

# Load these with the rows (`.only(…)`): content_languages() reads them.
TITLE_FIELDS = tuple(f"{seo.MAIN_TEXT}_{code}" for code, _name in settings.LANGUAGES)


class I18nSitemap(Sitemap):
    """A sitemap of pages in each language they exist in, each listed with its alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000

    def get_languages_for_item(self, item):
        if isinstance(item, str):  # a named page: the interface exists in every language
            return super().get_languages_for_item(item)
        return seo.content_languages(item)
