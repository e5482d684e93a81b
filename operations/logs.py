"""The logging set-up: one JSON object a line in production, readable lines locally.

Each line carries the request id (from the proxy's ``X-Request-ID`` or made up for the request
by django-log-request-id, and sent back in the response), so a user's "it failed at 10:42" can
be followed through every line of that request. Server errors are also e-mailed to ``ADMINS``
when it is set.
"""

JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"
TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


def logging_config(*, log_format: str, level: str) -> dict:
    """A ``LOGGING`` setting; ``log_format`` is ``json`` or ``text``."""
    if log_format == "json":
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    else:
        formatter = {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "log_request_id.filters.RequestIDFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "default"},
            # Sends only when ADMINS is set; never while debugging, where the error page shows it all.
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Replaces Django's own "django" logger, so each line is written once, in this format.
            "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
            "django.db.backends": {"level": "WARNING"},
            # WeasyPrint reports every step of every PDF at INFO.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
