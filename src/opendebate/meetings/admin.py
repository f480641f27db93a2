from django.contrib import admin

from opendebate.meetings.models import Briefer, ConceptNoteSection, Meeting, Participant


class BrieferInline(admin.TabularInline[Briefer, Meeting]):
    model = Briefer
    extra = 0


class ParticipantInline(admin.TabularInline[Participant, Meeting]):
    model = Participant
    extra = 0
    autocomplete_fields = ["entity"]


class SectionInline(admin.StackedInline[ConceptNoteSection, Meeting]):
    model = ConceptNoteSection
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    list_display = ["starts_at", "format", "presidency", "status", "letter_symbol", "deadline"]
    list_filter = ["status", "format"]
    search_fields = ["letter_symbol", "agenda_items"]
    autocomplete_fields = ["presidency"]
    inlines = [BrieferInline, ParticipantInline, SectionInline]
