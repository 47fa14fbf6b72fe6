"""Django admin (superusers): the register with search, for support and comparison in the bench.
Saves go through `services.enterprise_upsert`, like every other write to an enterprise."""

from django.contrib import admin
from django.contrib.admin.utils import construct_change_message
from simple_history.admin import SimpleHistoryAdmin

from enterprises import services
from enterprises.forms import BaseOfferFormSet, EnterpriseForm, OfferForm, enterprise_data
from enterprises.models import ContactPerson, Enterprise, Offer
from portal.core.audit import AuditContext


class OfferInline(admin.TabularInline):
    model = Offer
    form = OfferForm  # the same field checks as the curation page
    formset = BaseOfferFormSet
    extra = 0
    readonly_fields = ["places_taken"]


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    form = EnterpriseForm  # postcode → municipality as on the curation page
    list_display = ["name", "cvr", "postcode", "municipality", "kind", "status", "last_verified_at"]
    list_filter = ["status", "kind", "rsv_registered"]
    search_fields = ["name", "cvr", "description", "postcode__name"]
    list_select_related = ["postcode", "municipality"]
    raw_id_fields = ["verified_by"]
    inlines = [OfferInline, ContactInline]
    show_full_result_count = False

    def save_model(self, request, obj, form, change) -> None:
        """Nothing yet: the enterprise is written with its offers and contacts in save_related."""

    def construct_change_message(self, request, form, formsets, add=False):
        # The inline formsets did not save themselves (the service did), so only the form counts.
        return construct_change_message(form, [], add)

    def save_related(self, request, form, formsets, change) -> None:
        offers = next(f for f in formsets if f.model is Offer)
        contacts = next(f for f in formsets if f.model is ContactPerson)
        services.enterprise_upsert(
            enterprise=form.instance,
            data=enterprise_data(form, offers, contacts),
            context=AuditContext.from_request(request),
        )
