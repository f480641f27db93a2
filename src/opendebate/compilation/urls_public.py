"""The public pages of issued compilations, under /documents/. A symbol holds slashes
("S/2020/900/Rev.1"), so it is a path; the longer patterns come first."""

from django.urls import path

from opendebate.compilation import views_public

app_name = "documents_public"
urlpatterns = [
    path("", views_public.compilation_list, name="list"),
    path("search/", views_public.search, name="search"),
    path("<path:symbol>/annex/<int:number>/", views_public.annex, name="annex"),
    path("<path:symbol>/download/<slug:kind>/", views_public.download, name="download"),
    path("<path:symbol>/", views_public.document, name="document"),
]
