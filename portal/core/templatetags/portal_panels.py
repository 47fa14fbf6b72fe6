from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from portal.core.citizen_data import case_panels
from portal.core.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot: str, obj) -> str:
    """Render every panel registered for `slot` (see portal/core/panels.py)."""
    request = context.get("request")
    parts = []
    for panel in panels_for(slot):
        extra = panel.get_context(request, obj)
        if extra is None:
            continue
        parts.append(render_to_string(panel.template_name, {"object": obj, **extra}, request=request))
    return mark_safe("".join(parts))  # noqa: S308 (rendered templates, autoescaped)


@register.simple_tag(takes_context=True)
def citizen_panels(context, citizen) -> str:
    """The case page's panels from the citizen data contract (portal/core/citizen_data.py)."""
    request = context.get("request")
    parts = [
        render_to_string(template_name, {"object": citizen, **extra}, request=request)
        for template_name, extra in case_panels(request, citizen)
    ]
    return mark_safe("".join(parts))  # noqa: S308 (rendered templates, autoescaped)
