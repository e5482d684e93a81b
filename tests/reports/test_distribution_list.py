"""The board distribution list in Settings: people with or without an account, and the next e-mail previewed."""

from django.urls import reverse

from reports.models import Recipient


def add(client, **data):
    return client.post(
        reverse("settings:distribution_list"), {"name": "", "email": "", "organisation": "", "user": "", **data}
    )


def test_the_business_manager_adds_people_with_and_without_an_account_and_sees_the_next_email(cast, client_for):
    client = client_for(cast.alice)
    assert add(client, name="Jo Chair", email="jo.chair@example.org", organisation="Independent").status_code == 302
    assert add(client, name="Bea Example", email="bea@example.org", user=cast.bea.pk).status_code == 302
    page = client.get(reverse("settings:distribution_list")).content.decode()
    assert "Jo Chair" in page and "Independent" in page and "Bea Example" in page
    assert "Northshire Safeguarding Children Partnership: neglect strategy report for" in page
    assert "is due to go on" in page and "to 2 people" in page
    assert Recipient.objects.get(email="bea@example.org").user == cast.bea


def test_a_duplicate_address_or_a_missing_name_is_refused_on_the_field(cast, client_for):
    client = client_for(cast.alice)
    add(client, name="Jo Chair", email="jo.chair@example.org")
    page = add(client, name="Jo Again", email="JO.CHAIR@example.org").content.decode()
    assert "already on the board distribution list" in page
    page = add(client, name="", email="nobody").content.decode()
    assert "Enter the person&#x27;s name" in page and "Enter an e-mail address like name@example.org" in page
    assert Recipient.objects.count() == 1


def test_someone_of_another_partnership_cannot_be_linked(cast, client_for):
    page = add(client_for(cast.alice), name="Charlie", email="c@example.org", user=cast.charlie.pk).content.decode()
    assert "There is a problem" in page and not Recipient.objects.exists()


def test_a_removed_recipient_is_kept_and_can_be_put_back(cast, client_for):
    client = client_for(cast.alice)
    add(client, name="Jo Chair", email="jo.chair@example.org")
    recipient = Recipient.objects.get()
    assert client.post(reverse("settings:recipient_remove", args=[recipient.pk])).status_code == 302
    assert not Recipient.objects.get().is_active
    assert "Removed from the list (1)" in client.get(reverse("settings:distribution_list")).content.decode()
    add(client, name="Jo Chair", email="jo.chair@example.org", organisation="Council")
    assert Recipient.objects.get().is_active and Recipient.objects.count() == 1


def test_a_scottish_partnership_s_send_date_skips_scotland_s_bank_holidays(cast):
    import datetime

    from neglect_portal.periods import Period
    from reports.selectors import send_date

    quarter = Period.parse("2025/26 Q3")  # ends on 31 December 2025
    cast.partnership.report_send_working_days = 1
    assert send_date(cast.partnership, quarter) == datetime.date(2026, 1, 2)
    cast.partnership.bank_holiday_region = "SCT"  # 2 January is a bank holiday there
    assert send_date(cast.partnership, quarter) == datetime.date(2026, 1, 5)
