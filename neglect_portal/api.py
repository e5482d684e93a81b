"""The REST API's router: each installed app registers its own endpoints.

An app that has an API gives its ``api.py`` a ``register(router)`` function. This module finds
those modules through ``INSTALLED_APPS`` (in that order, which is the order of the API root and
the schema) and names no app, so the project package stays below every app in the layers
(docs/decisions/0007-layers.md).
"""

from importlib import import_module, util

from django.apps import apps
from rest_framework.routers import DefaultRouter

router = DefaultRouter()


def api_module_of(app_config):
    """The app's ``api`` module when it registers endpoints, else None."""
    module_name = f"{app_config.name}.api"
    if util.find_spec(module_name) is None:
        return None
    module = import_module(module_name)
    return module if callable(getattr(module, "register", None)) else None


def register_app_endpoints(into):
    for app_config in apps.get_app_configs():
        module = api_module_of(app_config)
        if module is not None:
            module.register(into)


register_app_endpoints(router)
