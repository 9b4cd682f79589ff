"""Settings for the WijkPlatform: one module, configured from the environment.

Nothing set means the embedded defaults: SQLite in WAL mode, local-memory cache, tasks run in-process,
local files. `DATABASE_URL`, `REDIS_URL` and friends switch on the production engines.
"""

import importlib
import importlib.util
import os
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name, default=()):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or list(default)


def database_from_url(url):
    """Turn postgres://user:pass@host:port/name?options into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"DATABASE_URL must be postgres://..., not {parts.scheme}://")
    options = dict(parse_qsl(parts.query))
    pool = options.pop("pool", "true").lower() != "false"
    if pool:
        options["pool"] = {"min_size": 1, "max_size": env_int("DATABASE_POOL_SIZE", 10)}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        # Check a connection before it is used (with the pool: as the pool hands it out): after a database
        # restart, a connection the restart cut off is replaced instead of failing the request with a 500.
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": env_str("DATABASE_TEST_NAME") or None},
    }


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and env_bool("PRODUCTION", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    SECRET_KEY = "embedded-default-not-for-production"  # noqa: S105
PRODUCTION = env_bool("PRODUCTION", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
BRAND_NAME = env_str("BRAND_NAME", "LikeJeWijk")

INSTALLED_APPS = [
    "wijkplatform.core.admin_site.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "csp",
    # core before allauth: its templates give allauth's pages the platform's own layout.
    "wijkplatform.core",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "wijkplatform.accounts",
    "wijkplatform.wijken",
    "wijkplatform.partners",
    "wijkplatform.community",
    "wijkplatform.events",
    "wijkplatform.points",
    "wijkplatform.newsroom",
    "wijkplatform.moderation",
    "wijkplatform.helpdesk",
    "wijkplatform.academy",
    "wijkplatform.notifications",
    "wijkplatform.search",
    "wijkplatform.messaging",
    "wijkplatform.polls",
    "wijkplatform.budget",
    "wijkplatform.recognition",
    "wijkplatform.insights",
    "wijkplatform.api",
]

MIDDLEWARE = [
    "wijkplatform.core.observe.RequestIdMiddleware",
    "wijkplatform.core.db_router.ReplicaRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wijkplatform.wijken.middleware.WijkMiddleware",
    "wijkplatform.core.pagecache.PageCacheMiddleware",
]

# bench/load.py runs the platform with BENCH=true: query counts in a header and a minimal view for the ceiling.
BENCH = env_bool("BENCH", False)
if BENCH:
    MIDDLEWARE.insert(0, "wijkplatform.core.benchmark.BenchMiddleware")

ROOT_URLCONF = "wijkplatform.urls"
WSGI_APPLICATION = "wijkplatform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wijkplatform.core.context_processors.platform",
            ],
        },
    }
]

# Database: SQLite (WAL) embedded, PostgreSQL through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Read replicas (PostgreSQL streaming replicas): safe requests read from them (core/db_router.py).
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS")
if DATABASE_REPLICA_URLS and not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs DATABASE_URL: replicas follow a PostgreSQL primary")
for _number, _url in enumerate(DATABASE_REPLICA_URLS):
    DATABASES[f"replica_{_number}"] = {**database_from_url(_url), "TEST": {"MIRROR": "default"}}
DATABASE_REPLICAS = [f"replica_{_number}" for _number in range(len(DATABASE_REPLICA_URLS))]
DATABASE_ROUTERS = ["wijkplatform.core.db_router.PrimaryReplicaRouter"]
READ_YOUR_WRITES_SECONDS = env_int("READ_YOUR_WRITES_SECONDS", 10)
DATABASE_REPLICA_MAX_LAG_SECONDS = env_int("DATABASE_REPLICA_MAX_LAG_SECONDS", 5)
DATABASE_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 5)

# Cache, sessions and the broker: Redis through REDIS_URL, in-process otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "wijk"),
            # A cache that is down must not take pages down with it.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    SESSION_ENGINE = "wijkplatform.accounts.sessions"  # cached_db, read with what a member's page reads next
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Public pages for visitors without a session are cached until their wijk changes, at most this long.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # a pool process killed mid-task (OOM): its task goes back to the queue
# A task running longer than this is killed (prefork pool): kept below CELERY_VISIBILITY_TIMEOUT, so a task
# is never handed out again while it still runs.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 1800)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True  # a worker started before Redis waits for it
# A worker that loses the broker lets its running tasks finish; unacknowledged, they are handed out again and
# run a second time, which is safe: tasks are idempotent. Celery's alternative (cancelling them on connection
# loss) is known to make the worker die when the broker comes back (celery/celery#9250). A worker holding a
# task could also exit when Redis went away with this option off: a kombu bug, fixed by core/celery_fixes.py
# (installed by wijkplatform/celery.py). Run the worker with a restart policy all the same (Restart=always).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# Redis has no acknowledgements: kombu keeps every delivered, unacknowledged task in `unacked` with its time
# in `unacked_index`. Every worker sweeps that index (at start, then every `unacked_restore_interval`
# seconds) and puts back in the queue what is older than `visibility_timeout`: the task of a worker that
# died. kombu's default only really sweeps every 10th tick (`unacked_restore_throttle` 10 x 10 s), so a
# lost task came back up to ~100 s after its timeout; here every tick sweeps (one ZRANGE, cheap).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than any task runs and any countdown/eta: a task still running (or waiting) then is delivered twice.
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_SECONDS", 30),
    "unacked_restore_throttle": 1,
}
# celery beat runs the periodic jobs every app declares in its `schedule.py` (BEAT_SCHEDULE, plain data).
CELERY_BEAT_SCHEDULE = {}
for _app in INSTALLED_APPS:
    if _app.startswith("wijkplatform.") and _app.count(".") == 1:
        if importlib.util.find_spec(f"{_app}.schedule") is not None:
            CELERY_BEAT_SCHEDULE.update(importlib.import_module(f"{_app}.schedule").BEAT_SCHEDULE)

AUTH_USER_MODEL = "accounts.User"
# allauth's (log in by email, also in the admin), with the logged-in person kept in each process
# (accounts/backends.py). Only with a shared cache: a local one cannot tell a process that another one saved a
# new password.
AUTHENTICATION_BACKENDS = ["wijkplatform.accounts.backends.PersonBackend"]
KEEP_PEOPLE_IN_PROCESS = env_bool("KEEP_PEOPLE_IN_PROCESS", bool(REDIS_URL))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{BRAND_NAME}] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_ADAPTER = "wijkplatform.accounts.adapter.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = BRAND_NAME

# Email: console by default, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{BRAND_NAME} <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Languages: source strings in English, Dutch and English complete.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("nl", _("Dutch")), ("en", _("English")), ("de", _("German")), ("fr", _("French")), ("es", _("Spanish")),
    ("tr", _("Turkish")), ("pl", _("Polish")), ("ar", _("Arabic")),
]
LANGUAGE_COOKIE_NAME = "wijk_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# A web address typed without a scheme ("buurthuis.nl") is taken as https, as Django 6.0 does; remove with 6.0.
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "/static/"
STATIC_VERSION = env_str("STATIC_VERSION", "1")  # bump to make installed apps fetch new files
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# The storage classes of core.storage are Django's and django-storages' own, except that a storage that
# refuses an upload (disk full, endpoint down, bucket missing) gives the person a clear message, not a 500.
STORAGES = {
    "default": {"BACKEND": "wijkplatform.core.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Private files (certificates, exports): never under MEDIA_URL; handed out through short-lived signed URLs.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES["private"] = {"BACKEND": "wijkplatform.core.storage.FileSystemStorage",
                       "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None}}
SIGNED_URL_SECONDS = env_int("SIGNED_URL_SECONDS", 300)
# S3-compatible object storage (django-storages) when a bucket is named; credentials through AWS_ACCESS_KEY_ID
# and AWS_SECRET_ACCESS_KEY (or the machine's role).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_PRIVATE_BUCKET_NAME = env_str("AWS_PRIVATE_BUCKET_NAME", AWS_STORAGE_BUCKET_NAME)
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    STORAGES["default"] = {"BACKEND": "wijkplatform.core.storage.S3Storage", "OPTIONS": {
        "bucket_name": AWS_STORAGE_BUCKET_NAME, "querystring_auth": False, "location": "media"}}
    STORAGES["private"] = {"BACKEND": "wijkplatform.core.storage.S3Storage", "OPTIONS": {
        "bucket_name": AWS_PRIVATE_BUCKET_NAME, "querystring_auth": True, "querystring_expire": SIGNED_URL_SECONDS,
        "custom_domain": None, "location": "private"}}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
API_RATE_PER_TOKEN = env_str("API_RATE_PER_TOKEN", "600/min")
API_RATE_PER_ADDRESS = env_str("API_RATE_PER_ADDRESS", "1200/min")
WIJK_ARCHIVE_MAX_BYTES = env_int("WIJK_ARCHIVE_MAX_BYTES", 2 * 1024**3)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Security.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [] if PRODUCTION else ["security.W004", "security.W008"]

# Map tiles: any OpenStreetMap-style tile server; its host is allowed in the Content-Security-Policy.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_HOST = "{0.scheme}://{0.netloc}".format(urlsplit(MAP_TILE_URL))

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:", MAP_TILE_HOST],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Tenancy: paths that can never be the slug of a wijk.
RESERVED_SLUGS = {
    "start", "academy", "accounts", "api", "admin", "static", "media", "healthz", "status", "messages",
    "i18n", "offline", "figures", "about", "privacy", "terms", "help", "search", "directory", "wijken", "staff", "desk",
    "favicon.ico", "robots.txt", "manifest.webmanifest", "sw.js", "feed", "embed", "login", "logout",
    "readyz", "metrics", "files",
}

# Observe (core/observe.py, core/metrics.py): JSON logs with the request id, Prometheus at /metrics.
LOG_FORMAT = env_str("LOG_FORMAT", "json" if PRODUCTION else "text")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"])
METRICS_TOKEN = env_str("METRICS_TOKEN")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "wijkplatform.core.observe.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "wijkplatform.core.observe.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
        # Errors of the last days, for the wijk health page of the tech helpers (helpdesk/errorlog.py).
        "errors_to_db": {"class": "wijkplatform.helpdesk.errorlog.DatabaseErrorHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["console", "errors_to_db"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
