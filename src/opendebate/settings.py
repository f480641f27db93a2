"""Settings, read only from the environment (see .env.example for every variable).

OPENDEBATE_ENV selects the profile: `development` (the default: SQLite, console mail, demo users
allowed) or `production` (a secret key and allowed hosts must be given, debug must be off, and
cookies are secure).
"""

from __future__ import annotations

import secrets
from pathlib import Path

import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from opendebate.common.env import (
    env_bool,
    env_cache,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_networks,
    env_path,
    env_storage,
    env_str,
)

# Lets admin and form classes be subscripted (ModelAdmin[User]) for the type checker at run time.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
ENVIRONMENT = env_choice("OPENDEBATE_ENV", "development", ("development", "production"))
PRODUCTION = ENVIRONMENT == "production"


def _default_data_dir() -> Path:
    """var/ of the source checkout when run from one, whatever the working directory (a command
    run inside src/opendebate must not write its data, least of all a key, into the package);
    otherwise var/ in the working directory."""
    checkout = PACKAGE_DIR.parents[1]
    if (checkout / "pyproject.toml").is_file() and PACKAGE_DIR.parent.name == "src":
        return checkout / "var"
    return Path.cwd() / "var"


DATA_DIR = env_path("OPENDEBATE_DATA_DIR", _default_data_dir()).resolve()
if DATA_DIR.is_relative_to(PACKAGE_DIR):
    raise ImproperlyConfigured(
        f"OPENDEBATE_DATA_DIR ({DATA_DIR}) is inside the package; data and keys must live "
        "outside the code. Set it to a folder outside src/opendebate."
    )
DEBUG = env_bool("DEBUG", default=not PRODUCTION)


def _secret_key() -> str:
    key = env_str("SECRET_KEY", "")
    if PRODUCTION:
        if len(key) < 50 or key.startswith("django-insecure"):
            raise ImproperlyConfigured(
                "SECRET_KEY is missing or too short for production; set it to at least 50 "
                'random characters (python -c "import secrets; print(secrets.token_urlsafe(64))").'
            )
        return key
    if key:
        return key
    # Development keeps a random key in the data directory so sessions survive a restart
    # without anyone ever committing or sharing a key.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG is on with OPENDEBATE_ENV=production; set DEBUG=false.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is empty in production; set the site's host name.")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "opendebate.accounts.apps.OpendebateAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "opendebate.common",
    "opendebate.entities",
    "opendebate.accounts",
    "opendebate.meetings",
    "opendebate.documents",
    "opendebate.statements",
    "opendebate.api",
    "opendebate.intake",
    "opendebate.compilation",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opendebate.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "opendebate.urls"
WSGI_APPLICATION = "opendebate.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opendebate.common.context_processors.languages",
            ],
            "string_if_invalid": "" if PRODUCTION else "INVALID[%s]",
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", DATA_DIR / "opendebate.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Long work (compiling 193 annexes) runs as a task; the queue lives in the database, so the
# embedded default needs no other service. `opendebate db_worker` runs it (`make run` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Counters that every web process must share (the submission rate limit) live in the cache:
# Redis when REDIS_URL is set, as production does; the process's own memory otherwise.
CACHES = {"default": env_cache("REDIS_URL")}

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling: this many failures for one address within the window lock it out.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
OTP_TOTP_ISSUER = "opendebate"

# Stored in UTC, shown in the Council's time zone.
USE_TZ = True
TIME_ZONE = "America/New_York"
USE_I18N = True
LANGUAGE_CODE = "en"
# The six official languages of the Council, in the UN's order (rule 41).
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "opendebate_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# The API carries a statement file (at most 10 MiB, ingest.MAX_UPLOAD_BYTES) base64-
# encoded in a JSON body: 4/3 of it and a few fields. Django's default, 2.5 MB, refused a 2 MB
# file. deploy/nginx.conf's client_max_body_size is a little above this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 14 * 1024 * 1024

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": env_storage("STORAGE_BACKEND", DATA_DIR / "files"),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Development serves static files straight from the apps, with no collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[
    env_choice(
        "EMAIL_DELIVERY",
        "smtp" if PRODUCTION else "console",
        ("console", "file", "memory", "smtp"),
    )
]
EMAIL_FILE_PATH = DATA_DIR / "sent-mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "opendebate <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
# Production runs behind nginx (deploy/nginx.conf), which sets X-Forwarded-Proto and X-Real-IP
# on every request, replacing whatever the client sent; gunicorn listens on 127.0.0.1 only.
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every script and style is a file served by us: no inline code, no third party, no framing.
# The Django admin of Django 5.2 needs no exception: its scripts are files that read their data
# from data- attributes (tests/common/test_security_headers.py keeps it so). A page that ever
# needs one gets it from a csp decorator on its view, never here. Static files, answered by
# WhiteNoise before this middleware runs, carry no policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # The SMTP listener's library (aiosmtpd) logs every connection and command; on `make run`'s
    # console that buries everything else, so it says only warnings unless INTAKE_LOG_LEVEL asks.
    "loggers": {
        name: {"level": env_str("INTAKE_LOG_LEVEL", "WARNING")}
        for name in ("mail.log", "mail.debug")
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "opendebate.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "opendebate API",
    "DESCRIPTION": "Written statements for Security Council open debates.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
}

# Inbound mail: where raw messages are kept, the largest accepted, and the addresses accepted
# besides each meeting's own intake address.
INTAKE_MAIL_DIR = env_path("INTAKE_MAIL_DIR", DATA_DIR / "mail")
INTAKE_MAX_MESSAGE_BYTES = env_int("INTAKE_MAX_MESSAGE_BYTES", 25 * 1024 * 1024)
INTAKE_ADDRESSES = env_list("INTAKE_ADDRESSES", [])
INTAKE_RATE_LIMIT_PER_HOUR = env_int("INTAKE_RATE_LIMIT_PER_HOUR", 30)
# Who vouches for a message's From address (README, "Security: what is trusted and why"): the
# authserv-ids of the mail servers whose Authentication-Results headers are believed, and the
# relays (connecting IP addresses) whose envelope sender is believed. Production trusts nothing
# until told; development trusts loopback, so that `swaks` against `make run` is attributed.
INTAKE_TRUSTED_AUTHSERV_IDS = [
    value.lower() for value in env_list("INTAKE_TRUSTED_AUTHSERV_IDS", [])
]
INTAKE_TRUSTED_RELAYS = env_networks(
    "INTAKE_TRUSTED_RELAYS", [] if PRODUCTION else ["127.0.0.1", "::1"]
)
# A message whose processing fails is tried again after INTAKE_RETRY_SECONDS, then twice as
# long each time; after INTAKE_MAX_ATTEMPTS failures it waits for the Secretariat.
INTAKE_MAX_ATTEMPTS = env_int("INTAKE_MAX_ATTEMPTS", 5)
INTAKE_RETRY_SECONDS = env_int("INTAKE_RETRY_SECONDS", 60)
# Versions one entity may submit per minute through the web and the API, counted in the cache.
SUBMISSION_RATE_LIMIT_PER_MINUTE = env_int("SUBMISSION_RATE_LIMIT_PER_MINUTE", 20)
# IMAP polling (intake-imap): a hosted mailbox read instead of, or beside, the SMTP listener.
IMAP_HOST = env_str("IMAP_HOST", "")
IMAP_PORT = env_int("IMAP_PORT", 993)
IMAP_USER = env_str("IMAP_USER", "")
IMAP_PASSWORD = env_str("IMAP_PASSWORD", "")
IMAP_SSL = env_bool("IMAP_SSL", default=True)
IMAP_FOLDER = env_str("IMAP_FOLDER", "INBOX")
IMAP_DONE_FOLDER = env_str("IMAP_DONE_FOLDER", "")
