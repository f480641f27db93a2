from django.contrib import admin
from django.http import HttpRequest

from opendebate.common.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Readable, searchable, and never writable: the audit log is evidence."""

    list_display = ["at", "action", "actor", "entity", "subject", "ip_address"]
    list_filter = ["action"]
    search_fields = ["action", "subject", "actor__email", "entity__code"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
