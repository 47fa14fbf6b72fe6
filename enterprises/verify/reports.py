"""Public "Anmeld en virksomhed": a form anyone can send, an admin queue, approval through the one write
path."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from enterprises.forms import PostcodeField, clean_cvr
from enterprises.models import Enterprise, EnterpriseKind, EnterpriseReport, ReportStatus
from enterprises.services import ContactData, EnterpriseData, OfferData, enterprise_upsert
from portal.core.audit import AuditContext
from portal.core.models import PlacementType


class ReportForm(forms.Form):
    cvr = forms.CharField(label=_("CVR-nummer"), max_length=20)
    name = forms.CharField(label=_("Virksomhedens navn"), max_length=200)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postcode = PostcodeField(label=_("Postnummer"))
    kind = forms.ChoiceField(label=_("Type"), choices=EnterpriseKind.choices)
    offers = forms.MultipleChoiceField(
        label=_("Hvilke forløb kan I tilbyde?"), widget=forms.CheckboxSelectMultiple, required=False
    )
    contact_name = forms.CharField(label=_("Kontaktperson"), max_length=120)
    contact_email = forms.EmailField(label=_("E-mail"))
    contact_phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    # A honeypot: hidden from people (CSS, static/css), filled in by form-filling robots.
    homepage = forms.CharField(label=_("Lad dette felt være tomt"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offers"].choices = [(t.code, t.label) for t in PlacementType.objects.all()]
        self.fields["homepage"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        for bound in self:
            if not isinstance(bound.field.widget, forms.CheckboxSelectMultiple):
                bound.field.widget.attrs.setdefault("class", "form-control")
            else:
                bound.field.widget.attrs["class"] = "form-check-input"

    def clean_cvr(self) -> str:
        return clean_cvr(self.cleaned_data["cvr"])

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))


def report_create(*, data: dict) -> EnterpriseReport:
    return EnterpriseReport.objects.create(
        cvr=data["cvr"],
        name=data["name"],
        address=data["address"],
        postcode=data["postcode"].number,
        kind=data["kind"],
        offers=list(data["offers"]),
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
    )


@transaction.atomic
def report_approve(*, report: EnterpriseReport, context: AuditContext) -> Enterprise:
    """Creates the enterprise through the one write path; ValidationError (Danish) when it cannot."""
    report = EnterpriseReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.OPEN:
        raise ValidationError(_("Anmeldelsen er allerede behandlet."))
    if Enterprise.objects.filter(cvr=report.cvr).exists():
        raise ValidationError(
            _("Der findes allerede en virksomhed med CVR-nummer %(cvr)s.") % {"cvr": report.cvr}
        )
    enterprise = enterprise_upsert(
        data=EnterpriseData(
            fields={
                "cvr": report.cvr,
                "name": report.name,
                "address": report.address,
                "postcode_id": report.postcode,
                "kind": report.kind,
            },
            offers=[OfferData(values={"placement_type": code, "places": 1}) for code in report.offers],
            contacts=[
                ContactData(
                    values={
                        "name": report.contact_name,
                        "email": report.contact_email,
                        "phone": report.contact_phone,
                        "is_primary": True,
                    }
                )
            ],
        ),
        context=context,
    )
    report.status, report.enterprise = ReportStatus.APPROVED, enterprise
    report.save(update_fields=["status", "enterprise"])
    return enterprise


def report_reject(*, report: EnterpriseReport) -> None:
    EnterpriseReport.objects.filter(pk=report.pk, status=ReportStatus.OPEN).update(
        status=ReportStatus.REJECTED
    )


def open_reports():
    return EnterpriseReport.objects.filter(status=ReportStatus.OPEN).order_by("created_at", "id")
