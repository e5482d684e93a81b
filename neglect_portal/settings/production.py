"""Production settings: everything secure, nothing secret in code.

Refuses to start without SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS.
"""

from django.core.exceptions import ImproperlyConfigured

from neglect_portal.settings.base import *  # noqa: F403
from neglect_portal.settings.base import env
from operations.logs import logging_config
from operations.sentry import sentry_init

DEBUG = False

for _name in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"):
    if not env.str(_name, default=""):
        raise ImproperlyConfigured(f"Set the {_name} environment variable for production.")

SECRET_KEY = env.str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# __Host- cookies: only ever sent over HTTPS, to this host, for the whole site.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
if env.bool("DEMO_SECOND_FACTOR", default=False):
    raise ImproperlyConfigured("DEMO_SECOND_FACTOR is for the local demo only; unset it for production.")
DEMO_SECOND_FACTOR = False
X_FRAME_OPTIONS = "DENY"
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

# Logs as JSON lines unless LOG_FORMAT=text.
LOGGING = logging_config(log_format=env.str("LOG_FORMAT", default="json"), level=env.str("LOG_LEVEL", default="INFO"))

# Errors of web requests and tasks go to Sentry when SENTRY_DSN is set, scrubbed of personal data.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    sentry_init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default=""),
        sample_rate=env.float("SENTRY_SAMPLE_RATE", default=1.0),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
