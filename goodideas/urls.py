from django.urls import path

from goodideas import feeds, views

app_name = "goodideas"
urlpatterns = [
    path("ideas/", views.IdeaListView.as_view(), name="list"),
    path("ideas/export.csv", views.ExportView.as_view(format="csv"), name="export-csv"),
    path("ideas/export.json", views.ExportView.as_view(format="json"), name="export-json"),
    path("ideas/feed/", feeds.IdeasFeed(), name="feed"),
    path("ideas/feed/atom/", feeds.IdeasAtomFeed(), name="feed-atom"),
    path("ideas/evidence/", views.EvidenceScaleView.as_view(), name="evidence"),
    path("ideas/submit/", views.ProposalView.as_view(), name="submit"),
    path("ideas/submit/thanks/", views.ProposalThanksView.as_view(), name="submit-thanks"),
    path("ideas/preview/<int:pk>/", views.IdeaDetailView.as_view(preview=True), name="preview-goodidea"),
    path("ideas/<slug:slug>/", views.IdeaDetailView.as_view(), name="detail"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme"),
    path("cities/", views.CityListView.as_view(), name="cities"),
    path("cities/<slug:slug>/", views.CityDetailView.as_view(), name="city"),
]
