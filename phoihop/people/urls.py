from django.urls import path

from phoihop.people import views

app_name = "people"
urlpatterns = [
    path("program/<int:program_pk>/", views.exemplar_list, name="list"),
    path("program/<int:program_pk>/new/", views.exemplar_create, name="create"),
    path("<int:pk>/", views.exemplar_detail, name="detail"),
    path("<int:pk>/edit/", views.exemplar_edit, name="edit"),
    path("<int:pk>/delete/", views.exemplar_delete, name="delete"),
    path("<int:pk>/recognitions/", views.recognition_add, name="recognition_add"),
    path(
        "<int:pk>/recognitions/<int:recognition_pk>/delete/",
        views.recognition_delete,
        name="recognition_delete",
    ),
]
