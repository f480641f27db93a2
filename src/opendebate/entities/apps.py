from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "opendebate.entities"
    label = "entities"
