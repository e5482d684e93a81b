"""Settings shared by every environment, read from the environment.

Every value has a safe local default so that ``make run`` needs no
configuration: SQLite, Celery tasks run in-process, e-mail written to files.
"""

from email.utils import parseaddr
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

from operations.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite file, e-mail files and uploads live here locally

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="local-development-only-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the portal, used for links in e-mails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_celery_beat",
    "neglect_portal",
    "outbound",
    "accounts",
    "priorities",
    "actions",
    "outcomes",
    "audits",
    "reports",
    "reminders",
    "changes",
    "spreadsheets",
    "evidence",
    "search",
    "demo",
    "operations",
    "help",
]

MIDDLEWARE = [
    "log_request_id.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers travel compressed to a browser that asks (static files are compressed by
    # WhiteNoise, above). Django's GZip adds random bytes to each answer against BREACH-style guessing.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.security.SecondFactorRequiredMiddleware",
    "accounts.security.DownloadAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.security.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "neglect_portal.urls"
WSGI_APPLICATION = "neglect_portal.wsgi.application"

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
                "accounts.context_processors.partnership",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The zero-set-up database has one writer at a time: a request waits for the lock (up to
    # 20 s) and takes it when its transaction starts, rather than failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "neglect_portal.errors.csrf_failure"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock out for an hour after this many failed sign-ins of one account from one address, and
# equally after this many failures from one address across all accounts (password spraying).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Failed sign-ins are kept (axes' failure log) and logged with the address and account, never the password.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = True
AXES_SENSITIVE_PARAMETERS = ["password", "token", "code", "otp_token"]
# The client's address: REMOTE_ADDR, or the address the proxies in front of the portal saw
# (TRUSTED_PROXY_COUNT of them, each adding to X-Forwarded-For). Lockouts, rate limits and the
# access audit all use it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.access_audit.client_address"

# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request and SESSION_ABSOLUTE_TIMEOUT
# seconds after signing in, whichever comes first (see docs/decisions/0010-sign-in-and-sessions.md).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
# Sessions in the database, each knowing whose it is: a person lists and ends their own sessions.
SESSION_ENGINE = "accounts.session_store"
SESSION_COOKIE_SAMESITE = "Lax"
# Changing the e-mail address, password or second factor, issuing a token, inviting or changing
# roles and issuing or sending a report ask for the password again after this many seconds.
REAUTHENTICATION_TIMEOUT = env.int("REAUTHENTICATION_TIMEOUT", default=15 * 60)

# Sign-in and password-reset attempts allowed per address and per account in RATE_LIMIT_WINDOW
# seconds; more answer 429 with Retry-After. Lockouts after failed sign-ins are axes' (above).
RATE_LIMIT_WINDOW = env.int("RATE_LIMIT_WINDOW", default=15 * 60)
SIGN_IN_LIMIT_PER_ADDRESS = env.int("SIGN_IN_LIMIT_PER_ADDRESS", default=30)
SIGN_IN_LIMIT_PER_ACCOUNT = env.int("SIGN_IN_LIMIT_PER_ACCOUNT", default=10)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=10)
PASSWORD_RESET_LIMIT_PER_ACCOUNT = env.int("PASSWORD_RESET_LIMIT_PER_ACCOUNT", default=3)

# Two-factor sign-in (django-otp): an authenticator app's six-digit codes, or a recovery code.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Neglect Strategy Portal")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
RECOVERY_CODE_COUNT = 10
# Local demo only: the demo people's second factor accepts the code 123456. Production refuses it.
DEMO_SECOND_FACTOR = env.bool("DEMO_SECOND_FACTOR", default=False)

# Personal API tokens expire after this many days unless the person chooses fewer.
API_TOKEN_DEFAULT_DAYS = env.int("API_TOKEN_DEFAULT_DAYS", default=90)
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365)

# The access audit (sign-ins, failures, lockouts, second factors, roles, tokens, exports, report
# views and downloads) is kept this many days, then pruned by a daily job.
ACCESS_AUDIT_RETENTION_DAYS = env.int("ACCESS_AUDIT_RETENTION_DAYS", default=2 * 365)
# Accounts not used for DORMANT_ACCOUNT_DAYS are deactivated by a daily job, after a warning e-mail
# DORMANT_ACCOUNT_WARNING_DAYS before.
DORMANT_ACCOUNT_DAYS = env.int("DORMANT_ACCOUNT_DAYS", default=180)
DORMANT_ACCOUNT_WARNING_DAYS = env.int("DORMANT_ACCOUNT_WARNING_DAYS", default=14)

# Headers: a Content-Security-Policy without inline scripts or styles (a nonce for the one GOV.UK
# Frontend snippet), browser features the portal never uses switched off.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), interest-cohort=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded spreadsheets are small; refuse anything larger before parsing it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
# The largest evidence file (a PDF, an Office document or an image) attached to an update, finding or audit.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
# Rows per imported file: checked and imported by a background task (spreadsheets.tasks), never in a request.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20000)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# E-mail: EMAIL_URL such as smtp://user:pass@mail.example.org:587/?tls=True.
# Unset, messages are written as files under var/mail so nothing leaves the machine.
_email_url = env.str("EMAIL_URL", default="")
if _email_url:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Neglect Strategy Portal <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# Celery: with no broker configured, tasks run in-process (eagerly), so the
# default install needs no Redis. Production sets CELERY_BROKER_URL.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Tasks must finish well within the time Redis waits before handing an
# unacknowledged task to another worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Where tasks go unless told otherwise; a test worker sets its own so it never shares a queue.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")

# Automatic e-mails (report deliveries, reminders, ...; see docs/decisions/0008-one-outbound-engine.md).
# A temporary SMTP failure is retried after this many seconds, then twice as long each time (at most
# 30 minutes, 8 tries). An e-mail still "sending" this many seconds after it was claimed was abandoned
# by a worker that died, and is taken over. The REPORT_DELIVERY_* names of earlier versions still work.
OUTBOUND_RETRY_BACKOFF = env.int("OUTBOUND_RETRY_BACKOFF", default=env.int("REPORT_DELIVERY_RETRY_BACKOFF", default=30))
OUTBOUND_CLAIM_TIMEOUT = env.int(
    "OUTBOUND_CLAIM_TIMEOUT", default=env.int("REPORT_DELIVERY_CLAIM_TIMEOUT", default=30 * 60)
)
# The sweeper (every few minutes, in beat's schedule) sends again a waiting e-mail this many seconds
# past the moment a worker should have taken it. After a send, the "sent" state is written on a fresh
# database connection for up to OUTBOUND_RECORD_PATIENCE seconds.
OUTBOUND_SWEEP_GRACE = env.int("OUTBOUND_SWEEP_GRACE", default=10 * 60)
OUTBOUND_SWEEP_BATCH = env.int("OUTBOUND_SWEEP_BATCH", default=5000)
OUTBOUND_RECORD_PATIENCE = env.int("OUTBOUND_RECORD_PATIENCE", default=60)

REST_FRAMEWORK = {
    # The token class first: a request without valid credentials gets 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.tokens.APITokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # page_size up to 200 (neglect_portal/pagination.py); decimals are JSON numbers, as the schema says.
    "DEFAULT_PAGINATION_CLASS": "accounts.api_pagination.PartnershipPagination",
    "PAGE_SIZE": 50,
    "COERCE_DECIMAL_TO_STRING": False,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "neglect_portal.api_ordering.StableOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "neglect_portal.api_versions.VersionedAutoSchema",
    # Per signed-in person and per anonymous address; over the rate answers 429 with Retry-After.
    "DEFAULT_THROTTLE_CLASSES": ["accounts.throttles.PersonRateThrottle", "accounts.throttles.AddressRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_THROTTLE_USER_RATE", default="600/minute"),
        "anon": env.str("API_THROTTLE_ANON_RATE", default="60/minute"),
    },
    "EXCEPTION_HANDLER": "neglect_portal.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Neglect Strategy Portal API",
    "DESCRIPTION": (
        "Read and update a partnership's neglect strategy: priorities, actions, progress "
        "updates, indicators and their measurements, audits. Every request acts as the "
        "signed-in user, with the same permissions as the portal."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc are served from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "actions.models.Status",
        "StrategyStatusEnum": "priorities.models.Strategy.Status",
        # Outcomes: indicators, measurements and the scorecard.
        "RBACategoryEnum": "outcomes.models.RBACategory",
        "IndicatorUnitEnum": "outcomes.models.Unit",
        "PolarityEnum": "outcomes.models.Polarity",
        "FrequencyEnum": "outcomes.models.Frequency",
        "RAGEnum": "outcomes.serializers.fields.RAG_CHOICES",
        "MeasurementResultEnum": "outcomes.serializers.fields.RESULT_CHOICES",
        "ComparatorKindEnum": "outcomes.models.ComparatorKind",
        # Audits, findings and recommendations.
        "AuditKindEnum": "audits.models.Audit.Kind",
        "FindingKindEnum": "audits.models.Finding.Kind",
        "RecommendationStatusEnum": "audits.models.Recommendation.Status",
    },
}

# Values built on small numbers are flagged on the scorecard.
SMALL_NUMBER_THRESHOLD = env.int("SMALL_NUMBER_THRESHOLD", default=10)

# Working days (report send dates, reminders) skip weekends and the bank holidays
# of this part of the UK: ENG (England), WLS, SCT or NIR.
BANK_HOLIDAY_REGION = env.str("BANK_HOLIDAY_REGION", default="ENG")

# --- Operations: logs, cache, file storage, health checks (see "Operating the portal" in the README) ---

# Logs: one JSON object a line (LOG_FORMAT=json, the production default) or readable text, each with
# the request id, which is taken from a proxy's X-Request-ID or made up, and sent back in the response.
LOGGING = logging_config(log_format=env.str("LOG_FORMAT", default="text"), level=env.str("LOG_LEVEL", default="INFO"))
LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
# Workers log through the same set-up rather than Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# People e-mailed the details of every server error: "Name <address>,Other <address>".
ADMINS = [parseaddr(address) for address in env.list("ADMINS", default=[])]

# Keep a database connection open between requests for this many seconds (0: a new one each
# request), checked before reuse; see docs/decisions/0013-national-scale.md for the numbers.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# A cache shared by every web process and worker (charts are drawn once for all) when CACHE_URL
# names a Redis database, e.g. redis://redis:6379/1; each process keeps its own otherwise.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# Uploaded and generated files (issued report PDFs) go through Django's storage API: on the local
# disk under MEDIA_ROOT, or in an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set, so
# that any number of web processes and workers on any number of machines share them.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            # Private: the bucket's own policy applies, links are signed and short-lived, names never reused.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }

# /health/: a worker must answer the ping within this many seconds; beat must have sent a job
# within this many (its jobs run daily, so a day and an hour's grace); the media disk must keep
# this much free space. HEALTH_CHECK_TOKEN, when set, lets a request with
# "Authorization: Bearer <token>" see each part's details.
HEALTH_CHECK_WORKER_TIMEOUT = env.float("HEALTH_CHECK_WORKER_TIMEOUT", default=2.0)
HEALTH_CHECK_BEAT_MAX_AGE = env.int("HEALTH_CHECK_BEAT_MAX_AGE", default=25 * 60 * 60)
HEALTH_CHECK_MEDIA_MIN_FREE_MB = env.int("HEALTH_CHECK_MEDIA_MIN_FREE_MB", default=1024)
HEALTH_CHECK_TOKEN = env.str("HEALTH_CHECK_TOKEN", default="")
