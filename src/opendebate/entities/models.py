from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from opendebate.common.languages import Language
from opendebate.entities.enums import ContactStatus, EntityKind, MembershipStatus, SeatKind

_ARTICLES = ("the ",)


def sort_key_for(english_name: str) -> str:
    """The key the UN sorts by: the English short name without article, accents or case.

    "the Islamic Republic of Iran" is listed by its short name "Iran (Islamic Republic of)" and
    "the Niger" by "Niger", so the short name is the input, and an article that slips in is
    dropped rather than sorting everything with one under T.
    """
    folded = unicodedata.normalize("NFKD", english_name).casefold().strip()
    for article in _ARTICLES:
        if folded.startswith(article):
            folded = folded[len(article) :]
    kept = (ch for ch in folded if not unicodedata.combining(ch))
    return "".join(ch for ch in kept if ch.isalnum() or ch == " ")


class SixLanguageNames(models.Model):
    """A name in each of the six official languages, as the UN writes it."""

    name_ar = models.CharField(_("name in Arabic"), max_length=200)
    name_zh = models.CharField(_("name in Chinese"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_es = models.CharField(_("name in Spanish"), max_length=200)

    class Meta:
        abstract = True

    def name(self, language: str) -> str:
        return str(getattr(self, f"name_{Language(language).value}"))

    def names(self) -> dict[str, str]:
        return {language.value: self.name(language.value) for language in Language}


class Entity(SixLanguageNames):
    """A Member State, observer State, organization or non-State participant.

    `name_xx` is the UN short name ("Iran (Islamic Republic of)"), used in lists and headings;
    `running_xx` is the form used inside a sentence ("the Islamic Republic of Iran", "le Niger").
    """

    code = models.CharField(_("code"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=EntityKind.choices)
    running_ar = models.CharField(max_length=250)
    running_zh = models.CharField(max_length=250)
    running_en = models.CharField(max_length=250)
    running_fr = models.CharField(max_length=250)
    running_ru = models.CharField(max_length=250)
    running_es = models.CharField(max_length=250)
    acronyms = models.JSONField(default=dict, blank=True)
    # Forms that cannot be derived from the names: "ru_gen" (Russian genitive, "Нигера") and
    # "ar_li" (Arabic with the preposition li-, "للنيجر").
    inflections = models.JSONField(default=dict, blank=True)
    note = models.CharField(max_length=300, blank=True)
    sort_key = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        ordering = ["sort_key"]
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return self.name_en

    def save(self, *args: object, **kwargs: object) -> None:
        self.sort_key = sort_key_for(self.name_en)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def running_name(self, language: str) -> str:
        return str(getattr(self, f"running_{Language(language).value}"))

    def inflection(self, form: str) -> str:
        """A stored grammatical form, falling back to the running name in its language."""
        return str(self.inflections.get(form) or self.running_name(form.split("_")[0]))

    @property
    def is_state(self) -> bool:
        return self.kind in (EntityKind.MEMBER_STATE, EntityKind.OBSERVER_STATE)

    @property
    def can_submit(self) -> bool:
        return self.kind != EntityKind.NON_STATE_PARTICIPANT


class EntityContact(models.Model):
    """An address that speaks for an entity: receipts go to it, mail from it is attributed.

    Only a CONFIRMED address does either, and an address is confirmed for one entity at most.
    A delegation's request always starts PENDING or SECRETARIAT (entities.services); the
    default serves the rows trusted code writes directly (the migration of existing contacts,
    the Secretariat's admin, demo and test data).
    """

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="contacts")
    email = models.EmailField(_("e-mail address"))
    label = models.CharField(_("label"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ContactStatus.choices, default=ContactStatus.CONFIRMED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the Secretariat lets the address move from another entity or its mail domain.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), "entity", name="unique_contact_per_entity"),
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status=ContactStatus.CONFIRMED),
                name="one_entity_per_confirmed_address",
                violation_error_message=_("This address is already confirmed for an entity."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.entity.code})"

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2].lower()


class CouncilSeat(models.Model):
    """One member of the Security Council in one calendar year."""

    year = models.PositiveSmallIntegerField(db_index=True)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="council_seats")
    seat = models.CharField(max_length=12, choices=SeatKind.choices)

    class Meta:
        ordering = ["year", "entity__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["year", "entity"], name="one_seat_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.entity.code} ({self.seat})"


class Presidency(models.Model):
    """The member presiding over the Council in one month."""

    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="presidencies")

    class Meta:
        ordering = ["year", "month"]
        verbose_name_plural = "presidencies"
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="one_presidency_per_month"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="presidency_month_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.entity.code}"


class Group(SixLanguageNames):
    """A group of States and governments whose membership changes over time (the OIF...)."""

    code = models.CharField(max_length=12, unique=True)
    # The group as an organization that can itself submit (the OIF speaks for itself too).
    organization = models.OneToOneField(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="group"
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class GroupMembership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="group_memberships")
    status = models.CharField(max_length=12, choices=MembershipStatus.choices)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["group", "entity__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "entity", "since"], name="one_membership_per_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group.code}: {self.entity.code} ({self.status})"
