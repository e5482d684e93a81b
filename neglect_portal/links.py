"""Links to many objects of one kind, for a table's rows: the route is reversed once, not once a row.

``{% url %}`` costs a reverse of the URL conf each time; a table of fifty actions with two links a row
asked for a hundred. ``pk_links("actions:detail")`` reverses once and gives a function of the primary key.
"""

from django.urls import reverse

_MARKER = 918273645  # a number no other part of a route's URL holds


def pk_links(name, *args):
    """``reverse(name, args=[*args, pk])`` as a function of ``pk``, reversed once."""
    head, marker, tail = reverse(name, args=[*args, _MARKER]).rpartition(str(_MARKER))
    if not marker:
        raise ValueError(f"The URL of {name} does not show the primary key it is given")

    def link(pk):
        return f"{head}{int(pk)}{tail}"

    return link


def attach_links(objects, attribute, name, pk_attribute="pk"):
    """Give each of ``objects`` the URL of route ``name`` for its ``pk_attribute``, as ``attribute``."""
    link = pk_links(name)
    for obj in objects:
        setattr(obj, attribute, link(getattr(obj, pk_attribute)))
    return objects
