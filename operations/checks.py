"""Deployment checks (``manage.py check --deploy``): web processes must keep no state of their own."""

from django.conf import settings
from django.core.checks import Error, Tags, register

FILE_SESSIONS = ("django.contrib.sessions.backends.file",)
CACHE_SESSIONS = ("django.contrib.sessions.backends.cache", "django.contrib.sessions.backends.cached_db")
PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


@register(Tags.security, deploy=True)
def check_sessions_are_shared(app_configs, **kwargs):
    """Any web process must be able to serve any signed-in person's request."""
    engine = settings.SESSION_ENGINE
    hint = "Keep sessions in the database (django.contrib.sessions.backends.db) or in a Redis cache (CACHE_URL)."
    if engine in FILE_SESSIONS:
        return [Error("Sessions are kept in files on one web server.", hint=hint, id="operations.E001")]
    cache = settings.CACHES[getattr(settings, "SESSION_CACHE_ALIAS", "default")]["BACKEND"]
    if engine == "django.contrib.sessions.backends.cache" and cache in PROCESS_CACHES:
        return [Error("Sessions are kept in a cache of each web process.", hint=hint, id="operations.E002")]
    return []
