from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching og forløb"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from citizens.signals import citizen_closing, citizens_purged
        from enterprises.visibility import register_archived_access
        from matching.panels import (
            archived_enterprises_with_my_open_placements,
            citizen_panel_context,
            enterprise_archive_panel_context,
            enterprise_panel_context,
        )
        from matching.receivers import erase_placement_texts, refuse_close_with_open_placements
        from portal.core.panels import register_panel

        citizen_closing.connect(refuse_close_with_open_placements, dispatch_uid="matching-close")
        citizens_purged.connect(erase_placement_texts, dispatch_uid="matching-purge")

        register_panel("citizen_detail", "matching/_citizen_placements_panel.html", citizen_panel_context)
        register_panel("enterprise_detail", "matching/_enterprise_panel.html", enterprise_panel_context)
        register_panel(
            "enterprise_archive", "matching/_enterprise_archive_panel.html", enterprise_archive_panel_context
        )
        register_archived_access(archived_enterprises_with_my_open_placements)
