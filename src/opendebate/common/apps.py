from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "opendebate.common"
    label = "common"
