from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    PRESIDENCY = "presidency", _("Presidency")
    DELEGATION = "delegation", _("Delegation")
