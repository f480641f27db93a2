from django.contrib import admin
from django.urls import include, path

from opendebate.common import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("opendebate.accounts.urls")),
    path("", include("opendebate.entities.urls")),
    path("meetings/", include("opendebate.meetings.urls")),
    path("meetings/", include("opendebate.statements.urls")),
    path("meetings/", include("opendebate.compilation.urls")),
    path("documents/", include("opendebate.compilation.urls_public")),
    path("api/", include("opendebate.api.urls")),
    path("intake/", include("opendebate.intake.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "opendebate.api.errors.not_found"
