"""The board's e-mail of an issued report: what one delivery says. The engine in ``outbound`` sends it."""

from email.utils import formataddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from reports.pdf import report_filename, stored_report_pdf


def report_email_subject(partnership, period) -> str:
    return f"{partnership.name}: neglect strategy report for {period}"


def delivery_message(delivery) -> EmailMultiAlternatives:
    """The board e-mail: the one-page summary in HTML and plain text, the PDF attached, a link to the page."""
    report = delivery.report
    partnership = report.strategy.partnership
    context = {
        "name": delivery.name,
        "report": report,
        "partnership": partnership,
        "data": report.snapshot,
        "link": f"{settings.SITE_URL}{reverse('reports:detail', args=[report.pk])}",
    }
    subject = report_email_subject(partnership, report.period)
    text = render_to_string("reports/email/report.txt", context)
    message = EmailMultiAlternatives(subject, text, to=[formataddr((delivery.name, delivery.email))])
    message.attach_alternative(render_to_string("reports/email/report.html", context), "text/html")
    if report.snapshot:
        message.attach(report_filename(report.period), stored_report_pdf(report), "application/pdf")
    return message


def delivery_list_id(delivery) -> str:
    """The board's distribution list, named so mail programs can file and filter its reports (RFC 2919)."""
    partnership = delivery.report.strategy.partnership
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"{partnership.name} board reports <board-reports.{partnership.slug}.{host}>"
