"""Django admin (superusers): the register with search, for support and comparison in the bench."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from enterprises.models import ContactPerson, CorrectionSuggestion, Enterprise, Offer


class OfferInline(admin.TabularInline):
    model = Offer
    extra = 0
    readonly_fields = ["places_taken"]


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cvr", "postcode", "municipality", "kind", "status", "last_verified_at"]
    list_filter = ["status", "kind", "rsv_registered"]
    search_fields = ["name", "cvr", "description", "postcode__name"]
    list_select_related = ["postcode", "municipality"]
    raw_id_fields = ["postcode", "verified_by"]
    inlines = [OfferInline, ContactInline]
    show_full_result_count = False


@admin.register(CorrectionSuggestion)
class CorrectionSuggestionAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "status", "created_at", "suggested_by"]
    list_filter = ["status"]
    raw_id_fields = ["enterprise", "suggested_by", "resolved_by"]
