"""`enterprise_upsert`: the one write path for an enterprise, its offers and contacts, whoever calls it
(the curation page, the CSV import on the web and on the command line, the Django admin)."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from enterprises.models import Enterprise
from enterprises.services import ContactData, EnterpriseData, OfferData, enterprise_upsert
from portal.core.audit import AuditContext
from portal.core.models import AuditAction, AuditEvent, Postcode
from tests.enterprises.conftest import make_enterprise
from tests.enterprises.test_csv_import import csv_bytes, row


def _data(cvr: str, **fields) -> EnterpriseData:
    return EnterpriseData(
        fields={"cvr": cvr, "name": "Værkstedet", "postcode": Postcode.objects.get(number="8000"), **fields},
        target_groups=["dagpenge"],
        challenge_areas=[],
        offers=[OfferData(values={"placement_type": "virksomhedspraktik", "places": 2})],
        contacts=[
            ContactData(values={"name": "Anne", "is_primary": True}),
            ContactData(values={"name": "Bo", "is_primary": True}),
        ],
    )


def test_it_creates_with_offers_contacts_history_and_one_audit_event(admin_user, valid_cvr):
    context = AuditContext(user=admin_user, ip="10.0.0.7")
    enterprise = enterprise_upsert(data=_data(valid_cvr), context=context)
    assert enterprise.municipality_id == "751"  # from the postcode
    assert [c.name for c in enterprise.contacts.filter(is_primary=True)] == ["Anne"]
    assert enterprise.offers.get().places == 2
    assert {h.history_user for h in enterprise.history.all()} == {admin_user}
    event = AuditEvent.objects.get(action=AuditAction.ENTERPRISE_CREATE)
    assert (event.actor, event.ip, event.detail["cvr"]) == (admin_user, "10.0.0.7", valid_cvr)


def test_it_refuses_fewer_places_than_taken_and_writes_nothing(admin_user):
    enterprise = make_enterprise(name="Før", offers={"virksomhedspraktik": 3})
    enterprise.offers.update(places_taken=2)
    data = _data(enterprise.cvr, name="Efter")
    data.offers = [OfferData(values={"placement_type": "virksomhedspraktik", "places": 1})]
    with pytest.raises(ValidationError, match="allerede 2 optagne pladser"):
        enterprise_upsert(enterprise=enterprise, data=data, context=AuditContext(user=admin_user))
    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.offers.get().places) == ("Før", 3)
    assert not AuditEvent.objects.exists()


def test_it_refuses_a_municipality_outside_the_postcode(admin_user, valid_cvr):
    with pytest.raises(ValidationError, match="ligger ikke i den valgte kommune"):
        enterprise_upsert(data=_data(valid_cvr, municipality_id="461"), context=AuditContext(user=admin_user))
    assert not Enterprise.objects.exists()


def test_an_import_names_the_cvrs_it_created_and_changed_in_one_event(db, valid_cvr, tmp_path):
    changed = make_enterprise(name="Gammelt navn")
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([row(valid_cvr, name="Ny"), row(changed.cvr, name="Nyt navn")]))
    call_command("import_enterprises", str(path), stdout=StringIO())
    event = AuditEvent.objects.get(action=AuditAction.ENTERPRISE_IMPORT)
    assert (event.detail["created"], event.detail["changed"]) == ([valid_cvr], [changed.cvr])
    assert Enterprise.objects.get(cvr=changed.cvr).history.first().name == "Nyt navn"
    assert [c.name for c in Enterprise.objects.get(cvr=valid_cvr).contacts.all()] == ["Søren Ærø"]


def test_the_django_admin_saves_through_the_same_rules(admin_client_, admin_user, valid_cvr):
    admin_user.is_superuser = admin_user.is_staff = True
    admin_user.save()
    response = admin_client_.post(
        "/admin/enterprises/enterprise/add/",
        {
            "name": "Admin-oprettet",
            "kind": "socialoekonomisk",
            "cvr": valid_cvr,
            "status": "active",
            "postcode": "8000",
            "ordinary_staff_fte": "5",
            "other_supported_fte": "0",
            "offers-TOTAL_FORMS": "1",
            "offers-INITIAL_FORMS": "0",
            "offers-0-placement_type": "virksomhedspraktik",
            "offers-0-places": "2",
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": "Anne",
            "contacts-0-is_primary": "on",
            "contacts-1-name": "Bo",
            "contacts-1-is_primary": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    enterprise = Enterprise.objects.get(cvr=valid_cvr)
    assert enterprise.municipality_id == "751"
    assert [c.name for c in enterprise.contacts.filter(is_primary=True)] == ["Anne"]
    assert {h.history_user for h in enterprise.history.all()} == {admin_user}
    assert AuditEvent.objects.filter(action=AuditAction.ENTERPRISE_CREATE, actor=admin_user).exists()
