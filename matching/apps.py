from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching og forløb"
    default_auto_field = "django.db.models.BigAutoField"
