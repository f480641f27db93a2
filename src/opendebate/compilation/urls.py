from django.urls import path

from opendebate.compilation import views

app_name = "compilation"
urlpatterns = [
    path("<int:pk>/compilation/", views.page, name="page"),
    path("<int:pk>/compilation/delivered/", views.record, name="record"),
    path("<int:pk>/compilation/delivered/<int:delivered>/", views.speaker, name="speaker"),
    path("<int:pk>/compilation/<int:number>/signatory/", views.signatory, name="signatory"),
    path("<int:pk>/compilation/<int:number>/progress/", views.progress, name="progress"),
    path("<int:pk>/compilation/<int:number>/compile/", views.compile_files, name="compile"),
    path("<int:pk>/compilation/<int:number>/letter/", views.letter, name="letter"),
    path("<int:pk>/compilation/<int:number>/member/<str:code>/", views.member, name="member"),
    path("<int:pk>/compilation/<int:number>/move/", views.move, name="move"),
    path("<int:pk>/compilation/<int:number>/late/<int:version>/", views.late, name="late"),
    path("<int:pk>/compilation/<int:number>/issue/", views.issue, name="issue"),
    path("<int:pk>/compilation/<int:number>/successor/", views.successor, name="successor"),
    path("<int:pk>/compilation/<int:number>/files/<str:key>/", views.download, name="download"),
]
