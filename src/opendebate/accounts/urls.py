from django.contrib.auth.views import LogoutView
from django.urls import path

from opendebate.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", LogoutView.as_view(), name="logout"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("invite/", views.invite, name="invite"),
    path("api-token/", views.api_token, name="api_token"),
    path("", views.account, name="account"),
]
