"""A document is rendered with the garbage collector running less often, and the process gets its own
setting back afterwards, whatever happens (decision 58)."""

import gc
import threading

import pytest

from reports import pdf
from reports.pdf import RENDERING_GC_THRESHOLD, collector_unhurried


@pytest.fixture
def usual_threshold():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield (700, 10, 10)
    gc.set_threshold(*before)


def test_a_render_runs_with_the_collector_unhurried_and_gives_the_setting_back(usual_threshold, monkeypatch):
    seen = []
    real = pdf.HTML.write_pdf

    def write_pdf(self, *args, **kwargs):
        seen.append(gc.get_threshold())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pdf.HTML, "write_pdf", write_pdf)
    pdf._pdf_of.cache_clear()
    document = pdf._pdf_of("<html lang='en'><title>t</title><p>A short document.</p></html>")
    assert document.startswith(b"%PDF")
    assert seen == [RENDERING_GC_THRESHOLD]
    assert gc.get_threshold() == usual_threshold


def test_the_setting_comes_back_after_a_render_that_fails(usual_threshold):
    with pytest.raises(RuntimeError), collector_unhurried():
        assert gc.get_threshold() == RENDERING_GC_THRESHOLD
        raise RuntimeError("the render failed")
    assert gc.get_threshold() == usual_threshold


def test_two_renders_at_once_keep_it_unhurried_until_the_last_ends(usual_threshold):
    first_in, release = threading.Event(), threading.Event()
    during = []

    def first():
        with collector_unhurried():
            first_in.set()
            release.wait(5)
            during.append(gc.get_threshold())

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with collector_unhurried():
        pass
    # the second render ended while the first still runs: the first keeps the collector unhurried
    assert gc.get_threshold() == RENDERING_GC_THRESHOLD
    release.set()
    thread.join(5)
    assert during == [RENDERING_GC_THRESHOLD]
    assert gc.get_threshold() == usual_threshold
