"""An indicator adopted from the library says so through the API; the API cannot set the link."""

from outcomes.models import Indicator
from tests import factories as f


def test_an_adopted_indicator_gives_its_library_code_and_a_posted_one_cannot_claim_it(cast, api_for):
    adopted = f.IndicatorFactory(partnership=cast.partnership, code="NS-05", library_code="CPP-NEG-RATE")
    client = api_for(cast.alice)
    assert client.get(f"/api/v1/indicators/{adopted.pk}/").json()["library_code"] == "CPP-NEG-RATE"

    posted = client.post(
        "/api/v1/indicators/",
        {"code": "NS-06", "name": "Our own", "rba_category": "how_much", "library_code": "CPP-NEG-REPEAT"},
        format="json",
    )
    assert posted.status_code == 201, posted.content
    assert posted.json()["library_code"] == ""
    assert Indicator.objects.get(code="NS-06").library_code == ""
