"""The public portal's addresses, in Vietnamese (/tin-tuc/…) as readers see them."""

from django.urls import path

from phoihop.news import public, views

app_name = "public"
urlpatterns = [
    path("", public.article_list, name="list"),
    path("tim-kiem/", public.search, name="search"),
    path("feed.atom", public.feed, name="feed"),
    path("chu-de/<slug:topic_slug>/", public.article_list, name="topic"),
    path("chuong-trinh/<int:pk>/", public.program_page, name="program"),
    path("anh/<int:pk>/<str:size>/", views.image_file, name="image"),
    path("<slug:slug>/", public.article_detail, name="article"),
]
