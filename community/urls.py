from django.urls import path

from community import views

app_name = "community"
urlpatterns = [
    path("accounts/profile/", views.ProfileView.as_view(), name="profile"),
    path("accounts/export/", views.ExportView.as_view(), name="export"),
    path("accounts/delete/", views.DeleteAccountView.as_view(), name="delete-account"),
    path("community/", views.IndexView.as_view(), name="index"),
    path("community/threads/<int:pk>-<slug:slug>/", views.ThreadView.as_view(), name="thread"),
    path("community/threads/<int:pk>/follow/", views.follow_toggle, name="follow"),
    path("community/posts/<int:pk>/edit/", views.PostEditView.as_view(), name="post-edit"),
    path("community/posts/<int:pk>/delete/", views.PostDeleteView.as_view(), name="post-delete"),
    path("community/posts/<int:pk>/report/", views.PostReportView.as_view(), name="post-report"),
    path("community/ideas/<slug:slug>/ask/", views.IdeaAskView.as_view(), name="idea-ask"),
    path("community/webinars/<slug:slug>/ask/", views.WebinarAskView.as_view(), name="webinar-ask"),
    path("community/ezine/<int:number>/<slug:slug>/ask/", views.ItemAskView.as_view(), name="item-ask"),
    path("community/unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("community/<slug:slug>/", views.TopicView.as_view(), name="topic"),
]
