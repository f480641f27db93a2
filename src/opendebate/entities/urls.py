from django.urls import path

from opendebate.entities import views

app_name = "entities"
urlpatterns = [
    path("registry/", views.registry, name="registry"),
    path(
        "delegations/contacts/confirm/<str:token>/", views.confirm_contact, name="confirm_contact"
    ),
    path("delegations/contact-requests/", views.contact_requests, name="contact_requests"),
    path(
        "delegations/contact-requests/<int:contact_id>/<str:decision>/",
        views.decide_contact,
        name="decide_contact",
    ),
    path("delegations/<str:code>/", views.delegation, name="delegation"),
    path(
        "delegations/<str:code>/contacts/<int:contact_id>/remove/",
        views.remove_contact,
        name="remove_contact",
    ),
]
