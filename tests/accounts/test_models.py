"""A partnership's agencies: one rule, ``Agency.objects.of_partnership``."""

from accounts.models import Agency


def test_a_partnership_offers_only_its_own_agencies_by_name(cast):
    names = ["Northshire Council", "Northshire ICB", "Northshire Police"]
    assert [a.name for a in Agency.objects.of_partnership(cast.partnership)] == names
    assert [a.name for a in Agency.objects.of_partnership(cast.partnership.pk)] == names
    assert list(Agency.objects.of_partnership(cast.other)) == [cast.other_agency]
