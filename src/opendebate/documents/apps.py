from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "opendebate.documents"
    label = "documents"
