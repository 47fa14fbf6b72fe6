from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching og forløb"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from enterprises.visibility import register_archived_access
        from matching.citizen_data import CONTRIBUTION
        from matching.panels import (
            archived_enterprises_with_my_open_placements,
            enterprise_archive_panel_context,
            enterprise_panel_context,
        )
        from portal.core.citizen_data import register_citizen_data
        from portal.core.log_paths import register_secret_path
        from portal.core.panels import register_panel

        register_citizen_data(CONTRIBUTION)
        # The private calendar feed's token (matching/urls.py) never reaches a log line.
        register_secret_path(r"^/agenda/calendar/(?P<secret>[^/]+?)\.ics")
        register_panel("enterprise_detail", "matching/_enterprise_panel.html", enterprise_panel_context)
        register_panel(
            "enterprise_archive", "matching/_enterprise_archive_panel.html", enterprise_archive_panel_context
        )
        register_archived_access(archived_enterprises_with_my_open_placements)
