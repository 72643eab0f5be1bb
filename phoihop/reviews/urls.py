from django.urls import path

from phoihop.reviews import views

app_name = "reviews"
urlpatterns = [
    path("program/<int:program_pk>/", views.review_list, name="list"),
    path("program/<int:program_pk>/new/", views.review_create, name="create"),
    path("program/<int:program_pk>/findings/", views.finding_list, name="findings"),
    path("program/<int:program_pk>/followups/remind/", views.followups_remind, name="remind"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/edit/", views.review_edit, name="edit"),
    path("<int:pk>/hold/", views.review_hold, name="hold"),
    path("<int:pk>/conclude/", views.review_conclude, name="conclude"),
    path("<int:pk>/conclusions/", views.conclusion_add, name="conclusion_add"),
    path(
        "<int:pk>/conclusions/<int:conclusion_pk>/delete/", views.conclusion_delete, name="conclusion_delete"
    ),
    path("followups/", views.followup_list, name="followups"),
    path("followups/<int:pk>/", views.followup_detail, name="followup"),
    path("followups/<int:pk>/status/", views.followup_status, name="followup_status"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
]
