"""``{% kept_form form %}``: a form drawn by crispy-forms-gds once for each state, then kept.

crispy-forms-gds draws a form through a template for every field and every option: a few milliseconds for a
filter panel or a comment box, on every request of the pages that show one. What it draws depends only on the
form (its class and helper, each field's label, widget, choices, value and errors); the same form in the same
state is the same HTML. So each process keeps the HTML of the states it has drawn (a few hundred at most), keyed
by all of that, and draws again whenever any of it differs: a new agency, another filter asked for, an error.

Two kinds of form are kept: a GET form of drop-downs, radios and tick boxes (a list page's filters), and a form
shown empty, before anything is typed in it (the comment box under a discussion). A form holding typed text is
drawn every time, as ``{% crispy %}`` does, and never kept. A kept POST form is drawn with a stand-in for its
CSRF token, and each page puts its own token in. Each form is drawn on its own, not with the page's context,
so that what it shows never depends on the page around it.
"""

import functools
import secrets

from django import forms, template
from django.template import Context, engines
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

register = template.Library()

KEPT = 256  # states kept by a process; past that, the table starts again
_drawn: dict = {}
_CHOICE_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxInput)
_TOKEN = f"csrf-token-{secrets.token_hex(16)}"  # stands in for the page's CSRF token in kept HTML


@register.simple_tag(takes_context=True)
def kept_form(context, form):
    key = _state(form)
    if key is None:
        return _draw(form, context.get("csrf_token"))
    html = _drawn.get(key)
    if html is None:
        if len(_drawn) >= KEPT:
            _drawn.clear()
        html = _drawn[key] = _draw(form, _TOKEN)
    if _TOKEN in html:
        html = html.replace(_TOKEN, str(context.get("csrf_token", "")))
    return mark_safe(html)  # noqa: S308 (crispy's own escaped HTML; a CSRF token is letters and digits)


def _draw(form, csrf_token):
    drawing = Context({"form": form} if csrf_token is None else {"form": form, "csrf_token": csrf_token})
    return _template().render(drawing)


@functools.cache
def _template():
    return engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}").template


def _state(form):
    """Everything the drawing depends on, as plain values; None for a form that is not kept."""
    helper = getattr(form, "helper", None)
    if helper is None:
        return None
    get = str(getattr(helper, "form_method", "")).lower() == "get"
    fields = []
    for name in form.fields:
        bound = form[name]  # shapes the choices the GOV.UK way first, as drawing does
        field, widget = bound.field, bound.field.widget
        choice = isinstance(widget, _CHOICE_WIDGETS) and not isinstance(widget, forms.SelectMultiple)
        if not ((get and choice) or (not form.is_bound and bound.value() in (None, "", [], False))):
            return None
        fields.append(
            (
                name,
                bound.html_name,
                bound.auto_id,
                type(field).__qualname__,
                type(widget).__qualname__,
                _plain(field.label),
                _plain(field.help_text),
                field.required,
                field.disabled,
                _plain(widget.attrs),
                _plain(bound.value()),
                _plain(list(bound.errors)),
                tuple(_choice(choice) for choice in getattr(field, "choices", ())),
                tuple(_choice(choice) for choice in getattr(widget, "choices", ())),
            )
        )
    return (
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        form.is_bound,
        _plain(list(form.non_field_errors())),
        _plain(vars(helper)),
        tuple(fields),
    )


def _choice(choice):
    value, label = choice
    return (_plain(value), _plain(label), _plain(getattr(choice, "hint", "")), _plain(getattr(choice, "divider", "")))


def _plain(value):
    """A hashable copy of ``value`` that equals another exactly when they would be drawn the same."""
    if value is None or isinstance(value, bool | int | float | str):
        return (type(value).__name__, value)
    if isinstance(value, Promise):
        return ("str", str(value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), _plain(v)) for k, v in value.items())))
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item) for item in value]
        return (type(value).__name__, tuple(sorted(items) if isinstance(value, set | frozenset) else items))
    if hasattr(value, "__dict__") and type(value).__module__.startswith("crispy_forms"):
        return (type(value).__qualname__, _plain(vars(value)))  # the helper's layout and its parts
    return (type(value).__qualname__, str(value))
