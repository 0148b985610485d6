from django.urls import path

from conversations import feeds, views

app_name = "conversations"
urlpatterns = [
    path("conversations/", views.IssueListView.as_view(), name="list"),
    path("conversations/feed/", feeds.ItemFeed(), name="feed"),
    path("conversations/feed/atom/", feeds.ItemAtomFeed(), name="feed-atom"),
    # Issues and items share the section: their previews name the kind.
    path("conversations/preview/issue/<int:pk>/", views.IssueDetailView.as_view(preview=True), name="preview-issue"),
    path("conversations/preview/item/<int:pk>/", views.ItemDetailView.as_view(preview=True), name="preview-item"),
    path("conversations/<int:number>/", views.IssueDetailView.as_view(), name="issue"),
    path("conversations/<int:number>/<slug:slug>/", views.ItemDetailView.as_view(), name="item"),
    path("news/", views.NewsListView.as_view(), name="news"),
    path("news/feed/", feeds.NewsFeed(), name="news-feed"),
    path("news/feed/atom/", feeds.NewsAtomFeed(), name="news-feed-atom"),
    path("news/preview/<int:pk>/", views.NewsDetailView.as_view(preview=True), name="preview-newsitem"),
    path("news/<slug:slug>/", views.NewsDetailView.as_view(), name="news-detail"),
    path("newsletter/", views.SubscribeView.as_view(), name="newsletter"),
    path("newsletter/check-your-inbox/", views.SubscribeSentView.as_view(), name="newsletter-sent"),
    path("newsletter/confirm/<str:token>/", views.ConfirmView.as_view(), name="newsletter-confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="newsletter-unsubscribe"),
]
