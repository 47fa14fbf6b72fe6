from django.contrib import admin

from portal.signin.models import ExternalIdentity


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Read-only: identities are written by sign-in alone (portal/signin/services.py)."""

    list_display = ["user", "issuer", "subject", "last_sign_in_at", "deactivated_by_provider"]
    search_fields = ["user__username", "subject", "issuer"]
    list_select_related = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
