from django.urls import path

from elibrary import feeds, views

app_name = "elibrary"
urlpatterns = [
    path("library/", views.LibraryView.as_view(), name="list"),
    path("library/feed/", feeds.ResourcesFeed(), name="feed"),
    path("library/feed/atom/", feeds.ResourcesAtomFeed(), name="feed-atom"),
    path("library/preview/<int:pk>/", views.ResourceDetailView.as_view(preview=True), name="preview-resource"),
    path("library/<slug:slug>/", views.ResourceDetailView.as_view(), name="detail"),
    path("library/<slug:slug>/download/", views.ResourceDownloadView.as_view(), name="download"),
]
