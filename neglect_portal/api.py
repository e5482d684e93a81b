"""The REST API's router: each app registers its viewsets in its own ``api.py``."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()


def register_app_viewsets():
    from importlib import import_module

    for app in ("priorities", "actions", "outcomes", "audits", "reports"):
        try:
            module = import_module(f"{app}.api")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.api":
                raise
            continue
        for prefix, viewset, basename in getattr(module, "ROUTES", ()):
            router.register(prefix, viewset, basename=basename)


register_app_viewsets()
