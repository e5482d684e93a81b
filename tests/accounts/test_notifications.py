"""The page where each person chooses how to hear of alerts: straight away, a daily digest, or not by e-mail."""

import re

from django.urls import reverse

from accounts.models import AlertDelivery

PAGE = "accounts:notifications"


def test_a_visitor_is_asked_to_sign_in_and_nothing_changes(client, cast):
    response = client.post(reverse(PAGE), {"alert_delivery": AlertDelivery.NONE})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    cast.lee.refresh_from_db()
    assert cast.lee.alert_delivery == AlertDelivery.IMMEDIATELY


def test_the_account_page_links_to_the_choice_and_says_what_it_is(client_for, cast):
    page = client_for(cast.lee).get(reverse("accounts:account")).content.decode()
    assert reverse(PAGE) in page
    assert "Alerts by e-mail" in page and "Straight away" in page


def test_each_person_starts_with_alerts_straight_away_and_sees_the_three_choices(client_for, cast):
    page = client_for(cast.sam).get(reverse(PAGE)).content.decode()
    assert "How do you want to hear of alerts?" in page
    assert re.search(r'value="immediately"\s+checked', page)
    for words in ("Straight away", "In a daily digest", "Not by e-mail"):
        assert words in page


def test_a_person_chooses_the_daily_digest_for_themselves_only(client_for, cast):
    response = client_for(cast.lee).post(reverse(PAGE), {"alert_delivery": AlertDelivery.DAILY})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:account")
    cast.lee.refresh_from_db()
    cast.sam.refresh_from_db()
    assert cast.lee.alert_delivery == AlertDelivery.DAILY
    assert cast.sam.alert_delivery == AlertDelivery.IMMEDIATELY
    page = client_for(cast.lee).get(reverse("accounts:account")).content.decode()
    assert "Alerts by e-mail: in a daily digest." in page


def test_a_person_of_another_partnership_changes_only_their_own_choice(client_for, cast):
    client_for(cast.charlie).post(reverse(PAGE), {"alert_delivery": AlertDelivery.NONE, "user": cast.lee.pk})
    cast.charlie.refresh_from_db()
    cast.lee.refresh_from_db()
    assert cast.charlie.alert_delivery == AlertDelivery.NONE
    assert cast.lee.alert_delivery == AlertDelivery.IMMEDIATELY


def test_no_choice_or_an_unknown_one_is_refused_with_a_message_naming_the_field(client_for, cast):
    client = client_for(cast.lee)
    for data in ({}, {"alert_delivery": "hourly"}):
        response = client.post(reverse(PAGE), data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "There is a problem" in page
        assert 'href="#id_alert_delivery' in page
        assert "Choose how you want to hear of alerts" in page
    cast.lee.refresh_from_db()
    assert cast.lee.alert_delivery == AlertDelivery.IMMEDIATELY
