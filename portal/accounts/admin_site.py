"""The Django admin for superusers with two-factor only (ADMIN_ENABLED decides whether it is served).

Its login goes through the same authentication backend as the portal's, so the lockout holds there
too; the second factor is asked for by TwoFactorRequiredMiddleware before any admin page opens."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class PortalAdminSite(admin.AdminSite):
    site_header = "Brobygger – administration"
    site_title = "Brobygger"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not (user.is_active and user.is_superuser):
            return False
        return not settings.TWO_FACTOR_ENFORCED or user.is_verified()


class PortalAdminConfig(AdminConfig):
    default_site = "portal.accounts.admin_site.PortalAdminSite"
