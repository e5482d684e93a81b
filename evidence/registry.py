"""What files may be attached to: each app registers its kinds of owner from its ``AppConfig.ready``.

The evidence app sits below the domain apps, so it knows an owner only through what its kind says:
how to find one of a partnership (404 otherwise), who may attach and remove its files (the app's own
rule from ``accounts.access``), what to call it, and the page that lists its files. For example, in
``actions/apps.py``::

    registry.register(
        registry.OwnerKind(
            slug="update",
            model="actions.ProgressUpdate",
            load=selectors.progress_update_for,
            may_attach=lambda membership, update: access.can_update_action(membership, update.action),
            refusal=access.ACTION_REFUSAL,
            page_url=lambda update: reverse("actions:detail", args=[update.action_id]),
            describe=lambda update: (update.action.reference, f"Progress update of {update.update_date:%-d %B %Y}"),
        )
    )
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404


@dataclass(frozen=True)
class OwnerKind:
    slug: str  # in the address of its upload page: /files/<slug>/<pk>/new/
    model: str  # "app_label.ModelName"
    load: Callable  # (partnership, pk) -> the owner; Http404 when it is not the partnership's
    may_attach: Callable  # (membership, owner) -> whether they may attach and remove its files
    refusal: str  # what a person refused is told
    page_url: Callable  # owner -> the address of the page listing its files
    describe: Callable  # owner -> (caption, what it is), shown above the upload form

    @property
    def model_label(self) -> str:
        return self.model.lower()


_BY_SLUG: dict[str, OwnerKind] = {}


def register(kind: OwnerKind) -> None:
    _BY_SLUG[kind.slug] = kind


def kind_named(slug: str) -> OwnerKind:
    """The kind of the address's ``slug``; an unknown one is a 404."""
    try:
        return _BY_SLUG[slug]
    except KeyError:
        raise Http404("No such kind of object") from None


def kind_of(owner) -> OwnerKind:
    label = owner._meta.label_lower
    for kind in _BY_SLUG.values():
        if kind.model_label == label:
            return kind
    raise LookupError(f"Files cannot be attached to {label}: register an evidence.registry.OwnerKind for it")


def kinds() -> list[OwnerKind]:
    return list(_BY_SLUG.values())
