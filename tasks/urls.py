from django.urls import path

from . import views

app_name = "tasks"

urlpatterns = [
    path("tasks/", views.task_list, name="list"),
    path("tasks/export.xlsx", views.task_export, name="export"),
    path("tasks/<int:pk>/", views.task_detail, name="detail"),
    path("tasks/<int:pk>/assign/", views.task_assign, name="assign"),
    path("tasks/<int:pk>/progress/", views.task_progress, name="progress"),
    path("tasks/<int:pk>/reports/<int:report_pk>/confirm/", views.report_confirm, name="confirm"),
    path("tasks/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence"),
    path("programmes/<int:pk>/child/", views.child_programme, name="child_programme"),
    path("my/", views.my_tasks, name="my"),
    path("my/template.xlsx", views.my_template, name="my_template"),
    path("my/upload/", views.my_upload, name="my_upload"),
    path("my/upload/<int:pk>/", views.my_upload_review, name="my_upload_review"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_review, name="import_review"),
]
