from django.urls import path

from opendebate.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("import/", views.import_letter, name="import"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/meeting.ics", views.meeting_calendar, name="calendar"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/facts/", views.facts, name="facts"),
]
