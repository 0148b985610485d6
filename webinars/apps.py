from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = _("Learning Exchange")
