from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "opendebate.api"
    label = "api"
