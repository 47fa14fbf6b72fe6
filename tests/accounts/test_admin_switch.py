"""ADMIN_ENABLED decides whether /admin/ exists at all (off by default in production)."""

import importlib

import pytest
from django.test import Client
from django.urls import clear_url_caches

import portal.urls


@pytest.fixture
def reload_urls():
    yield
    importlib.reload(portal.urls)
    clear_url_caches()


def test_without_admin_enabled_there_is_no_admin(db, settings, reload_urls):
    settings.ADMIN_ENABLED = False
    importlib.reload(portal.urls)
    clear_url_caches()
    assert Client().get("/admin/login/").status_code == 404
