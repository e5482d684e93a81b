import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["api-docs", "api-docs-swagger"])
def test_the_api_documentation_is_served_from_our_own_static_files(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<script src="/static/drf_spectacular_sidecar/' in page
    assert "cdn.jsdelivr.net" not in page and "unpkg.com" not in page


def test_the_api_schema_is_served(client, db):
    response = client.get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"Neglect Strategy Portal API" in response.content
    assert b"ActionStatusEnum" in response.content
