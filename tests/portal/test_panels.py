from django.template import Context, Template
from django.test import RequestFactory

from portal.core.panels import _PANELS, register_panel


def test_registered_panels_render_in_order_and_can_hide(tmp_path, settings, caseworker):
    engine = {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    settings.TEMPLATES = [engine]  # assigning (not mutating) resets the template engines
    (tmp_path / "a.html").write_text("A{{ object }}{{ n }}")
    (tmp_path / "b.html").write_text("B")
    try:
        register_panel("test_slot", "b.html", lambda request, obj: {}, order=20)
        register_panel("test_slot", "a.html", lambda request, obj: {"n": 1}, order=10)
        register_panel("test_slot", "hidden.html", lambda request, obj: None, order=5)
        request = RequestFactory().get("/")
        request.user = caseworker
        html = Template('{% load portal_panels %}{% panels "test_slot" x %}').render(
            Context({"request": request, "x": "<b>"})
        )
        assert html == "A&lt;b&gt;1B"
    finally:
        _PANELS.pop("test_slot", None)
