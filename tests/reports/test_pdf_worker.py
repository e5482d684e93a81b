"""The report's PDF is rendered by a worker, never inside a web request; pages serve the stored file or wait for it."""

import copy
import io
import re
import threading

import pytest
from django.core.files.storage import default_storage
from django.core.signals import request_finished, request_started
from django.urls import reverse
from pypdf import PdfReader
from weasyprint import HTML

from reports import services, tasks
from reports.models import QuarterlyReport
from reports.pdf import EXCEPTIONS_IN_FULL, _pdf_of, report_pdf, with_appendix
from tests.reports.conftest import QUARTER, REPORT_DAY, membership_of, signed_off


@pytest.fixture
def no_pdf_in_requests(monkeypatch):
    """WeasyPrint refuses to render while a web request is being handled, and the test fails."""
    state = threading.local()
    calls = {"in_request": 0, "outside": 0}
    real_write_pdf = HTML.write_pdf
    _pdf_of.cache_clear()  # a document this process rendered for an earlier test would not be rendered again

    def started(**kwargs):
        state.active = True

    def finished(**kwargs):
        state.active = False

    def write_pdf(self, *args, **kwargs):
        if getattr(state, "active", False):
            calls["in_request"] += 1
            raise AssertionError("WeasyPrint was called inside a web request")
        calls["outside"] += 1
        return real_write_pdf(self, *args, **kwargs)

    request_started.connect(started, dispatch_uid="no-pdf-started")
    request_finished.connect(finished, dispatch_uid="no-pdf-finished")
    monkeypatch.setattr(HTML, "write_pdf", write_pdf)
    yield calls
    request_started.disconnect(dispatch_uid="no-pdf-started")
    request_finished.disconnect(dispatch_uid="no-pdf-finished")
    assert calls["in_request"] == 0


@pytest.fixture
def asked(monkeypatch):
    """The broker: what the pages ask the workers to render (the test then plays the worker)."""
    asked = []
    for task in (tasks.render_report_pdf, tasks.render_draft_pdf):
        monkeypatch.setattr(task, "apply_async", lambda args, task=task, **kwargs: asked.append((task.name, args)))
    return asked


def pdf_text(content):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def test_issuing_asks_a_worker_for_the_pdf_and_the_page_waits_for_it_then_serves_the_file(
    world, client_for, no_pdf_in_requests, asked, django_capture_on_commit_callbacks
):
    draft = services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)
    signed_off(world)
    client = client_for(world.steve)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("reports:issue", args=[draft.pk])).status_code == 302
    assert asked == [("reports.tasks.render_report_pdf", (draft.pk,))]
    draft.refresh_from_db()
    assert draft.status == "issued" and not draft.pdf

    waiting = client.get(reverse("reports:pdf", args=[draft.pk]))
    body = waiting.content.decode()
    assert waiting.status_code == 200 and waiting["Content-Type"].startswith("text/html")
    assert 'data-app-refresh="3"' in body and "http-equiv" not in body and "is being prepared" in body
    assert "check now" in body and "no-store" in waiting["Cache-Control"]

    tasks.render_report_pdf.run(draft.pk)  # the worker, outside any request
    assert no_pdf_in_requests["outside"] == 1
    draft.refresh_from_db()
    assert draft.pdf

    ready = client.get(reverse("reports:pdf", args=[draft.pk]) + "?waiting=1").content.decode()
    assert "is ready" in ready and "data-app-refresh" not in ready and "Download the PDF" in ready
    served = client.get(reverse("reports:pdf", args=[draft.pk]))
    assert served["Content-Type"] == "application/pdf"
    assert 'filename="northshire-neglect-report-2026-27-Q2.pdf"' in served["Content-Disposition"]
    assert served.content.startswith(b"%PDF")


def test_a_drafts_pdf_is_prepared_on_request_and_again_when_the_draft_changes(
    world, client_for, no_pdf_in_requests, asked
):
    draft = services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)
    client = client_for(world.steve)
    url = reverse("reports:pdf", args=[draft.pk])
    assert "is being prepared from the draft" in client.get(url).content.decode()
    assert "is being prepared" in client.get(url).content.decode()  # asked once, not at every reload
    assert len(asked) == 1
    tasks.render_draft_pdf.run(*asked[0][1])
    first = client.get(url).content
    assert "Draft: not issued" in pdf_text(first)

    services.report_update_commentary(membership_of(world.steve), draft, going_well="Health visitors are back.")
    assert "is being prepared" in client.get(url).content.decode()
    assert len(asked) == 2
    tasks.render_draft_pdf.run(*asked[1][1])
    second = client.get(url).content
    assert "Health visitors are back." in pdf_text(second)
    # Only the draft as it is now is kept.
    assert (
        len([n for n in default_storage.listdir("reports/drafts")[1] if n.startswith(f"northshire-{draft.pk}-")]) == 1
    )


def test_a_board_member_cannot_ask_for_a_drafts_pdf(world, client_for, no_pdf_in_requests):
    draft = services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)
    assert client_for(world.bea).get(reverse("reports:pdf", args=[draft.pk])).status_code == 403


def test_an_issued_pdf_missing_from_the_store_is_rendered_again_by_a_worker(
    world, client_for, no_pdf_in_requests, asked, django_capture_on_commit_callbacks
):
    draft = services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)
    signed_off(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_issue(membership_of(world.steve), draft, today=REPORT_DAY)
    services.report_pdf_store(draft.pk)
    draft.refresh_from_db()
    draft.pdf.storage.delete(draft.pdf.name)
    page = client_for(world.bea).get(reverse("reports:pdf", args=[draft.pk]))
    assert "is being prepared" in page.content.decode()
    assert asked[-1] == ("reports.tasks.render_report_pdf", (draft.pk,))
    assert services.report_pdf_store(draft.pk)
    assert QuarterlyReport.objects.get(pk=draft.pk).pdf


def _with_many_exceptions(data, count):
    data = copy.deepcopy(data)
    model = data["priorities"][0]["exceptions"][0]
    data["priorities"][0]["exceptions"] = [
        {
            **model,
            "reference": f"P1.{100 + n}",
            "title": f"Action number {n}",
            "latest_update": {**(model.get("latest_update") or {}), "narrative": f"Narrative of action {n}"}
            if model.get("latest_update")
            else None,
        }
        for n in range(count)
    ]
    return data


def test_exceptions_beyond_the_twenty_most_serious_go_to_a_compact_appendix_without_narratives(world):
    report = services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)
    data = _with_many_exceptions(report.snapshot, EXCEPTIONS_IN_FULL + 5)
    split = with_appendix(data)
    assert len(split["priorities"][0]["exceptions"]) == EXCEPTIONS_IN_FULL
    assert [a["reference"] for a in split["appendix"][0]["actions"]] == [f"P1.{120 + n}" for n in range(5)]

    text = pdf_text(report_pdf(data))
    assert "Appendix: further off-track, at-risk and overdue actions" in text
    assert "5 more off track, at risk or overdue: listed in the appendix." in text
    assert "P1.124" in text and "Action number 24" in text
    assert "Narrative of action 19" in text or data["priorities"][0]["exceptions"][0]["latest_update"] is None
    assert "Narrative of action 24" not in text


def test_the_appendix_is_compact_a_line_an_action_without_narrative_and_many_to_a_page(world):
    report = services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)
    few = PdfReader(io.BytesIO(report_pdf(_with_many_exceptions(report.snapshot, EXCEPTIONS_IN_FULL + 1))))
    data = _with_many_exceptions(report.snapshot, EXCEPTIONS_IN_FULL + 241)
    many = PdfReader(io.BytesIO(report_pdf(data)))
    # 240 more lines take at most 5 more pages: about 50 actions a page, however long the appendix grows.
    assert len(many.pages) - len(few.pages) <= 5
    appendix = " ".join(" ".join(page.extract_text().split()) for page in many.pages[len(few.pages) - 1 :])
    # reference and title, status, lead and agency, due date
    assert re.search(r"P1\.360 · Action number 260 · [A-Z][^·]+ · [^·]+, [^·]+ · due \d", appendix), appendix[-600:]
    assert "Narrative of action" not in appendix


def test_a_report_with_few_exceptions_has_no_appendix(world):
    report = services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)
    assert with_appendix(report.snapshot)["appendix"] == []
    assert "Appendix" not in pdf_text(report_pdf(report.snapshot))


def test_the_report_page_tells_the_same_exceptions_in_full_and_lists_the_rest_in_its_appendix(world, client_for):
    report = services.report_start(membership_of(world.steve), world.strategy, QUARTER, today=REPORT_DAY)
    QuarterlyReport.objects.filter(pk=report.pk).update(
        snapshot=_with_many_exceptions(report.snapshot, EXCEPTIONS_IN_FULL + 5)
    )
    page = client_for(world.steve).get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Appendix: further off-track, at-risk and overdue actions" in page
    assert "5 more off track, at risk or overdue: listed in the appendix." in page
    assert "P1.124" in page and "Narrative of action 24" not in page
