"""ADMIN_ENABLED decides whether /admin/ exists at all (off by default in production)."""

import importlib

from django.conf import settings as django_settings
from django.test import Client
from django.urls import clear_url_caches

import portal.urls


def _reload_urls() -> None:
    importlib.reload(portal.urls)
    clear_url_caches()


def test_without_admin_enabled_there_is_no_admin(db, settings):
    enabled = django_settings.ADMIN_ENABLED
    settings.ADMIN_ENABLED = False
    _reload_urls()
    try:
        assert Client().get("/admin/login/").status_code == 404
    finally:
        settings.ADMIN_ENABLED = enabled
        _reload_urls()
    assert Client().get("/admin/login/").status_code == 200
