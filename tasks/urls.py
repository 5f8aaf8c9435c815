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
    path("my/", views.my_tasks, name="my"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_review, name="import_review"),
]
