"""API throttles: one rate per signed-in person, one per anonymous address (429 with Retry-After).

The rates are read from the settings when a request arrives, so a deployment (or a test) can change them.
"""

from django.conf import settings
from rest_framework import throttling

from accounts.audit import client_address


class PersonRateThrottle(throttling.UserRateThrottle):
    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["user"]

    def get_ident(self, request):
        return client_address(request) or "unknown"


class AddressRateThrottle(throttling.AnonRateThrottle):
    def get_rate(self):
        return settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]

    def get_ident(self, request):
        return client_address(request) or "unknown"
