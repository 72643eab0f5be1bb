from django.urls import path

from phoihop.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_form, name="create"),
    path("deleted/", views.program_trash, name="trash"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("<int:pk>/edit/", views.program_form, name="edit"),
    path("<int:pk>/sign/", views.program_sign, name="sign"),
    path("<int:pk>/activate/", views.program_activate, name="activate"),
    path("<int:pk>/close/", views.program_close, name="close"),
    path("<int:pk>/delete/", views.program_delete, name="delete"),
    path("<int:pk>/restore/", views.program_restore, name="restore"),
    path("<int:pk>/documents/", views.document_add, name="document_add"),
    path("<int:pk>/documents/<int:document_pk>/file/", views.document_file, name="document_file"),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
]
