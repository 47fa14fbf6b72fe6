"""Public paths (no login): the only ones the proxy opens to the internet besides static files and
the six-reasons page (deploy/ and docs/operations.md)."""

from django.urls import path

from enterprises.views import public

app_name = "register"

urlpatterns = [
    path("anmeld/", public.report, name="report"),
    path("anmeld/tak/", public.report_thanks, name="report_thanks"),
    path("bekraeft/tak/", public.thanks, name="thanks"),
    path("bekraeft/<str:token>/", public.confirm, name="confirm"),
]
