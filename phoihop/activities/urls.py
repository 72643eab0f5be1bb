from django.urls import path

from phoihop.activities import views

app_name = "activities"
urlpatterns = [
    path("review/", views.review_queue, name="review"),
    path("province/<str:code>/dashboard/", views.province_dashboard, name="province_dashboard"),
    path("program/<int:program_pk>/", views.activity_list, name="list"),
    path("program/<int:program_pk>/dashboard/", views.dashboard, name="dashboard"),
    path("program/<int:program_pk>/new/", views.activity_create, name="create"),
    path("program/<int:program_pk>/reporting/", views.reporting, name="reporting"),
    path("program/<int:program_pk>/plans/", views.plan_list, name="plans"),
    path("program/<int:program_pk>/plans/<int:year>/<int:agency_pk>/", views.plan_edit, name="plan_edit"),
    path("program/<int:program_pk>/reporting/remind/", views.reporting_remind, name="remind"),
    path("program/<int:program_pk>/import/", views.import_page, name="import"),
    path("program/<int:program_pk>/import/<str:token>/", views.import_confirm, name="import_confirm"),
    path(
        "program/<int:program_pk>/template.<str:fmt>",
        views.import_template,
        name="import_template",
    ),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/submit/", views.activity_submit, name="submit"),
    path("<int:pk>/accept/", views.activity_accept, name="accept"),
    path("<int:pk>/return/", views.activity_return, name="return"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_file, name="evidence_file"),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/thumbnail/",
        views.evidence_file,
        {"thumbnail": True},
        name="evidence_thumbnail",
    ),
    path("<int:pk>/evidence/<int:evidence_pk>/delete/", views.evidence_delete, name="evidence_delete"),
]
