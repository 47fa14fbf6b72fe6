from django.urls import path

from portal.auditlog import views as audit_views

app_name = "audit"

urlpatterns = [
    path("", audit_views.audit_list, name="list"),
    path("cpr/", audit_views.audit_cpr_search, name="cpr_search"),
    path("security/", audit_views.security_list, name="security"),
]
