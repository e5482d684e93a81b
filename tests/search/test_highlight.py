"""Marking the matched words never lets the text itself through as markup."""

from search.highlight import START, STOP, excerpt, highlight, marked, with_ellipses


def test_marks_become_mark_elements_and_everything_else_is_escaped():
    text = f"<script>x</script> {START}neglect{STOP} & {START}<b>{STOP} {START}unclosed"
    assert marked(text) == "&lt;script&gt;x&lt;/script&gt; <mark>neglect</mark> &amp; <mark>&lt;b&gt;</mark> unclosed"


def test_words_are_found_ignoring_case_and_the_text_escaped():
    assert highlight("Neglect & <NEGLECT>", ["neglect"]) == "<mark>Neglect</mark> &amp; &lt;<mark>NEGLECT</mark>&gt;"
    assert highlight("a.b (c)", ["."]) == "a<mark>.</mark>b (c)"
    assert highlight("no words", []) == "no words"


def test_text_holding_the_marks_themselves_is_not_taken_for_a_match():
    assert highlight(f"{START}toolkit{STOP} neglect", ["neglect"]) == "toolkit <mark>neglect</mark>"


def test_a_long_text_is_cut_around_its_first_match():
    text = "a " * 200 + "neglect " + "b " * 200
    cut = excerpt(text, ["neglect"], length=60)
    assert cut.startswith("…") and cut.endswith("…") and "neglect" in cut and len(cut) <= 62
    assert excerpt("short text", ["neglect"]) == "short text"


def test_a_passage_cut_from_inside_a_text_says_so():
    assert with_ellipses("middle part here", "start of it. middle part here. end of it.") == "… middle part here …"
    assert with_ellipses("start of it", "start of it") == "start of it"
