from django.apps import AppConfig


class CompilationConfig(AppConfig):
    name = "opendebate.compilation"
    label = "compilation"
