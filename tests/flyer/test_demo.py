from io import StringIO

from portal.core import demo as portal_demo
from portal.flyer import demo
from portal.flyer.models import FlyerContact, FlyerText


def test_demo_seed_is_idempotent_and_keeps_a_team_leads_changes(db):
    portal_demo.seed()
    out = StringIO()
    demo.seed(stdout=out)
    assert "2 kontaktblokke" in out.getvalue()
    FlyerContact.objects.filter(jobcenter__name="Jobcenter Aarhus").update(phone="70 00 00 00")
    demo.seed()
    assert FlyerContact.objects.count() == 2
    assert FlyerText.objects.count() == 1
    assert FlyerContact.objects.get(jobcenter__name="Jobcenter Aarhus").phone == "70 00 00 00"
