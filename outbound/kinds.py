"""The kinds of automatic e-mail: each app registers its own from its ``AppConfig.ready``.

The engine knows a kind by name only, so it imports no domain app: a kind says
which concrete :class:`~outbound.models.OutboundMessage` model holds its rows
and how to build the e-mail of one row. For example, in ``reports/apps.py``::

    def ready(self):
        from outbound import kinds
        from reports.messages import delivery_message

        kinds.register(
            "report_delivery",
            model="reports.Delivery",
            build=delivery_message,
            related=["report__strategy__partnership"],
        )
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.mail import EmailMessage


@dataclass(frozen=True)
class Kind:
    name: str
    model_label: str
    # The e-mail of a claimed row, or None when nothing is left to say (the row is then withdrawn).
    build: Callable[[object], EmailMessage | None]
    related: tuple[str, ...] = ()
    # Sent to a list of people (a board, a group): the List-Id of the e-mail of a row.
    list_id: Callable[[object], str] | None = None
    # The rows of the model that are this kind's, when several kinds share one model.
    rows: tuple[tuple[str, object], ...] = ()
    # The path from a row to its partnership, so its failures are shown to the business manager.
    partnership: str | None = None
    # For people: what a row of this kind is ("Quarterly report"), and the page that shows it.
    label: str = ""
    link: Callable[[object], str] | None = None

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def objects(self):
        """The rows of this kind (all of the model's unless the kind shares it)."""
        return self.model.objects.filter(**dict(self.rows))


_KINDS: dict[str, Kind] = {}


def register(
    name: str,
    *,
    model: str,
    build: Callable[[object], EmailMessage | None],
    related: Iterable[str] = (),
    list_id: Callable[[object], str] | None = None,
    rows: dict | None = None,
    partnership: str | None = None,
    label: str = "",
    link: Callable[[object], str] | None = None,
) -> Kind:
    """Make a kind of message known to the engine; registering the same name again replaces it.

    ``rows`` picks the kind's rows when several kinds share a model (``{"kind": "password_reset"}``);
    ``partnership`` is the lookup from a row to its partnership (``"report__strategy__partnership"``), so
    its failures are listed to the partnership's business manager under ``label``, linked to ``link(row)``.
    """
    label = label or name.replace("_", " ").capitalize()
    kind = Kind(name, model, build, tuple(related), list_id, tuple((rows or {}).items()), partnership, label, link)
    _KINDS[name] = kind
    return kind


def all_kinds() -> list[Kind]:
    return list(_KINDS.values())


def get(name: str) -> Kind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(
            f"No kind of outbound message is called {name!r}; known: {', '.join(sorted(_KINDS))}"
        ) from None


def names() -> list[str]:
    return sorted(_KINDS)
