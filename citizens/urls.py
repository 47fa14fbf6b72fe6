"""`/citizens/...` (docs/architecture.md). `/citizens/<id>/matches/` belongs to the matching app."""

from django.urls import path

from citizens.views import actions, cases, gdpr

app_name = "citizens"

urlpatterns = [
    path("", cases.citizen_list_view, name="list"),
    path("search/cpr/", cases.citizen_cpr_search_view, name="cpr_search"),
    path("new/", cases.citizen_create_view, name="create"),
    path("<int:pk>/", cases.citizen_detail_view, name="detail"),
    path("<int:pk>/edit/", cases.citizen_edit_view, name="edit"),
    path("<int:pk>/notes/", actions.note_add_view, name="note_add"),
    path("<int:pk>/close/", actions.citizen_close_view, name="close"),
    path("<int:pk>/reopen/", actions.citizen_reopen_view, name="reopen"),
    path("<int:pk>/cpr/", actions.cpr_reveal_view, name="reveal_cpr"),
    path("<int:pk>/reassign/", actions.citizen_reassign_view, name="reassign"),
    path("<int:pk>/export.json", gdpr.export_json_view, name="export_json"),
    path("<int:pk>/export/", gdpr.export_html_view, name="export_html"),
    path("<int:pk>/access/", gdpr.access_report_view, name="access_report"),
    path("<int:pk>/access.csv", gdpr.access_report_csv_view, name="access_report_csv"),
]
