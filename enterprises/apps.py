from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = "Virksomhedsregister"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from portal.core.log_paths import register_secret_path

        # The confirm link's token is a credential: never in a log line, metric label or error report.
        register_secret_path(r"^/register/bekraeft/(?P<secret>(?!tak/)[^/]+)/")
