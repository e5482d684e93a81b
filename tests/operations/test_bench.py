"""``make bench`` works: benchmark data built twice is built once, and every page measured answers 200.

Timings are printed, not asserted: this proves the tools work (at ×1, in well under a minute), the
README holds the table measured at ×100.
"""

import gzip
import io
import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.db import connection
from django.urls import reverse

from accounts.models import Partnership
from actions.models import Action, ProgressUpdate
from demo import scale
from outcomes.models import Indicator, Measurement
from reports.models import Delivery, QuarterlyReport
from tests.services import free_port, require_redis

MODELS = (Partnership, Action, ProgressUpdate, Indicator, Measurement)


def test_the_scale_gives_24_partnerships_at_a_hundred_the_biggest_with_1919_actions_and_128_indicators():
    assert scale.partnership_count(100) == 24 and scale.partnership_count(1) == 1
    biggest, other = scale.size_of(100, 0), scale.size_of(100, 5)
    assert (biggest.actions, biggest.indicators) == (1919, 128)
    assert biggest.actions * scale.UPDATES_PER_ACTION == 19190 and biggest.indicators * scale.QUARTERS == 5120
    assert 150 < other.actions < 200


@pytest.mark.django_db(transaction=True)
def test_scale_data_is_built_once_and_the_benchmark_measures_every_main_page_and_api_list():
    call_command("build_scale_data", "--scale", "1", stdout=io.StringIO())
    built = {model.__name__: model.objects.count() for model in MODELS}
    assert built == {"Partnership": 1, "Action": 19, "ProgressUpdate": 190, "Indicator": 3, "Measurement": 120}
    again = io.StringIO()
    call_command("build_scale_data", "--scale", "1", stdout=again)
    assert {model.__name__: model.objects.count() for model in MODELS} == built
    assert "1 partnerships kept" in again.getvalue()

    output = io.StringIO()
    arguments = ["--requests", "2", "--seconds", "0.4", "--workers", "1", "--port", str(free_port())]
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("bench", *arguments, stdout=output)
        return
    call_command("bench", *arguments, stdout=output)  # raises if any page answers other than 200
    table = [line for line in output.getvalue().splitlines() if line.startswith("| ")]
    assert table[0].startswith("| page | queries | KB | KB sent | median ms | p95 ms | req/s | bare req/s | of bare |")
    pages = [line.split(" | ")[0].removeprefix("| ") for line in table[1:]]
    assert pages[:6] == ["Dashboard", "Priority", "Action plan", "My actions", "Action", "Scorecard"]
    assert "Reports archive" in pages and "API actions" in pages and "API scorecard" in pages
    for line in table[1:]:
        queries = int(line.split(" | ")[1])
        assert 0 < queries < 30, line
    assert "Report PDF for " in output.getvalue() and "rendered by a worker, never in a request" in output.getvalue()

    # one page at a time, while working on it
    one = io.StringIO()
    call_command("bench", *arguments, "--page", "search", "--no-pdf", stdout=one)
    assert [line.split(" | ")[0] for line in one.getvalue().splitlines() if line.startswith("| ")][1:] == ["| Search"]
    assert "Report PDF" not in one.getvalue()
    with pytest.raises(CommandError, match="No page of that name"):
        call_command("bench", *arguments, "--page", "Nowhere", stdout=io.StringIO())


def test_the_scale_is_a_whole_number_from_1_to_100():
    with pytest.raises(CommandError, match="from 1 to 100"):
        call_command("build_scale_data", "--scale", "0")


def test_pages_travel_compressed_to_a_browser_that_asks(cast, client_for):
    client = client_for(cast.steve)
    plain = client.get(reverse("outcomes:scorecard"))
    packed = client.get(reverse("outcomes:scorecard"), HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content).decode().count("<tr") == plain.content.decode().count("<tr")
    assert len(packed.content) < len(plain.content) / 2


@pytest.mark.django_db(transaction=True)
def test_the_send_day_is_timed_with_one_then_two_workers_and_every_board_gets_its_report(settings):
    call_command("build_scale_data", "--scale", "1", "--send-day", "1", stdout=io.StringIO())
    assert Partnership.objects.filter(slug=scale.send_day_slug(0)).exists()
    output = io.StringIO()
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("bench_send_day", stdout=output)
        return
    require_redis(settings.CELERY_TEST_BROKER_URL)
    call_command(
        "bench_send_day",
        *("--broker", settings.CELERY_TEST_BROKER_URL, "--timeout", "300", "--partnerships", "1"),
        stdout=output,
    )
    printed = output.getvalue()
    assert "Send day with 1 worker: " in printed and "Send day with 2 workers: " in printed
    assert "1 reports and 30 e-mails (0 failed)" in printed
    # What the second run left: the report issued with its PDF, and one e-mail sent to each of the board.
    report = QuarterlyReport.objects.get(strategy__partnership__slug=scale.send_day_slug(0), status="sent")
    assert report.pdf and Delivery.objects.filter(report=report, status="sent").count() == scale.SEND_DAY_RECIPIENTS


def _bench_recipe() -> list[tuple[str, list[str]]]:
    """The ``manage.py`` commands of the Makefile's ``bench`` recipe, with their arguments as ``make bench``
    passes them (SCALE=100 and the send day it sizes)."""
    makefile = (Path(django_settings.BASE_DIR) / "Makefile").read_text()
    recipe = re.search(r"^bench:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    commands = []
    for line in re.findall(r"manage\.py ([^;\n]+)", recipe):
        name, *arguments = shlex.split(line.replace("$(SCALE)", "100").replace("$(SEND_DAY)", "150"))
        commands.append((name, arguments))
    return commands


def test_every_command_make_bench_runs_takes_the_arguments_it_is_given():
    commands = _bench_recipe()
    assert [name for name, _ in commands] == ["build_scale_data", "bench", "bench_send_day"]
    for name, arguments in commands:
        command = load_command_class(get_commands()[name], name)
        # argparse exits on an argument it does not know: make bench would stop there
        options = command.create_parser("manage.py", name).parse_args(arguments)
        assert options is not None, (name, arguments)
    send_day = dict(commands)["bench_send_day"]
    assert send_day == ["--partnerships", "150"]


def test_the_send_day_refuses_a_number_of_partnerships_under_one():
    with pytest.raises(CommandError, match="1 or more"):
        call_command("bench_send_day", "--partnerships", "0")
