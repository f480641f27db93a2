from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One thing that happened, written once and never changed.

    `action` is a dotted verb such as `auth.login_failed` or `access.refused`; `subject` names
    what it concerned (an e-mail address, a path, an entity code) so that entries stay readable
    after the rows they point at are gone.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entity = models.ForeignKey(
        "entities.Entity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=300, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.subject}"
