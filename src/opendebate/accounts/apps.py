from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "opendebate.accounts"
    label = "accounts"
    default = True

    def ready(self) -> None:
        from opendebate.accounts import signals  # noqa: F401  (connects the audit receivers)


class OpendebateAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "opendebate.accounts.admin_site.SecretariatAdminSite"
