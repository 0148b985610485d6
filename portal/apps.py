from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top: home, about, privacy, site search, sitemaps, robots.txt, health, error pages, demo loading.

    It reads what the other apps registered in core.registry; no app imports it.
    """

    name = "portal"
