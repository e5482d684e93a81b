"""Security headers on pages, the API and downloads; nothing signed-in is kept by a browser or proxy."""

import re

from django.core.management import call_command
from django.urls import reverse


def assert_common(response):
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy or "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_signed_in_page_has_the_headers_a_nonce_on_its_scripts_and_is_not_stored(client, cast):
    client.force_login(cast.sam)
    response = client.get(reverse("accounts:home"))
    assert_common(response)
    assert response["Cache-Control"] == "no-store, private"
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    page = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert len(inline) == 2 and all(f'nonce="{nonce}"' in tag for tag in inline)  # GOV.UK Frontend's snippets
    assert " style=" not in page


def test_the_dashboards_brag_bars_carry_no_style_attributes(client, cast):
    client.force_login(cast.steve)
    page = client.get(reverse("accounts:home")).content.decode()
    assert '<svg class="app-brag-bar"' in page and "<rect" in page and "style=" not in page


def test_the_sign_in_page_has_the_headers(client, db):
    assert_common(client.get(reverse("accounts:login")))


def test_the_api_has_the_headers_and_is_not_stored(cast, client):
    client.force_login(cast.sam)
    response = client.get("/api/v1/actions/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert "Permissions-Policy" in response and response["X-Content-Type-Options"] == "nosniff"


def test_a_download_is_not_stored(client, cast):
    client.force_login(cast.steve)
    response = client.get(reverse("spreadsheets:action_plan_export"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"] == "no-store, private"


def test_production_uses_host_prefixed_cookies_hsts_and_refuses_the_demo_code(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///var/check.sqlite3")
    monkeypatch.setenv("ALLOWED_HOSTS", "portal.example.org")
    production = importlib.import_module("neglect_portal.settings.production")
    production = importlib.reload(production)
    assert production.SESSION_COOKIE_NAME == "__Host-sessionid"
    assert production.CSRF_COOKIE_NAME == "__Host-csrftoken"
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.DEMO_SECOND_FACTOR is False
    monkeypatch.setenv("DEMO_SECOND_FACTOR", "true")
    try:
        importlib.reload(production)
    except Exception as error:  # ImproperlyConfigured
        assert "DEMO_SECOND_FACTOR" in str(error)
    else:
        raise AssertionError("production started with the demo code on")


def test_the_deployment_check_refuses_the_demo_code(settings, capsys):
    import pytest
    from django.core.management.base import SystemCheckError

    settings.DEMO_SECOND_FACTOR = True
    with pytest.raises(SystemCheckError, match="DEMO_SECOND_FACTOR"):
        call_command("check", "--deploy", "--tag", "security")
