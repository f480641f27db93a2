from django.urls import path

from opendebate.entities import views

app_name = "entities"
urlpatterns = [
    path("registry/", views.registry, name="registry"),
    path("delegations/<str:code>/", views.delegation, name="delegation"),
    path(
        "delegations/<str:code>/contacts/<int:contact_id>/remove/",
        views.remove_contact,
        name="remove_contact",
    ),
]
