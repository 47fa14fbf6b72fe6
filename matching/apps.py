from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching og forløb"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from matching.panels import citizen_panel_context, enterprise_panel_context
        from portal.panels import register_panel

        register_panel("citizen_detail", "matching/_citizen_placements_panel.html", citizen_panel_context)
        register_panel("enterprise_detail", "matching/_enterprise_panel.html", enterprise_panel_context)
