from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from core import admin as core_admin
from core import alert_views, uploads
from core.admin_views import freshness_view
from core.shared_preview import shared_preview
from portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap"),
    path("favicon.ico", views.favicon),
    # Themes, countries, cities, organisations and typed cities moved from Good Ideas to Places:
    # the editors' bookmarks of their admin pages lead there.
    re_path(
        r"^admin/goodideas/(?P<model>city|country|organisation|theme|typedplace)/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/places/%(model)s/%(rest)s", permanent=True, query_string=True),
    ),
    path("admin/freshness/", admin.site.admin_view(freshness_view), name="admin-freshness"),
    path("admin/translations/", admin.site.admin_view(core_admin.translations_page), name="admin-translations"),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", uploads.serve, name="media"))

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("preview/shared/<str:token>/", shared_preview, name="shared-preview"),
    path("alerts/", alert_views.MyAlertsView.as_view(), name="alerts-mine"),
    path("alerts/new/<slug:kind>/", alert_views.AlertCreateView.as_view(), name="alert-new"),
    path("alerts/check-your-inbox/", alert_views.AlertSentView.as_view(), name="alert-sent"),
    path("alerts/confirm/<str:token>/", alert_views.AlertConfirmView.as_view(), name="alert-confirm"),
    path("alerts/unsubscribe/<str:token>/", alert_views.AlertUnsubscribeView.as_view(), name="alert-unsubscribe"),
    path("alerts/manage/<str:token>/", alert_views.ManageAlertsView.as_view(), name="alert-manage"),
    path("", include("goodideas.urls")),
    path("", include("elibrary.urls")),
    path("", include("webinars.urls")),
    path("", include("conversations.urls")),
    path("", include("community.urls")),
    path("accounts/", include("allauth.urls")),
)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

admin.site.site_header = _("Cities of Migration — editors")
admin.site.site_title = _("Cities of Migration")
admin.site.index_title = _("Content")
