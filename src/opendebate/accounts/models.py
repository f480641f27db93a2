from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opendebate.accounts.enums import Role
from opendebate.common.languages import Language
from opendebate.entities.models import Entity


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> User:
        # Addresses are stored in lower case; people type them however they like.
        return self.get(email=(username or "").strip().lower())

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        # `createsuperuser` makes a Secretariat officer: there is no role above it.
        fields.setdefault("role", Role.SECRETARIAT)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. A delegation or presidency user acts for exactly one entity."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role=Role.SECRETARIAT) & Q(entity__isnull=True))
                | (Q(role__in=[Role.DELEGATION, Role.PRESIDENCY]) & Q(entity__isnull=False)),
                name="entity_matches_role",
                violation_error_message=_(
                    "Delegation and presidency users belong to one entity; "
                    "Secretariat users to none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_staff(self) -> bool:
        return self.role == Role.SECRETARIAT

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT

    @property
    def requires_two_factor(self) -> bool:
        return self.role in (Role.SECRETARIAT, Role.PRESIDENCY)

    def has_perm(self, perm: str, obj: object = None) -> bool:
        # The Secretariat administers everything; nobody else reaches the admin at all.
        return self.is_active and self.is_secretariat

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active and self.is_secretariat


class Invitation(models.Model):
    """A one-time link that lets a person create an account with a given role and entity.

    Only the SHA-256 of the token is stored, so a database leak does not leak usable links.
    """

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), null=True, blank=True, on_delete=models.CASCADE
    )
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
