from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Account pages and the session rules; no models of its own (User lives in portal.core)."""

    name = "portal.accounts"
    label = "portal_accounts"
    verbose_name = "Konti"

    def ready(self) -> None:
        from portal.accounts import middleware  # noqa: F401  (connects the sign-in receiver)
