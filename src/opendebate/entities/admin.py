from django.contrib import admin

from opendebate.entities.models import (
    CouncilSeat,
    Entity,
    EntityContact,
    Group,
    GroupMembership,
    Presidency,
)


class ContactInline(admin.TabularInline[EntityContact, Entity]):
    model = EntityContact
    extra = 0
    fields = ["email", "label", "status", "requested_by", "approved_by", "confirmed_at"]
    readonly_fields = ["status", "requested_by", "approved_by", "confirmed_at"]


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin[Entity]):
    list_display = ["code", "name_en", "name_fr", "kind", "sort_key"]
    list_filter = ["kind"]
    search_fields = ["code", "name_en", "name_fr", "name_es", "name_ru", "name_ar", "name_zh"]
    inlines = [ContactInline]


@admin.register(CouncilSeat)
class CouncilSeatAdmin(admin.ModelAdmin[CouncilSeat]):
    list_display = ["year", "entity", "seat"]
    list_filter = ["year", "seat"]


@admin.register(Presidency)
class PresidencyAdmin(admin.ModelAdmin[Presidency]):
    list_display = ["year", "month", "entity"]
    list_filter = ["year"]


class MembershipInline(admin.TabularInline[GroupMembership, Group]):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ["entity"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin[Group]):
    list_display = ["code", "name_en", "organization"]
    inlines = [MembershipInline]
