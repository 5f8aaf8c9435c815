from django.urls import path

from .views import completion, extensions, handover, imports, my, notifications, task_pages, thread

app_name = "tasks"

urlpatterns = [
    path("tasks/", task_pages.task_list, name="list"),
    path("tasks/export.xlsx", task_pages.task_export, name="export"),
    path("tasks/<int:pk>/", task_pages.task_detail, name="detail"),
    path("tasks/<int:pk>/assign/", task_pages.task_assign, name="assign"),
    path("tasks/<int:pk>/progress/", task_pages.task_progress, name="progress"),
    path("tasks/<int:pk>/completion/", completion.task_completion, name="completion"),
    path("tasks/<int:pk>/reports/<int:report_pk>/decide/", completion.completion_decide, name="completion_decide"),
    path("tasks/<int:pk>/evidence/<int:evidence_pk>/", task_pages.evidence_download, name="evidence"),
    path("tasks/<int:pk>/extension/", extensions.extension_request, name="extension"),
    path("tasks/<int:pk>/extension/<int:request_pk>/decide/", extensions.extension_decide, name="extension_decide"),
    path("tasks/<int:pk>/extension/<int:request_pk>/file/", extensions.extension_file, name="extension_file"),
    path("tasks/<int:pk>/thread/", thread.task_thread, name="task_thread"),
    path("programmes/<int:pk>/thread/", thread.programme_thread, name="programme_thread"),
    path("thread/<int:pk>/file/", thread.entry_file, name="thread_file"),
    path("programmes/<int:pk>/child/", task_pages.child_programme, name="child_programme"),
    path("my/", my.my_tasks, name="my"),
    path("my/template.xlsx", my.my_template, name="my_template"),
    path("my/upload/", my.my_upload, name="my_upload"),
    path("my/upload/<int:pk>/", my.my_upload_review, name="my_upload_review"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/<int:pk>/", notifications.notification_open, name="notification_open"),
    path("notifications/read/", notifications.notification_read_all, name="notifications_read"),
    path("notifications/settings/", notifications.notification_settings, name="notification_settings"),
    path("handover/", handover.handover_list, name="handover_list"),
    path("handover/<int:pk>/", handover.handover_review, name="handover"),
    path("import/", imports.import_upload, name="import"),
    path("import/<int:pk>/", imports.import_review, name="import_review"),
    path("import/<int:pk>/columns/", imports.import_columns, name="import_columns"),
    path("import/<int:pk>/header/", imports.import_header, name="import_header"),
    path("import/<int:pk>/agencies/", imports.import_agencies, name="import_agencies"),
]
