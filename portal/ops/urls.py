from django.urls import path

from portal.ops import views

app_name = "ops"

urlpatterns = [
    path("metrics", views.metrics_view, name="metrics"),
    path("jobs/failed/", views.failed_jobs, name="failed_jobs"),
]
