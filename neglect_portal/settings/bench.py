"""The production settings as ``make bench`` measures them, with its timer and bare view (operations.bench)."""

from neglect_portal.settings.production import *  # noqa: F403
from neglect_portal.settings.production import MIDDLEWARE, STORAGES

ROOT_URLCONF = "operations.bench"
MIDDLEWARE = ["operations.bench.server_timing", *MIDDLEWARE]
# The pages' own work is measured, not the collection of static files the manifest needs.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
