from django.urls import path

from opendebate.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.message_detail, name="message"),
]
