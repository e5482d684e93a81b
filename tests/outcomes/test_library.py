"""The safeguarding indicator library: its definitions, its pages, and adopting a definition.

Alice (business manager) and Steve (steering group) may adopt; Sam, Lee and Bea may read the library
but adopting answers 403 and changes nothing. Charlie adopts for Southshire, which leaves Northshire alone.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from outcomes.library import definitions
from outcomes.library.definitions import DEFINITIONS, THEMES, definition_for
from outcomes.models import Indicator, Polarity, Unit
from tests import factories as f
from tests.outcomes.helpers import text

RATE = "CPP-NEG-RATE"


def adopt(client, code=RATE):
    return client.post(reverse("outcomes:library_adopt", args=[code]))


def test_the_library_has_at_least_25_definitions_each_with_a_source_and_why_it_matters():
    assert len(DEFINITIONS) >= 25
    for definition in DEFINITIONS:
        assert definition.source.publisher and definition.source.collection, definition.code
        assert definition.why_it_matters and definition.definition, definition.code
        assert definition.source.url == "" or definition.source.url.startswith("https://"), definition.code
        assert len(definition.code) <= Indicator._meta.get_field("code").max_length, definition.code
        assert definition.theme in THEMES


def test_the_codes_are_unique_and_every_theme_has_a_definition():
    assert len({d.code for d in DEFINITIONS}) == len(DEFINITIONS)
    assert {d.theme for d in DEFINITIONS} == set(THEMES)


def test_a_rate_or_percentage_names_its_numerator_and_denominator():
    for definition in DEFINITIONS:
        if definition.unit in (Unit.PERCENTAGE, Unit.RATE_PER_10K):
            assert definition.numerator and definition.denominator, definition.code


@pytest.mark.parametrize(
    "code",
    [
        "CIN-REF-RATE",
        "CIN-REREF-12M",
        "CIN-ASSESS-NEG",
        "CPP-NEG-SHARE",
        "CPP-NEG-RATE",
        "CPP-NEG-REPEAT",
        "GCP2-EH",
        "EH-NEG-ASSESS",
        "PERSISTENT-ABS",
        "SUSPENSION-RATE",
        "PERM-EXCL-RATE",
        "HV-NEW-BIRTH",
        "HV-6-8-WEEK",
        "HV-12-MONTH",
        "HV-2-YEAR",
        "DENTAL-EXTRACT",
        "AUDIT-GOOD",
        "PRACTITIONER-SURVEY",
        "NEG-CONFIDENCE",
    ],
)
def test_the_library_covers_the_national_collections_and_local_measures_partnerships_report(code):
    assert definition_for(code) is not None


def test_the_national_collections_are_named_with_their_publisher():
    assert definition_for("CPP-NEG-RATE").source.publisher == "Department for Education"
    assert "Children in Need census" in definition_for("CIN-REREF-12M").source.collection
    assert "OHID" in definition_for("HV-NEW-BIRTH").source.publisher
    assert "OHID" in definition_for("DENTAL-EXTRACT").source.publisher


def test_the_library_holds_definitions_not_published_figures():
    # Thresholds belong to a definition ("10% or more of sessions"); a published figure would be a decimal.
    for definition in DEFINITIONS:
        words = " ".join((definition.definition, definition.why_it_matters, definition.name, definition.numerator))
        assert not re.search(r"\d+\.\d+", words), definition.code


def test_adopting_creates_an_indicator_linked_to_its_definition(cast, client_for):
    response = adopt(client_for(cast.alice))
    indicator = Indicator.objects.get(partnership=cast.partnership, library_code=RATE)
    assert response.status_code == 302
    assert response.url == reverse("outcomes:indicator", args=[indicator.pk])
    definition = definition_for(RATE)
    assert (indicator.code, indicator.name) == (RATE, definition.name)
    assert (indicator.unit, indicator.polarity) == (Unit.RATE_PER_10K, Polarity.LOWER_BETTER)
    assert indicator.rba_category == definition.rba_category and indicator.frequency == definition.frequency
    assert indicator.amber_tolerance == Decimal("3")
    assert definition.numerator in indicator.definition and "Children in Need census" in indicator.definition
    assert indicator.target is None and indicator.baseline is None
    assert indicator.history.first().history_user == cast.alice


def test_the_indicator_page_says_which_library_definition_it_came_from(cast, client_for):
    client = client_for(cast.steve)
    page = client.get(adopt(client).url, follow=True)
    assert "has been added to your indicators from the library" in text(page)
    assert "From the library: " + definition_for(RATE).name in text(page)
    assert reverse("outcomes:library_definition", args=[RATE]) in page.content.decode()


def test_adopting_a_definition_again_says_so_and_adds_nothing(cast, client_for):
    client = client_for(cast.alice)
    first = adopt(client)
    second = adopt(client)
    assert second.url == first.url
    assert Indicator.objects.filter(partnership=cast.partnership, library_code=RATE).count() == 1
    page = client.get(second.url)
    assert "is already adopted by Northshire Safeguarding Children Partnership, as CPP-NEG-RATE" in text(page)


def test_an_existing_indicator_linked_to_a_definition_counts_as_adopting_it(cast, client_for):
    existing = f.IndicatorFactory(partnership=cast.partnership, code="NS-05", library_code=RATE)
    response = adopt(client_for(cast.alice))
    assert response.url == reverse("outcomes:indicator", args=[existing.pk])
    assert Indicator.objects.filter(partnership=cast.partnership).count() == 1


def test_a_withdrawn_adoption_can_be_adopted_again(cast, client_for):
    client = client_for(cast.alice)
    adopt(client)
    withdrawn = Indicator.objects.get(library_code=RATE)
    Indicator.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    adopt(client)
    assert Indicator.objects.current().get(library_code=RATE).pk != withdrawn.pk


def test_a_code_taken_by_another_indicator_is_refused_at_the_code_and_nothing_is_added(cast, client_for):
    f.IndicatorFactory(partnership=cast.partnership, code=RATE, name="Our own rate")
    response = adopt(client_for(cast.alice))
    assert response.status_code == 200
    assert "The partnership already has an indicator with the code CPP-NEG-RATE" in text(response)
    assert not Indicator.objects.exclude(library_code="").exists()


@pytest.mark.parametrize("who", ["sam", "lee", "bea"])
def test_members_who_cannot_add_indicators_cannot_adopt(cast, client_for, who):
    client = client_for(getattr(cast, who))
    assert adopt(client).status_code == 403
    assert not Indicator.objects.exists()
    page = client.get(reverse("outcomes:library_definition", args=[RATE]))
    assert page.status_code == 200 and "Adopt this indicator" not in text(page)


def test_adopting_in_one_partnership_does_not_adopt_it_in_another(cast, client_for):
    adopt(client_for(cast.charlie))
    assert Indicator.objects.get(library_code=RATE).partnership == cast.other
    page = client_for(cast.alice).get(reverse("outcomes:library_definition", args=[RATE]))
    assert "Adopt this indicator" in text(page) and "has adopted this definition" not in text(page)


def test_an_unknown_definition_is_not_found(cast, client_for):
    client = client_for(cast.alice)
    assert client.get(reverse("outcomes:library_definition", args=["NOPE"])).status_code == 404
    assert adopt(client, "NOPE").status_code == 404
    assert not Indicator.objects.exists()


def test_adopting_is_a_post(cast, client_for):
    assert client_for(cast.alice).get(reverse("outcomes:library_adopt", args=[RATE])).status_code == 405


def test_the_library_page_shows_which_definitions_the_partnership_adopted(cast, client_for):
    mine = f.IndicatorFactory(partnership=cast.partnership, code="NS-05", name="Our CP rate", library_code=RATE)
    f.IndicatorFactory(partnership=cast.other, code="SS-1", name="Their repeat plans", library_code="CPP-NEG-REPEAT")
    page = client_for(cast.bea).get(reverse("outcomes:library"))
    words = text(page)
    assert f"has adopted 1 of the {len(DEFINITIONS)} definitions" in words
    assert "Adopted as NS-05 Our CP rate" in words
    assert reverse("outcomes:indicator", args=[mine.pk]) in page.content.decode()
    assert "Their repeat plans" not in words
    assert words.count("Not adopted") == len(DEFINITIONS) - 1


def test_the_library_is_filtered_by_theme(cast, client_for):
    client = client_for(cast.lee)
    page = client.get(reverse("outcomes:library"), {"theme": "health"})
    words = text(page)
    assert "New birth visits by a health visitor within 14 days" in words
    assert definition_for(RATE).name not in words
    assert page.context["rows"] and all(row.definition.theme.slug == "health" for row in page.context["rows"])


def test_an_unknown_theme_is_explained_and_the_whole_library_shown(cast, client_for):
    page = client_for(cast.lee).get(reverse("outcomes:library"), {"theme": "astrology"})
    assert page.status_code == 200
    assert "Choose a theme from the list" in text(page)
    assert len(page.context["rows"]) == len(DEFINITIONS)


def test_a_definition_page_shows_every_field_and_its_source(cast, client_for):
    page = client_for(cast.bea).get(reverse("outcomes:library_definition", args=["HV-12-MONTH"]))
    words = text(page)
    definition = definition_for("HV-12-MONTH")
    for shown in (definition.definition, definition.numerator, definition.denominator, definition.why_it_matters):
        assert shown in words
    assert "Percentage" in words and "Higher is better" in words and "How well did we do it?" in words
    assert "5 in the indicator's units" in words
    assert f'href="{definition.source.url}"' in page.content.decode()


def test_the_library_reads_the_same_number_of_queries_whatever_is_adopted(
    cast, client_for, django_assert_max_num_queries
):
    client = client_for(cast.alice)
    client.get(reverse("outcomes:library"))  # the session's first page settles its own queries
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("outcomes:library"))
    for number, definition in enumerate(DEFINITIONS):
        f.IndicatorFactory(partnership=cast.partnership, code=f"N-{number}", library_code=definition.code)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("outcomes:library"))
    assert "Not adopted" not in text(page)


def test_the_version_is_shown_on_the_library_page(cast, client_for):
    assert f"Library version {definitions.VERSION}" in text(client_for(cast.alice).get(reverse("outcomes:library")))
