from django.db import models
from django.utils.translation import gettext_lazy as _


class EntityKind(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    OBSERVER_STATE = "observer_state", _("Non-member observer State")
    ORGANIZATION = "organization", _("Intergovernmental organization")
    # Governments in a group such as the OIF that are not UN Member States (Quebec, Louisiana,
    # Kosovo...): recorded for the group's counts, never able to submit as a State.
    NON_STATE_PARTICIPANT = "non_state_participant", _("Non-State participant")


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    ASSOCIATE = "associate", _("Associate member")
    OBSERVER = "observer", _("Observer")


class SeatKind(models.TextChoices):
    PERMANENT = "permanent", _("Permanent member")
    ELECTED = "elected", _("Elected member")


class ContactStatus(models.TextChoices):
    """Where an address stands: only a confirmed one speaks for its entity."""

    PENDING = "pending", _("Waiting for confirmation from the address")
    SECRETARIAT = "secretariat", _("Waiting for the Secretariat")
    CONFIRMED = "confirmed", _("Confirmed")
