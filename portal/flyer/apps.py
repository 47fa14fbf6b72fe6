from django.apps import AppConfig


class FlyerConfig(AppConfig):
    name = "portal.flyer"
    label = "flyer"
    verbose_name = "Flyer"
    default_auto_field = "django.db.models.BigAutoField"
