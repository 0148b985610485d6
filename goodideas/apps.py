from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoodIdeasConfig(AppConfig):
    name = "goodideas"
    verbose_name = _("Good Ideas in Integration")
