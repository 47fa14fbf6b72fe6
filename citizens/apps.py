from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "citizens"
    verbose_name = "Borgersager"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from citizens.citizen_data import CONTRIBUTION
        from portal.core.citizen_data import register_citizen_data

        register_citizen_data(CONTRIBUTION)
