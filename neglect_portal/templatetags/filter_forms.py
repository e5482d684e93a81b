"""``{% filter_form form %}``: a list page's GET filter form, drawn by crispy-forms-gds once for each state.

crispy-forms-gds draws a form through a template for every field and every option, a few milliseconds
for a filter panel, on every request of every list page. What it draws depends only on the form (its class
and helper, each field's label, widget, choices, value and errors); the same form in the same state is the
same HTML. So each process keeps the HTML of the states it has drawn (a few hundred at most), keyed by all
of that, and draws again whenever any of it differs: a new agency, another filter asked for, an error.

Only a GET form whose fields are drop-downs, radios and tick boxes is kept (it holds no CSRF token and no
typed text); any other form is drawn every time, as ``{% crispy %}`` does. Each form is drawn on its own,
not with the page's context, so that what it shows never depends on the page around it.
"""

import functools

from django import forms, template
from django.template import Context, engines
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

register = template.Library()

KEPT = 256  # states kept by a process; past that, the table starts again
_drawn: dict = {}
_KEPT_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxInput)


@register.simple_tag
def filter_form(form):
    key = _state(form)
    if key is None:
        return _draw(form)
    html = _drawn.get(key)
    if html is None:
        if len(_drawn) >= KEPT:
            _drawn.clear()
        html = _drawn[key] = _draw(form)
    return html


def _draw(form):
    return mark_safe(_template().render(Context({"form": form})))  # noqa: S308 (crispy's own escaped HTML)


@functools.cache
def _template():
    return engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}").template


def _state(form):
    """Everything the drawing depends on, as plain values; None for a form that is not kept."""
    helper = getattr(form, "helper", None)
    if helper is None or str(getattr(helper, "form_method", "")).lower() != "get":
        return None
    fields = []
    for name in form.fields:
        bound = form[name]  # shapes the choices the GOV.UK way first, as drawing does
        field, widget = bound.field, bound.field.widget
        if not isinstance(widget, _KEPT_WIDGETS) or isinstance(widget, forms.SelectMultiple):
            return None
        choices = getattr(field, "choices", ())
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
                _plain(widget.attrs),
                _plain(bound.value()),
                _plain(list(bound.errors)),
                tuple(_choice(choice) for choice in choices),
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
