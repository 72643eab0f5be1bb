from django.contrib import admin
from django.urls import include, path

from phoihop.api import api
from phoihop.core.views import healthz
from phoihop.programs.views import home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("phoihop.accounts.urls")),
    path("agencies/", include("phoihop.agencies.urls")),
    path("programs/", include("phoihop.programs.urls")),
    path("activities/", include("phoihop.activities.urls")),
    path("indicators/", include("phoihop.indicators.urls")),
    path("reviews/", include("phoihop.reviews.urls")),
    path("people/", include("phoihop.people.urls")),
    path("reports/", include("phoihop.reports.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
