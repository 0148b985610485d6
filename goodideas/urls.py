from django.urls import path

from goodideas import views

app_name = "goodideas"
urlpatterns = [
    path("ideas/", views.IdeaListView.as_view(), name="list"),
    path("ideas/<slug:slug>/", views.IdeaDetailView.as_view(), name="detail"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme"),
    path("cities/", views.CityListView.as_view(), name="cities"),
    path("cities/<slug:slug>/", views.CityDetailView.as_view(), name="city"),
]
