from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The base every app imports: accounts, jobcenters, reference data, access rules, audit log.

    The label stays `portal` so tables, migrations and `AUTH_USER_MODEL = "portal.User"` keep their names.
    """

    name = "portal.core"
    label = "portal"
    verbose_name = "Portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from portal.core import signals  # noqa: F401  (login audit receivers, connected on import)
