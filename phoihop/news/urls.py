from django.urls import path

from phoihop.news import views

app_name = "news"
urlpatterns = [
    path("", views.article_list, name="list"),
    path("new/", views.article_create, name="create"),
    path("import/", views.import_page, name="import"),
    path("from-activity/<int:activity_pk>/", views.draft_from_activity, name="from_activity"),
    path("from-review/<int:review_pk>/", views.draft_from_review, name="from_review"),
    path("<int:pk>/", views.article_edit, name="edit"),
    path("<int:pk>/publish/", views.article_publish, name="publish"),
    path("<int:pk>/withdraw/", views.article_withdraw, name="withdraw"),
    path("<int:pk>/draft/", views.article_to_draft, name="to_draft"),
    path("<int:pk>/delete/", views.article_delete, name="delete"),
    path("<int:pk>/images/", views.image_add, name="image_add"),
    path("images/<int:pk>/", views.image_edit, name="image_edit"),
    path("images/<int:pk>/delete/", views.image_delete, name="image_delete"),
]
