"""``{{ value|day:"j M Y" }}``: Django's ``date`` filter for a day (a ``datetime.date``), each answer kept.

A table writes the same few dates many times (quarter ends, the days updates were given), and Django's filter
works each one out afresh, about as long as the rest of the row. A day's words depend only on the day, the
format and the language, so each process keeps those it has written (a few thousand at most). A date and time
(whose words depend on the time zone too) is written by Django's filter every time.
"""

import datetime
import functools

from django import template
from django.template.defaultfilters import date as django_date
from django.utils.translation import get_language

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def day(value, arg=None):
    if type(value) is not datetime.date:
        return django_date(value, arg)
    return _day(value, arg, get_language())


@functools.lru_cache(maxsize=4096)
def _day(value, arg, language):
    return django_date(value, arg)
