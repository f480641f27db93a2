from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "opendebate.statements"
    label = "statements"
