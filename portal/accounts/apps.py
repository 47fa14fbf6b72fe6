from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Account pages and the session rules; no models of its own (User lives in portal.core)."""

    name = "portal.accounts"
    label = "portal_accounts"
    verbose_name = "Konti"

    def ready(self) -> None:
        from portal.accounts import middleware  # noqa: F401  (connects the sign-in receiver)
        from portal.core.log_paths import register_secret_path

        # The invitation's one-time set-password link (deploy/nginx/brobygger.conf masks it the same way).
        register_secret_path(r"^/accounts/set-password/(?P<uid>[^/]+)/(?P<token>[^/]+)/")
