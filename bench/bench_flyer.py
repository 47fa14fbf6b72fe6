"""Flyer budgets (docs/architecture.md): the first PDF under 2 s, a cached repeat under 50 ms."""

from django.conf import settings
from django.core.cache import cache

from portal.core.models import Jobcenter, Municipality, Role, User
from portal.flyer.content import FlyerOptions, flyer_content
from portal.flyer.pdf import cache_key


def _team_lead() -> User:
    jobcenter, _ = Jobcenter.objects.get_or_create(name="Jobcenter Aarhus")
    jobcenter.municipalities.add(*Municipality.objects.filter(code="751"))
    user, created = User.objects.get_or_create(
        username="bench-flyer",
        defaults={"role": Role.TEAM_LEAD, "jobcenter": jobcenter, "first_name": "Bench"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def run(ctx) -> None:
    user = _team_lead()
    client = ctx.client_for(user)
    url = "/flyer.pdf"

    def first_render() -> None:
        # Drop just this flyer's cached PDF, so every sample renders with WeasyPrint.
        qr_url = settings.FLYER_QR_URL or "http://testserver/flyer/"  # what the view builds
        content = flyer_content(user=user, options=FlyerOptions(), qr_url=qr_url)
        cache.delete(cache_key(content))
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    ctx.time_call("flyer: first /flyer.pdf (WeasyPrint)", first_render, budget_ms=2000, repeat=8)
    ctx.time_request("flyer: repeat /flyer.pdf (cached)", client, url, budget_ms=50, repeat=40)
