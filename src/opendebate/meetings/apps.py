from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "opendebate.meetings"
    label = "meetings"
