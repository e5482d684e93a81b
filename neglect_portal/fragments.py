"""A per-partnership cache of rendered page fragments (decision 49).

Each partnership has a *generation* in the shared cache. Every write to one of its objects moves
the generation on, so a fragment cached under the old one is never read again (it expires on its
own). A fragment's key holds the partnership, its generation, today's date (overdue actions and a
quarter's state change with the day, not with a write), the code that draws it and the variant
asked for (the filters chosen, whether the reader sees small numbers as published): never a person,
and a fragment is rendered without a request, so it can hold no CSRF token or per-person bit.

The generation moves on from ``post_save``, ``post_delete`` and ``m2m_changed`` of every model of
the project's apps, whatever wrote it (a page, the API, an import, a job, the admin), once the
transaction commits. A model finds its partnership through its queryset's ``partnership_lookup``
(``neglect_portal.scoping``) or, failing that, through its foreign keys; a model that is no
partnership's data says so in :data:`NOT_SHOWN`, and ``tests/test_fragments.py`` fails for a model
that does neither. Writes that send no signals (``bulk_create``, ``QuerySet.update``) call
:func:`partnership_changed` themselves.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
from collections.abc import Callable
from functools import cache as memoise
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

# A fragment is dropped after an hour even without a write: if the cache could not be reached when a write
# committed (its generation not moved on), the page is out of date for an hour at most, not the whole day.
TIMEOUT = 60 * 60

# Models that belong to no partnership, or whose rows no cached fragment shows (written often, so
# they would only empty the cache): a fragment that starts to show one must take it off this list.
NOT_SHOWN = frozenset(
    {
        "accounts.AccessEvent",
        "accounts.AccountEmail",
        "accounts.APIToken",
        "accounts.DemoDevice",
        "accounts.InvitationEmail",
        "accounts.PersonSession",
        "actions.CommentEmail",
        "reminders.AlertEmail",
        "reminders.AlertNotice",
        "reminders.FailureDigest",
        "reminders.Reminder",
        "reports.Delivery",
        "reports.SignOffDue",
        "spreadsheets.ColumnMapping",
        "spreadsheets.Upload",
    }
)

# A person's name is shown (a priority's sponsor, an update's author): a change to it changes the
# fragments of every partnership they belong to. Signing in (``last_login``) changes nothing shown.
PERSON_FIELDS = frozenset({"first_name", "last_name", "email"})


# --- the generation --------------------------------------------------------------------------------
def _generation_key(partnership_id) -> str:
    return f"fragments:generation:{partnership_id}"


def generation(partnership_id) -> int:
    """The partnership's generation. Kept without expiry; if the cache loses it, it starts again from the
    clock, above any generation it had before, so an old fragment is never read again."""
    key = _generation_key(partnership_id)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key)
    return value


def _move_on(partnership_id) -> None:
    key = _generation_key(partnership_id)
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, time.time_ns(), timeout=None)


class _MoveOn:
    """An on-commit callback that moves one partnership's generation on (one per transaction)."""

    def __init__(self, partnership_id):
        self.partnership_id = partnership_id
        self.done = False

    def __call__(self):
        _move_on(self.partnership_id)
        self.done = True


def _pending() -> set:
    """The partnerships whose generation this connection's open transaction will move on when it commits."""
    if not connection.in_atomic_block:
        return set()
    return {
        func.partnership_id for _, func, _ in connection.run_on_commit if isinstance(func, _MoveOn) and not func.done
    }


def partnership_changed(partnership_id) -> None:
    """Forget the partnership's cached fragments once the current transaction commits (now outside one)."""
    if partnership_id is None:
        return
    if partnership_id not in _pending():
        # robust: the write is committed; a cache that cannot be reached is logged, not made the writer's error
        transaction.on_commit(_MoveOn(partnership_id), robust=True)


# --- fragments -------------------------------------------------------------------------------------
RELEASE_SUFFIXES = frozenset({".py", ".html", ".txt", ".css"})


@memoise
def release() -> str:
    """A digest of the project's own code and templates, read once a process.

    Every kept drawing's key holds it, so a release never serves what the one before drew, whatever changed
    (a template, an include inside it, a selector or the view that draws it), without each cache listing the
    files it depends on.
    """
    base = Path(settings.BASE_DIR).resolve()
    roots = {Path(config.path).resolve() for config in apps.get_app_configs() if _is_project_path(config.path)}
    digest = hashlib.sha256()
    for root in sorted(roots | {base / "templates"}):
        for path in sorted(root.rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def fragment(
    name: str,
    partnership_id,
    today: datetime.date,
    variant: tuple,
    render: Callable[[], dict],
    keep: Callable[[dict], bool] | None = None,
) -> dict:
    """The partnership's fragment ``name`` for ``variant``, from the cache or drawn by ``render``.

    ``render`` returns a dict of plain values (HTML strings come back marked safe); it is called with no
    request, so it cannot draw a CSRF token or anything of the person reading. A new release of the portal is a
    new key (:func:`release`). Inside a transaction that has changed the partnership, the
    fragment is drawn afresh and not kept: the transaction sees its own writes, nobody else yet does. A
    drawing that ``keep`` refuses (a choice the filters refused) is shown to the person who asked, not kept.
    """
    if partnership_id in _pending():
        return _safe(render())
    parts = ":".join(str(v) for v in [name, release(), *variant])
    try:
        key = f"{parts}:{generation(partnership_id)}:{today}"
        key = f"fragments:{partnership_id}:{hashlib.sha256(key.encode()).hexdigest()}"
        value = cache.get(key)
    except Exception:  # whatever the cache backend raises: the page is drawn rather than refused
        logger.warning("The fragment cache could not be read; drawing %s without it.", name, exc_info=True)
        return _safe(render())
    if value is None:
        value = render()
        if keep is not None and not keep(value):
            return _safe(value)
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:  # as above
            logger.warning("The fragment cache could not be written; %s was drawn without it.", name, exc_info=True)
    return _safe(value)


def kept_count(model, partnership_ids, query: str, count: Callable[[], int]) -> int:
    """The number of rows of a list of ``model`` (an API page's ``count``), kept like a fragment.

    Counting a big partnership's rows through its joins is most of a list page's time, and the answer
    changes only with a write to one of ``partnership_ids``: it is kept under their generations and the
    list's SQL (``query``: its filters, and any day it compares with), and counted afresh after any write.
    A list of something no fragment follows (:data:`NOT_SHOWN`) is always counted.
    """
    ids = sorted(set(partnership_ids))
    shown = model._meta.label not in NOT_SHOWN and partnership_path(model) is not None
    if not ids or not shown or set(ids) & _pending():
        return count()
    try:
        generations = [generation(partnership_id) for partnership_id in ids]
        key = hashlib.sha256(f"{model._meta.label}:{ids}:{generations}:{query}".encode()).hexdigest()
        key = f"counts:{key}"
        value = cache.get(key)
    except Exception:  # whatever the cache backend raises: counted rather than refused
        logger.warning("The count cache could not be read; counting %s.", model._meta.label, exc_info=True)
        return count()
    if value is None:
        value = count()
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:  # as above
            logger.warning("The count cache could not be written.", exc_info=True)
    return value


def _safe(value: dict) -> dict:
    return {k: mark_safe(v) if isinstance(v, str) else v for k, v in value.items()}  # noqa: S308 (drawn by our templates)


# --- which partnership a write changes -------------------------------------------------------------
def project_models() -> list[type[models.Model]]:
    """The models of the project's own apps (not Django's or a library's)."""
    return [m for m in apps.get_models() if _in_project(m)]


def is_history(model) -> bool:
    """A django-simple-history record: written with its object, which moves the generation on."""
    return hasattr(model, "instance_type") and hasattr(model, "history_object")


def _is_partnership(model) -> bool:
    return model._meta.model_name == "partnership"


@memoise
def partnership_path(model) -> tuple[str, ...] | None:
    """The attributes leading from an object of ``model`` to its partnership (``()``: it is one), or None."""
    if _is_partnership(model):
        return ()
    lookup = getattr(model._default_manager.get_queryset(), "partnership_lookup", None)
    if lookup:
        return () if lookup == "pk" else tuple(lookup.split("__"))
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for field in model._meta.concrete_fields:
        target = field.related_model if field.many_to_one or field.one_to_one else None
        if target is None or target is user_model or target is model or not _in_project(target):
            continue
        rest = partnership_path(target)
        if rest is not None:
            return (field.name, *rest)
    return None


def _in_project(model) -> bool:
    return _is_project_path(model._meta.app_config.path)


def _is_project_path(path) -> bool:
    # A library installed in a virtual environment inside the checkout (.venv) is not the project's.
    path = Path(path).resolve()
    inside = path.is_relative_to(Path(settings.BASE_DIR).resolve())
    return inside and not {"site-packages", "dist-packages"} & set(path.parts)


def partnership_ids_of(instance) -> set:
    """The partnerships whose data ``instance`` is: its own, or a person's every partnership."""
    model = type(instance)
    if model is apps.get_model(settings.AUTH_USER_MODEL):
        return set(instance.memberships.values_list("partnership_id", flat=True))
    path = partnership_path(model)
    if path is None:
        return set()
    return {_follow(instance, path)} - {None}


def _follow(instance, path):
    """The partnership id at the end of ``path``, reading at most one row (the first not already loaded)."""
    if not path:
        return instance.pk
    obj = instance
    for index, name in enumerate(path):
        field = obj._meta.get_field(name)
        if name == path[-1] and _is_partnership(field.related_model):
            return getattr(obj, field.attname)
        if not field.is_cached(obj):
            pk = getattr(obj, field.attname)
            if pk is None:
                return None
            lookup = "__".join(path[index + 1 :]) or "pk"
            return field.related_model._base_manager.filter(pk=pk).values_list(lookup, flat=True).first()
        obj = getattr(obj, name)
        if obj is None:
            return None
    return obj.pk


def _changed(sender, instance, **kwargs):
    if sender._meta.label in NOT_SHOWN or is_history(sender):
        return
    update_fields = kwargs.get("update_fields")
    if sender is apps.get_model(settings.AUTH_USER_MODEL) and update_fields and not PERSON_FIELDS & set(update_fields):
        return
    for partnership_id in partnership_ids_of(instance):
        partnership_changed(partnership_id)


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _changed(type(instance), instance)


def connect() -> None:
    """Listen to the writes of every model of the project's apps (from ``NeglectPortalConfig.ready``)."""
    for model in project_models():
        if model._meta.label in NOT_SHOWN or is_history(model):
            continue
        post_save.connect(_changed, sender=model, dispatch_uid=f"fragments-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"fragments-delete-{model._meta.label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"fragments-m2m-{through._meta.label}")
