"""The board's e-mail of an issued report: what one delivery says. The engine in ``outbound`` sends it."""

from email.utils import formataddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from neglect_portal.periods import Period
from priorities.selectors import quarter_record, report_due
from reports.models import QuarterlyReport
from reports.pdf import report_filename, stored_report_pdf
from reports.selectors import for_reader


def report_email_subject(partnership, period, version=1) -> str:
    """The subject of the board's e-mail; a corrected version's begins "Correction:" and names its version."""
    subject = f"{partnership.name}: neglect strategy report for {period}"
    return f"Correction: {subject} (version {version})" if version > 1 else subject


def delivery_message(delivery) -> EmailMultiAlternatives:
    """The board e-mail: the one-page summary in HTML and plain text, the PDF attached, a link to the page."""
    report = delivery.report
    partnership = report.strategy.partnership
    context = {
        "name": delivery.name,
        "report": report,
        "partnership": partnership,
        # The e-mail leaves the portal: anything it says of the figures is as published (decision 48).
        "data": for_reader(report.snapshot, published=True)[0] if report.snapshot else None,
        "link": f"{settings.SITE_URL}{reverse('reports:detail', args=[report.pk])}",
        "correction": (report.snapshot or {}).get("correction"),
    }
    subject = report_email_subject(partnership, report.period, report.version)
    text = render_to_string("reports/email/report.txt", context)
    message = EmailMultiAlternatives(subject, text, to=[formataddr((delivery.name, delivery.email))])
    message.attach_alternative(render_to_string("reports/email/report.html", context), "text/html")
    if report.snapshot:
        message.attach(report_filename(report.period, report.version), stored_report_pdf(report), "application/pdf")
    return message


def delivery_list_id(delivery) -> str:
    """The board's distribution list, named so mail programs can file and filter its reports (RFC 2919)."""
    partnership = delivery.report.strategy.partnership
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"{partnership.name} board reports <board-reports.{partnership.slug}.{host}>"


def sign_off_due_message(row) -> EmailMultiAlternatives | None:
    """To a business manager: the quarter's report is due but nobody has signed the quarter off.

    None (nothing to say, the row is withdrawn) once the quarter has been signed off or its report issued.
    """
    strategy = row.strategy
    period = Period.parse(row.period)
    record = quarter_record(strategy, period)
    if record is not None and record.signed_off_at is not None:
        return None
    partnership = strategy.partnership
    report = QuarterlyReport.objects.latest_versions().filter(strategy=strategy, period=period.label).first()
    link = reverse("reports:sign_off", args=[report.pk]) if report else reverse("reports:start")
    context = {
        "name": row.user.get_full_name() or row.user.email,
        "partnership": partnership,
        "strategy": strategy,
        "period": period,
        "due": report_due(partnership, period),
        "report": report,
        "link": f"{settings.SITE_URL}{link}",
    }
    subject = f"{partnership.short_name or partnership.name}: the {period} report is due but not signed off"
    text = render_to_string("reports/email/sign_off_due.txt", context)
    return EmailMultiAlternatives(subject, text, to=[formataddr((context["name"], row.user.email))])
