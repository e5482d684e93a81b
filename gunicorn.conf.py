"""Gunicorn's settings for the portal's web container, read from the environment.

GUNICORN_WORKERS            processes serving requests (default 3; about 2 x CPU cores + 1)
GUNICORN_TIMEOUT            seconds a request may take before its process is restarted (default 60)
GUNICORN_GRACEFUL_TIMEOUT   seconds given to requests in flight on a restart or scale-down (default 30)
GUNICORN_KEEPALIVE          seconds an idle connection from the proxy is kept open (default 5)
GUNICORN_MAX_REQUESTS       requests after which a process is replaced, bounding memory (default 1000)
PORT                        port to listen on (default 8000)
LOG_FORMAT                  json (default) for one JSON object a line, or text
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on the container's overlay disk, where a slow write can look like a hung worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Access log: the path without its query string and no referrer, either of which can carry a
# token; the request id ties the line to the portal's own log lines for that request.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s forwarded_for=%({x-forwarded-for}i)s'
)

if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {
            "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
        },
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
        "root": {"level": "INFO", "handlers": ["error_console"]},
    }
