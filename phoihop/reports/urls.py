from django.urls import path

from phoihop.reports import views

app_name = "reports"
urlpatterns = [
    path("templates/", views.template_list, name="templates"),
    path("templates/<str:kind>/current.docx", views.template_download, name="template_download"),
    path("templates/<str:kind>/default.docx", views.template_default, name="template_default"),
    path("templates/<str:kind>/sample.<str:fmt>", views.template_sample, name="template_sample"),
    path("templates/<str:kind>/upload/", views.template_upload, name="template_upload"),
    path("templates/<str:kind>/reset/", views.template_reset, name="template_reset"),
    path("templates/version/<int:pk>.docx", views.template_version, name="template_version"),
    path("build/", views.build_create, name="build_create"),
    path("builds/<int:pk>/", views.build_detail, name="build"),
    path("builds/<int:pk>/file", views.build_file, name="build_file"),
]
