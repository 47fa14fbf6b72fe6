from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Composing features: home overview, navigation, demo data for every app."""

    name = "portal.home"
    label = "home"
    verbose_name = "Forside"
