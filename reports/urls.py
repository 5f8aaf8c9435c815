from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("units/", views.units, name="units"),
    path("units/<int:pk>/", views.unit_dashboard, name="unit"),
    path("reports/", views.report_index, name="index"),
    path("reports/produce/", views.report_produce, name="produce"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/download/", views.report_download, name="download"),
    path("scores/", views.scores, name="scores"),
    path("scores/export.xlsx", views.scores_export, name="scores_export"),
    path("reports/setup/<int:programme_pk>/", views.report_setup, name="setup"),
]
