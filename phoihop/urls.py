from django.contrib import admin
from django.urls import include, path

from phoihop.api import api
from phoihop.core.views import healthz
from phoihop.news import public
from phoihop.news.views import search

urlpatterns = [
    path("", public.home, name="home"),
    path("sitemap.xml", public.sitemap, name="sitemap"),
    path("search/", search, name="search"),
    path("tin-tuc/", include("phoihop.news.public_urls")),
    path("articles/", include("phoihop.news.urls")),
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

handler400 = "phoihop.core.views.bad_request"
