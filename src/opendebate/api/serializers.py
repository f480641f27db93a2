from __future__ import annotations

import base64
import binascii
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from opendebate.common.languages import Language
from opendebate.meetings.models import Meeting
from opendebate.statements.models import Receipt, Statement, StatementVersion


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    presidency = serializers.CharField(source="presidency.code")
    open_for_statements = serializers.BooleanField(source="is_open_for_statements")

    class Meta:
        model = Meeting
        fields = [
            "id", "format", "titles", "starts_at", "presidency", "letter_symbol",
            "intake_address", "word_guidance", "word_limit_is_hard", "deadline",
            "deadline_wording", "late_policy", "open_for_statements",
        ]  # fmt: skip


class ReceiptSerializer(serializers.ModelSerializer[Receipt]):
    class Meta:
        model = Receipt
        fields = [
            "reference",
            "sequence",
            "issued_at",
            "content_sha256",
            "previous_hash",
            "entry_hash",
        ]


class VersionSerializer(serializers.ModelSerializer[StatementVersion]):
    receipt = ReceiptSerializer()

    class Meta:
        model = StatementVersion
        fields = [
            "number", "channel", "received_at", "heading", "signatory_name",
            "signatory_function", "language", "words", "characters", "characters_no_spaces",
            "sha256", "timeliness", "receipt",
        ]  # fmt: skip


class StatementSerializer(serializers.ModelSerializer[Statement]):
    entity = serializers.CharField(source="entity.code")
    meeting = serializers.IntegerField(source="meeting_id")
    versions = VersionSerializer(many=True)

    class Meta:
        model = Statement
        fields = ["meeting", "entity", "status", "created_at", "withdrawn_at", "versions"]


class SubmitSerializer(serializers.Serializer[dict[str, Any]]):
    """A statement as text (with the web form's light markup) or as a base64-encoded file."""

    entity = serializers.CharField(
        required=False, help_text="Entity code; a delegation may only give its own."
    )
    heading = serializers.CharField(max_length=400)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    file_base64 = serializers.CharField(required=False)
    filename = serializers.CharField(required=False, max_length=255)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    signatory_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    signatory_function = serializers.CharField(required=False, allow_blank=True, max_length=300)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_text = bool((attrs.get("text") or "").strip())
        has_file = "file_base64" in attrs
        if has_text == has_file:
            raise serializers.ValidationError(_("Send either text or file_base64, not both."))
        if has_file:
            if not attrs.get("filename"):
                raise serializers.ValidationError({"filename": _("Give the file's name.")})
            try:
                attrs["file"] = base64.b64decode(attrs.pop("file_base64"), validate=True)
            except (binascii.Error, ValueError):
                raise serializers.ValidationError(
                    {"file_base64": _("This is not valid base64.")}
                ) from None
        return attrs


class SubmittedSerializer(VersionSerializer):
    """The version just recorded, with the warnings the preview would have shown."""

    warnings = serializers.SerializerMethodField()

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "warnings"]

    def get_warnings(self, version: StatementVersion) -> list[str]:
        return list(self.context.get("warnings", ()))


class RefusalSerializer(serializers.Serializer[dict[str, Any]]):
    """Every error: a stable code, a message to show, and for an invalid request each field's
    problems (see api/errors.py)."""

    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
