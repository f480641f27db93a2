from django.contrib import admin

from opendebate.accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ["email", "full_name", "role", "entity", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "full_name", "entity__name_en", "entity__code"]
    autocomplete_fields = ["entity"]
    fields = ["email", "full_name", "role", "entity", "language", "is_active", "last_login"]
    readonly_fields = ["last_login"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ["email", "role", "entity", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "invited_by", "accepted_at", "accepted_by", "created_at"]
