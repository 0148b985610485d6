from django.urls import path

from webinars import feeds, views

app_name = "webinars"
urlpatterns = [
    path("webinars/", views.WebinarListView.as_view(), name="list"),
    path("webinars/calendar.ics", views.calendar_ics, name="calendar"),
    path("webinars/feed/", feeds.UpcomingWebinarsFeed(), name="feed"),
    path("webinars/feed/atom/", feeds.UpcomingWebinarsAtomFeed(), name="feed-atom"),
    path("webinars/preview/<int:pk>/", views.WebinarDetailView.as_view(preview=True), name="preview-webinar"),
    path("webinars/<slug:slug>/", views.WebinarDetailView.as_view(), name="detail"),
    path("webinars/<slug:slug>.ics", views.webinar_ics, name="ics"),
    path("webinars/<slug:slug>/register/", views.register, name="register"),
    path("webinars/<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("events/", views.EventListView.as_view(), name="events"),
    path("events/preview/<int:pk>/", views.EventDetailView.as_view(preview=True), name="preview-event"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<slug:slug>.ics", views.event_ics, name="event-ics"),
]
