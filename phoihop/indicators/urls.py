from django.urls import path

from phoihop.indicators import views

app_name = "indicators"
urlpatterns = [
    path("program/<int:program_pk>/", views.indicator_list, name="list"),
    path("program/<int:program_pk>/new/", views.indicator_create, name="create"),
    path("<int:pk>/", views.indicator_detail, name="detail"),
    path("<int:pk>/edit/", views.indicator_edit, name="edit"),
    path("<int:pk>/delete/", views.indicator_delete, name="delete"),
    path("<int:pk>/values/", views.indicator_value, name="value"),
    path("<int:pk>/values/<int:year>/delete/", views.indicator_value_delete, name="value_delete"),
]
