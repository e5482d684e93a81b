"""The deployment check refuses sessions that only one web process can read."""

from operations.checks import check_sessions_are_shared


def test_sessions_in_the_database_let_any_web_process_serve_any_request(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"

    assert check_sessions_are_shared(None) == []


def test_sessions_in_files_fail_the_deployment_check(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"

    assert [error.id for error in check_sessions_are_shared(None)] == ["operations.E001"]


def test_sessions_in_a_cache_must_be_in_a_shared_cache(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [error.id for error in check_sessions_are_shared(None)] == ["operations.E002"]

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://r"}}
    assert check_sessions_are_shared(None) == []
