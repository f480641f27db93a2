from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "opendebate.intake"
    label = "intake"
