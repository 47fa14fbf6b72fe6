from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = "Virksomhedsregister"
    default_auto_field = "django.db.models.BigAutoField"
