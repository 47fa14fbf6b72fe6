from django.apps import AppConfig


class SigninConfig(AppConfig):
    """Sign-in through the municipality's identity provider: SAML (KOMBIT's Context Handler) and OpenID
    Connect, with users provisioned from what the provider asserts (docs/sign-in.md)."""

    name = "portal.signin"
    label = "signin"
    verbose_name = "Kommunalt login"
    default_auto_field = "django.db.models.BigAutoField"
