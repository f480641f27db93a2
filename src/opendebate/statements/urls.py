from django.urls import path

from opendebate.statements import views

app_name = "statements"
urlpatterns = [
    path("<int:pk>/statement/", views.mine, name="mine"),
    path("<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/statements/<str:code>/", views.entity_statement, name="entity"),
    path("<int:pk>/statements/<str:code>/drafts/<int:draft>/", views.preview, name="preview"),
    path("<int:pk>/statements/<str:code>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "<int:pk>/statements/<str:code>/versions/<int:number>/accept-late/",
        views.accept_late,
        name="accept_late",
    ),
]
