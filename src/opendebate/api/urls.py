from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from opendebate.api import views

app_name = "api"
urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/statements/", views.submit, name="submit"),
    path("meetings/<int:pk>/statements/<str:code>/withdraw/", views.withdraw, name="withdraw"),
    path("statements/", views.statements, name="statements"),
    path("receipts/<path:reference>/", views.receipt, name="receipt"),
]
