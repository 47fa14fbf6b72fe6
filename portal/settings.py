"""Brobygger settings: one module, every knob from the environment (see README, "Konfiguration")."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from portal.core.env import env_bool, env_int, env_list, env_required, env_str
from portal.core.error_reporting import init_error_reporting

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Production is the default: development (`make run`, `make test`, `make bench`) says DEBUG=1.
DEBUG = env_bool("DEBUG", default=False)
DEV_SECRET_KEY = "dev-only-insecure-key-brobygger-do-not-use-in-production-0123456789"

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY") or DEV_SECRET_KEY
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    # Production refuses to start without its secrets, or with the development key.
    SECRET_KEY = env_required("SECRET_KEY")
    if SECRET_KEY == DEV_SECRET_KEY or SECRET_KEY.startswith(("dev-only", "django-insecure")):
        raise ImproperlyConfigured("SECRET_KEY is the development key; set a random one when DEBUG=0")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    env_required("DATABASE_URL")
    if not ALLOWED_HOSTS:
        env_required("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # The admin site with the superuser + two-factor rule (portal/accounts/admin_site.py).
    "portal.accounts.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # Two-factor: TOTP devices and static recovery codes (portal/accounts/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Append-only triggers on the audit log and placement history (portal/core/models.py).
    "pgtrigger",
    "portal.core",
    "portal.accounts",
    "portal.flyer",
    "portal.home",
    "portal.signin",
    "djangosaml2",
    "enterprises",
    "citizens",
    "matching",
]

MIDDLEWARE = [
    # First: its request id and timing cover everything below, its log line sees the final status.
    "portal.core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # request.saml_session: the outstanding AuthnRequest ids the ACS checks responses against.
    "djangosaml2.middleware.SamlSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.htmx (django-htmx): one reading of htmx's request headers for every view.
    "django_htmx.middleware.HtmxMiddleware",
    # Every page requires login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Idle and absolute session limits, then "no page but the two-factor setup" (portal/accounts/).
    "portal.accounts.middleware.SessionIdleMiddleware",
    "portal.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.home.context_processors.navigation",
                "portal.accounts.context_processors.session_timeout",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'brobygger.sqlite3'}",
        # Persistent connections with health checks: several times faster under load.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not IS_POSTGRES:
    # SQLite: wait for a writer rather than fail with "database is locked" under concurrent requests.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "portal.User"

# --- Cache and sessions: never in process memory (several app processes share them) -----------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # Redis down = no cache (pages are slower, never broken; /healthz says "degraded"),
                # and a Redis that does not answer costs a request one second, not a hung worker.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "brobygger_cache",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Authentication ----------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if env_bool("FAST_PASSWORD_HASHER", default=False):
    # Tests only: Argon2 costs ~50 ms per login, which adds up over a suite.
    PASSWORD_HASHERS.insert(0, "django.contrib.auth.hashers.MD5PasswordHasher")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    # Every password check goes through the lockout (portal/core/auth_backends.py), on every login path.
    "portal.core.auth_backends.LockoutModelBackend",
    # Both answer only their own callbacks (an assertion, an authorization code), so listing them always
    # is harmless; their endpoints answer 404 unless SAML_ENABLED / OIDC_ISSUER turn them on.
    "portal.signin.saml.OiosamlBackend",
    "portal.signin.oidc.MunicipalOIDCBackend",
]
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Per client address (resolved through TRUSTED_PROXY_COUNT): slows password spraying, locks no account.
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 50)
LOGIN_ADDRESS_WINDOW_MINUTES = env_int("LOGIN_ADDRESS_WINDOW_MINUTES", 15)
# Local passwords (on in development; set 0 once sign-in through the municipality works). Accounts
# marked break-glass may always sign in locally (docs/break-glass.md).
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", default=True)
# Two-factor for every local account, not only system and register administrators and superusers.
LOCAL_LOGIN_REQUIRE_MFA = env_bool("LOCAL_LOGIN_REQUIRE_MFA", default=False)
# Whether two-factor is enforced at all: off in development so the demo logins of `make run` work.
TWO_FACTOR_ENFORCED = env_bool("TWO_FACTOR_ENFORCED", default=not DEBUG)
OTP_TOTP_ISSUER = "Brobygger"
# The Django admin never shows a TOTP secret or its QR code: another person's second factor is theirs alone
# (it also answers 403, not 500, for a device id that does not exist).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The Django admin (/admin/): superusers with two-factor only; off in production unless asked for.
ADMIN_ENABLED = env_bool("ADMIN_ENABLED", default=DEBUG)
# Sessions end after this much idle time (checked on the server) and at the latest after
# SESSION_COOKIE_AGE. SESSION_IDLE_SECONDS, when set, wins (tests use a few seconds).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 60 * env_int("SESSION_IDLE_MINUTES", 30))
# The warning dialog shows this long before the idle logout.
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 120)

# --- Sign-in through the municipality (docs/sign-in.md) ------------------------------------------------
SAML_ENABLED = env_bool("SAML_ENABLED", default=False)
SAML_IDP_METADATA = env_str("SAML_IDP_METADATA", "")  # a file path or an https:// URL
SAML_ENTITY_ID = env_str("SAML_ENTITY_ID", "")
SAML_KEY_FILE = env_str("SAML_KEY_FILE", "")
SAML_CERT_FILE = env_str("SAML_CERT_FILE", "")
SAML_NEXT_CERT_FILE = env_str("SAML_NEXT_CERT_FILE", "")  # certificate rollover: published beside the current
SAML_PRIVILEGE_PREFIX = env_str("SAML_PRIVILEGE_PREFIX", "http://brobygger.dk/roles/")
SAML_XMLSEC_BINARY = env_str("SAML_XMLSEC_BINARY", "/usr/bin/xmlsec1")
if SAML_ENABLED:
    for _name in ("SAML_IDP_METADATA", "SAML_ENTITY_ID", "SAML_KEY_FILE", "SAML_CERT_FILE"):
        if not globals()[_name]:
            raise ImproperlyConfigured(f"{_name} must be set when SAML_ENABLED=1")
SAML_CONFIG_LOADER = "portal.signin.saml.sp_config"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
# The ACS is reached by a cross-site POST from the IdP: in production (HTTPS) the SAML session cookie
# must be SameSite=None to come along; browsers drop SameSite=None without Secure, so plain-HTTP
# development uses Lax (IdP and portal on the same host there).
SAML_SESSION_COOKIE_SAMESITE = "Lax" if DEBUG else "None"
SAML_CSP_HANDLER = ""  # our pages need no extra CSP sources for SAML (the Redirect binding is used)
SAML_ATTRIBUTE_MAPPING: dict = {}

OIDC_ISSUER = env_str("OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_ROLE_CLAIM = env_str("OIDC_ROLE_CLAIM", "roles")
OIDC_JOBCENTER_CLAIM = env_str("OIDC_JOBCENTER_CLAIM", "kommunekode")
# National roles (register and system administrators) from a provider: only these municipalities
# (CVR numbers for SAML, codes for OIDC) may grant them; empty = such accounts are local only.
SIGNIN_NATIONAL_ROLE_MUNICIPALITIES = env_list("SIGNIN_NATIONAL_ROLE_MUNICIPALITIES")
OIDC_ALLOWED_MUNICIPALITIES = env_list("OIDC_ALLOWED_MUNICIPALITIES")
if OIDC_ISSUER and not (OIDC_RP_CLIENT_ID and OIDC_ALLOWED_MUNICIPALITIES):
    # One provider must not speak for every municipality.
    raise ImproperlyConfigured(
        "OIDC_CLIENT_ID and OIDC_ALLOWED_MUNICIPALITIES must be set when OIDC_ISSUER is"
    )
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the hint RP-initiated logout sends back to the provider
OIDC_OP_LOGOUT_URL_METHOD = "portal.signin.oidc.provider_logout_url"
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/refused/"
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)

# --- Internationalisation: Danish UI, Danish formats ---------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The manifest storage needs `collectstatic`; development and tests use plain storage.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Forms ---------------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security headers ------------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Trust X-Forwarded-Proto only when told a TLS proxy sits in front (anyone reaching gunicorn could set it).
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# How many reverse proxies of our own append to X-Forwarded-For (0: use the socket's address).
# The audit log's IP is only as trustworthy as this number.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# --- E-mail --------------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# For the file backend (django.core.mail.backends.filebased.EmailBackend): where each mail is written.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
# Seconds before a silent SMTP server counts as a failed attempt (the job is retried later).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Brobygger <noreply@brobygger.local>")

# --- Background jobs (portal/core/jobs.py): rows in the database, run by `manage.py db_worker` -------------
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# --- Domain settings -----------------------------------------------------------------------------------
# Where the footer's "Tilgængelighedserklæring" points (WAS-Tool at was.digst.dk); empty = local page.
ACCESSIBILITY_STATEMENT_URL = env_str("ACCESSIBILITY_STATEMENT_URL", "")
# Audit log retention: at least six months (sikkerhedsbekendtgørelsen's baseline).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 400)
# The portal's address for absolute links without a request: the enterprises' verification links, the
# links in reminder e-mails and the calendar feed.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Where the flyer's QR code points; empty = this portal's own /flyer/ page (absolute URL).
FLYER_QR_URL = env_str("FLYER_QR_URL", "")
# "Send to a colleague": sends per user per day.
FLYER_SEND_DAILY_LIMIT = env_int("FLYER_SEND_DAILY_LIMIT", 20)
# Closed citizen cases are anonymised this many days after closing (`manage.py purge_closed_cases`).
CITIZEN_RETENTION_DAYS = env_int("CITIZEN_RETENTION_DAYS", 5 * 365)
# Fernet keys for CPR numbers at rest, newest first (citizens/cpr.py): the newest encrypts, every one
# decrypts, so a new key goes in front and `manage.py rotate_cpr_key` re-encrypts (docs/operations.md).
# FIELD_ENCRYPTION_KEY (one key) is still read. Development generates one under var/ once; production must
# set it (losing it loses every CPR).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or env_list("FIELD_ENCRYPTION_KEY")
if not FIELD_ENCRYPTION_KEYS:
    if not DEBUG:
        env_required("FIELD_ENCRYPTION_KEY")
    _key_file = VAR_DIR / "field_encryption.key"
    if not _key_file.exists():
        import os

        from cryptography.fernet import Fernet

        try:
            fd = os.open(_key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process wrote it first
            pass
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(Fernet.generate_key())
    FIELD_ENCRYPTION_KEYS = [_key_file.read_text().strip()]
FIELD_ENCRYPTION_KEY = FIELD_ENCRYPTION_KEYS[0]  # the newest; read-only alias for older callers
# Key of the CPR search hash. Unset: derived from the OLDEST encryption key (as before rotation existed),
# so existing hashes stay valid while keys rotate; `rotate_cpr_key --rehash` moves to a set CPR_HASH_KEY.
CPR_HASH_KEY = env_str("CPR_HASH_KEY", "") or ""

# --- Logging: one JSON object per line, never personal data (portal/core/json_logging.py) -----------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.core.json_logging.JsonFormatter"}},
    "filters": {"mask_paths": {"()": "portal.core.json_logging.MaskPathsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["mask_paths"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver's own access line carries the query string; portal.request logs every request.
        "django.server": {"handlers": [], "propagate": False},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        "faker": {"level": "WARNING"},
    },
}

# --- Metrics and error reporting ----------------------------------------------------------------------
# /metrics answers a scraper with `Authorization: Bearer <METRICS_TOKEN>` or from these addresses/networks.
METRICS_TOKEN = env_str("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS")
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    init_error_reporting(dsn=SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"))
