"""``{{ value|day:"j M Y" }}`` writes exactly what Django's ``date`` filter writes, a day's words kept once written."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

VALUES = {
    "a day": datetime.date(2026, 9, 3),
    "the same day again": datetime.date(2026, 9, 3),
    "a date and time": datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC),
    "nothing": None,
    "an empty value": "",
}


@pytest.mark.parametrize("name", list(VALUES))
@pytest.mark.parametrize("format", ["j M Y", "j F Y", "M Y"])
def test_a_day_is_written_as_django_writes_it(name, format):
    context = Context({"value": VALUES[name], "format": format})
    ours = Template("{% load dates %}{{ value|day:format }}|{{ value|day:format|default:'None set' }}")
    django = Template("{{ value|date:format }}|{{ value|date:format|default:'None set' }}")
    assert ours.render(context) == django.render(context)


def test_a_date_and_time_is_written_in_the_portals_time_zone():
    late = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)  # 1 July in London
    assert Template("{% load dates %}{{ value|day:'j M Y' }}").render(Context({"value": late})) == "1 Jul 2026"
    assert timezone.localtime(late).day == 1
