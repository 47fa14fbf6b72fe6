from django.urls import path

from enterprises.views import browse, corrections, curate, duplicates, imports, reports, verification

app_name = "enterprises"

urlpatterns = [
    path("", browse.enterprise_list, name="list"),
    path("export.csv", browse.enterprise_export, name="export"),
    path("new/", curate.enterprise_create, name="create"),
    path("import/", imports.enterprise_import, name="import"),
    path("import/template.csv", imports.import_template, name="import_template"),
    path("import/<int:pk>/", imports.import_job, name="import_job"),
    path("import/<int:pk>/errors.csv", imports.import_errors, name="import_errors"),
    path("verification/", verification.queue, name="verification"),
    path("verification/<int:pk>/", verification.contact_log, name="contact_log"),
    path("verification/<int:pk>/send/", verification.send_one, name="verification_send"),
    path("reports/", reports.report_queue, name="reports"),
    path("reports/<int:pk>/", reports.report_decide, name="report_decide"),
    path("duplicates/", duplicates.duplicates, name="duplicates"),
    path("<int:pk>/merge/<int:duplicate_pk>/", duplicates.merge, name="merge"),
    path("corrections/", corrections.correction_queue, name="corrections"),
    path("corrections/<int:pk>/resolve/", corrections.correction_resolve, name="correction_resolve"),
    path("<int:pk>/", browse.enterprise_detail, name="detail"),
    path("<int:pk>/edit/", curate.enterprise_edit, name="edit"),
    path("<int:pk>/archive/", curate.enterprise_archive, name="archive"),
    path("<int:pk>/restore/", curate.enterprise_restore, name="restore"),
    path("<int:pk>/verify/", curate.enterprise_verify, name="verify"),
    path("<int:pk>/history/", curate.enterprise_history, name="history"),
    path("<int:pk>/suggest/", corrections.correction_suggest, name="suggest"),
]
