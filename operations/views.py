"""``/health/``: 200 when every part is up, 503 naming the parts that are down.

Open to anyone (monitors and load balancers do not sign in), so the answer says only each
part's name and state. A request carrying ``Authorization: Bearer <HEALTH_CHECK_TOKEN>``
also gets what each part reported and how long it took.
"""

import asyncio
import hmac

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from health_check.views import HealthCheckView, MediaType

from operations.health import SERVICE_PARTS, WEB_PARTS


class HealthView(HealthCheckView):
    """Every part the service needs: database, cache, broker, a worker, beat, media disk."""

    checks = SERVICE_PARTS

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            self.results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        down = [repr(result.check) for result in self.results if result.error]
        status = 503 if down else 200
        parts = {repr(result.check): self._part(result, _is_trusted(request)) for result in self.results}
        if _wants_json(request):
            answer = {"status": "unavailable" if down else "ok", "down": down, "parts": parts}
            response = JsonResponse(answer, status=status)
        else:
            response = HttpResponse(_as_text(down, parts), content_type="text/plain; charset=utf-8", status=status)
        # Each part that is down was logged as a warning. Django would log a 503 again as a server
        # error, e-mailing ADMINS and reporting to Sentry at every probe of a monitor.
        response._has_been_logged = True
        return response

    @staticmethod
    def _part(result, detailed: bool) -> dict:
        check = result.check
        part = {"status": "unavailable" if result.error else ("ok" if check.used else "not used")}
        if not check.used and not result.error:
            part["note"] = check.detail  # why this installation does without it: nothing secret
        if detailed:
            part["detail"] = result.error.message if result.error else check.detail
            part["seconds"] = round(result.time_taken, 3)
        return part


class WebHealthView(HealthView):
    """What one web process needs to serve pages, for a load balancer: database, cache, media disk."""

    checks = WEB_PARTS


def _is_trusted(request) -> bool:
    token = settings.HEALTH_CHECK_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def _wants_json(request) -> bool:
    if request.GET.get("format") in ("json", "text"):
        return request.GET["format"] == "json"
    try:
        accepted = [media.mime_type for media in MediaType.parse_header(request.headers.get("Accept", "*/*"))]
    except ValueError:
        return False
    for mime_type in accepted:
        if mime_type in ("text/plain", "text/*", "text/html", "*/*"):
            return False
        if mime_type in ("application/json", "application/*"):
            return True
    return False


def _as_text(down: list[str], parts: dict) -> str:
    lines = [f"Unavailable: {', '.join(down)}" if down else "OK"]
    for name, part in parts.items():
        line = f"{name}: {part['status']}"
        if "note" in part and "detail" not in part:
            line += f" ({part['note']})"
        if "detail" in part:
            line += f" ({part['detail']}; {part['seconds']} s)"
        lines.append(line)
    return "\n".join(lines) + "\n"
