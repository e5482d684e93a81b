"""Limits on sign-in and password-reset attempts per address and per account, kept in the cache.

A fixed window of RATE_LIMIT_WINDOW seconds: the attempt that passes the limit, and every one after
it in the window, is answered 429 with Retry-After. Keys are hashed, so no address lands in the cache.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

from accounts.audit import client_address


def _over(scope, value, limit, window):
    """Count one attempt; the seconds left in the window when over ``limit``, else None."""
    now = time.time()
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()
    key = f"ratelimit:{scope}:{digest}:{int(now // window)}"
    cache.add(key, 0, window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window + 1)
        count = 1
    if count > limit:
        return max(1, int(window - now % window))
    return None


def limited(request, scope, account, per_address, per_account):
    """Seconds to wait when this address or this account has made too many attempts, else None."""
    window = settings.RATE_LIMIT_WINDOW
    waits = [_over(f"{scope}:address", client_address(request) or "unknown", per_address, window)]
    if account:
        waits.append(_over(f"{scope}:account", account.strip().lower(), per_account, window))
    waits = [wait for wait in waits if wait]
    return max(waits) if waits else None


def too_many_attempts(request, retry_after):
    response = TemplateResponse(
        request,
        "registration/too_many_attempts.html",
        {"minutes": max(1, round(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response
