"""A CSV import running as a background job (enterprises/tasks.py), with its progress and result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("I gang")
    DONE = "done", _("Gennemført")
    FAILED = "failed", _("Intet gemt")


class ImportJob(models.Model):
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The preview's token: confirming twice (double click, two tabs) finds this job instead of a second.
    pending_token = models.CharField(max_length=64, unique=True)
    filename = models.CharField(max_length=200, blank=True)
    # The upload itself, in the database: every app server and worker sees it, the cache plays no part.
    data = models.BinaryField()
    skip_bad_rows = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    # [[line, column, message], ...] (the first 5,000)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        return (
            int(100 * self.processed_rows / self.total_rows)
            if self.total_rows
            else (100 if self.finished else 0)
        )
