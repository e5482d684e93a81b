"""Sessions in the database, each row knowing whose it is (SESSION_ENGINE = "accounts.session_store").

The person, address, browser and times are copied from the session's data into columns whenever
the session is saved, so a person's sessions can be listed and ended without reading every session.
"""

import datetime

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
ADDRESS = "address"
BROWSER = "browser"


def _when(seconds):
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC) if seconds else None


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from accounts.models_security import PersonSession

        return PersonSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        try:
            instance.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            instance.user_id = None
        instance.ip_address = data.get(ADDRESS) or None
        instance.user_agent = (data.get(BROWSER) or "")[:300]
        instance.signed_in_at = _when(data.get(SIGNED_IN_AT))
        instance.last_seen_at = _when(data.get(LAST_SEEN)) or timezone.now()
        return instance
