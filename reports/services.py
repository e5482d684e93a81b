"""The life of a quarterly report (draft → issued → sent) and the queueing of each of its e-mails.

The one home of every write to reports and deliveries. Pages and the API call
the functions that take a ``membership`` and check ``accounts.access`` first;
the daily schedule and the ``issue_report`` command act for the partnership
itself through :func:`report_produce`. Every step is idempotent and claimed by
a conditional update, so a job fired twice, a retried task or two workers
racing never issue a report twice or e-mail anyone twice
(see docs/decisions/0005-report-delivery.md). Each e-mail is sent by the engine in
``outbound`` (docs/decisions/0008-one-outbound-engine.md); what it says is ``reports.messages``.
"""

import datetime
import logging
from functools import partial

from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts import access
from neglect_portal.periods import Period
from outbound.services import abandoned_before, message_queue
from priorities.selectors import quarter_record
from priorities.services import quarter_lock, quarter_sign_off, quarter_sign_off_withdraw
from reports import selectors
from reports.models import Delivery, QuarterlyReport, SignOffDue
from reports.pdf import content_digest, report_filename, report_pdf

logger = logging.getLogger(__name__)

# A pending delivery not asked for again within this time has no task left to send it.
FORGOTTEN_AFTER = datetime.timedelta(hours=1)
# The kinds of outbound message a delivery and a sign-off-due e-mail are (registered in reports/apps.py).
DELIVERY = "report_delivery"
SIGN_OFF_DUE = "sign_off_due"
DRAFT, ISSUED, SENT = QuarterlyReport.Status.DRAFT, QuarterlyReport.Status.ISSUED, QuarterlyReport.Status.SENT


def _require_can_issue(membership, strategy):
    if not access.can_issue_reports(membership) or strategy.partnership_id != membership.partnership_id:
        raise PermissionDenied("Only the business manager and the steering group prepare and send reports.")


def _require_can_correct(membership, strategy):
    if not access.can_correct_report(membership) or strategy.partnership_id != membership.partnership_id:
        raise PermissionDenied("Only the business manager corrects a report sent to the board.")


def _claim(report_id, condition: dict, changes: dict, user) -> QuarterlyReport | None:
    """Change a report only if it still matches ``condition``; None if it no longer does.

    The conditional update is the lock: of two callers racing, one changes the
    row and the other finds it changed. The save that follows writes the same
    values again so that the change is kept in the report's history.
    """
    with transaction.atomic():
        if not QuarterlyReport.objects.filter(pk=report_id, **condition).update(**changes):
            return None
        report = QuarterlyReport.objects.select_related("strategy__partnership").get(pk=report_id)
        report._history_user = user
        report.save(update_fields=[name for name in changes if name != "snapshot"])
    return report


# --- draft -------------------------------------------------------------------------


def report_start(membership, strategy, period: Period, *, today=None) -> QuarterlyReport:
    """The strategy's report for a closed or current quarter: the existing one, or a new draft."""
    _require_can_issue(membership, strategy)
    return _report_get_or_create(strategy, period, today=today or timezone.localdate(), user=membership.user)


def _report_get_or_create(strategy, period: Period, *, today, user) -> QuarterlyReport:
    if not period.is_quarter or period.start > today:
        raise ValidationError({"period": "Choose a quarter that has already begun"})
    report = QuarterlyReport.objects.latest_versions().filter(strategy=strategy, period=period.label).first()
    if report is not None:
        return report
    try:
        with transaction.atomic():
            report = QuarterlyReport(strategy=strategy, period=period.label, period_start=period.start)
            report._history_user = user
            report.save()
    except IntegrityError:  # started at the same moment by someone else: theirs is the report
        return QuarterlyReport.objects.originals().get(strategy=strategy, period=period.label)
    _refresh(report, today)
    return report


def report_refresh(membership, report, *, today=None) -> QuarterlyReport:
    """Build a draft's figures again from the plan, scorecard and audits as they are now."""
    _require_can_issue(membership, report.strategy)
    return _refresh(report, today or timezone.localdate())


def _refresh(report, today) -> QuarterlyReport:
    data = selectors.report_data(report.strategy, Period.parse(report.period), today)
    now = timezone.now()
    if not QuarterlyReport.objects.filter(pk=report.pk, status=DRAFT).update(snapshot=data, snapshot_at=now):
        raise ValidationError("The report has been issued: its figures are frozen.")
    report.snapshot, report.snapshot_at = data, now
    return report


class StaleCommentary(ValidationError):
    """Someone saved the commentary after the form was opened (``seen``: its ``commentary_at`` then)."""

    def __init__(self, report, seen):
        self.report, self.seen = report, seen
        super().__init__(
            {
                NON_FIELD_ERRORS: [
                    "Someone else changed the commentary after you opened it: nothing you entered was saved"
                ]
            },
            code="stale",
        )


NOT_SEEN = object()  # no ``seen`` given: the commentary is saved whatever it is now


def report_update_commentary(membership, report, *, seen=NOT_SEEN, **texts) -> QuarterlyReport:
    """Change what the steering group tells the board, with the recommendation to the board and the
    level of assurance. Only while the report is a draft; the person and time are kept as its author.

    ``seen`` is when the commentary had last been saved when the person opened the form (None: never):
    if it has been saved since, nothing changes and :class:`StaleCommentary` is raised (decision 15),
    so one person's commentary never silently replaces another's."""
    _require_can_issue(membership, report.strategy)
    unknown = set(texts) - set(selectors.COMMENTARY_FIELDS)
    if unknown:
        raise ValueError(f"Not commentary: {', '.join(sorted(unknown))}")
    texts = {name: (text or "").strip() for name, text in texts.items()}
    _check_choices(texts)
    after = {name: texts.get(name, getattr(report, name)) for name in selectors.COMMENTARY_TEXTS}
    record = quarter_record(report.strategy, Period.parse(report.period))
    if record is not None and record.signed_off_at and not any(after.values()):
        raise ValidationError("The quarter has been signed off: the report's summary cannot be emptied.")
    changes = {**texts, "commentary_by": membership.user, "commentary_at": timezone.now()}
    condition = {"status": DRAFT}
    if seen is not NOT_SEEN:
        condition |= {"commentary_at": seen} if seen is not None else {"commentary_at__isnull": True}
    updated = _claim(report.pk, condition, changes, membership.user)
    if updated is None:
        if QuarterlyReport.objects.filter(pk=report.pk, status=DRAFT).exists():
            raise StaleCommentary(report, seen)
        raise ValidationError("The report has been issued: its commentary can no longer change.")
    for name, value in changes.items():
        setattr(report, name, value)
    return updated


# --- sign-off ----------------------------------------------------------------------


def report_sign_off(membership, report, *, reason="", today=None):
    """Sign off the report's quarter (chair or business manager): refused before the quarter ends, with
    an empty summary, or with data missing and no reason; the reason is printed in the report."""
    if report.status != DRAFT:
        raise ValidationError("The report has already been issued.")
    today = today or timezone.localdate()
    period = Period.parse(report.period)
    report = QuarterlyReport.objects.select_related("strategy__partnership").get(pk=report.pk)
    checklist = selectors.sign_off_checklist(report.strategy, period, today)
    return quarter_sign_off(
        membership,
        report.strategy,
        period,
        missing=checklist.missing_lines,
        summary_written=selectors.summary_written(report),
        reason=reason,
        today=today,
    )


def report_sign_off_withdraw(membership, report, *, reason):
    """Withdraw the sign-off of the report's quarter (chair or business manager), with a reason, while the
    report is a draft: the quarter is collecting again and the report cannot be issued until it is signed off
    again. Refused once the report is issued: its quarter is locked."""
    report = QuarterlyReport.objects.select_related("strategy__partnership").get(pk=report.pk)
    if report.status != DRAFT:
        raise ValidationError("The report has been issued: its quarter is locked, so its sign-off stands.")
    return quarter_sign_off_withdraw(membership, report.strategy, Period.parse(report.period), reason=reason)


CHOICE_ERRORS = {
    "board_recommendation": (QuarterlyReport.Recommendation, "Choose for information, to note or to decide"),
    "assurance_level": (QuarterlyReport.Assurance, "Choose substantial, reasonable, limited or no assurance"),
}


def _check_choices(texts) -> None:
    errors = {
        name: message
        for name, (choices, message) in CHOICE_ERRORS.items()
        if texts.get(name) and texts[name] not in choices.values
    }
    if errors:
        raise ValidationError(errors)


# --- issue -------------------------------------------------------------------------


def report_issue(membership, report, *, today=None) -> bool:
    """Freeze the report: its figures and commentary as they are now, and its PDF.

    Returns False, changing nothing, when the report had already been issued.
    """
    _require_can_issue(membership, report.strategy)
    return _issue(report, today=today or timezone.localdate(), user=membership.user)


def _issue(report, *, today, user, attempts=3) -> bool:
    period = Period.parse(report.period)
    for _attempt in range(attempts):
        current = QuarterlyReport.objects.filter(pk=report.pk).values("status", *selectors.COMMENTARY_FIELDS).first()
        if current is None or current["status"] != DRAFT:
            return False
        _refuse_early_issue(report, period, today)
        commentary = {name: current[name] for name in selectors.COMMENTARY_FIELDS}
        data = selectors.report_data(report.strategy, period, today)
        data = selectors.with_commentary(data, commentary)
        now = timezone.now()
        # The day it is really issued: the figures' day (``today``) may be earlier, as the demo's are.
        data["cover"] |= {"issued_by": selectors.person_name(user), "issued_on": timezone.localdate(now).isoformat()}
        changes = {"status": ISSUED, "snapshot": data, "snapshot_at": now}
        changes |= {"issued_at": now, "issued_by": user}
        # Issued only if still a draft with the commentary that went into the snapshot; the quarter
        # is locked in the same transaction, so a report is never issued for an unlocked quarter.
        with transaction.atomic():
            issued = _claim(report.pk, {"status": DRAFT, **commentary}, changes, user)
            if issued is not None:
                quarter_lock(report.strategy, period, user)
        if issued is not None:
            for field, value in changes.items():
                setattr(report, field, value)
            # The PDF takes seconds for a big plan: a worker renders it from the snapshot once this is committed.
            transaction.on_commit(partial(_queue_pdf, report.pk))
            return True
    raise ValidationError("The commentary changed while the report was being issued. Try again.")


def issue_refusal(report, today) -> str | None:
    """Why the report cannot be issued on ``today`` (None if it can): a report goes to the board only
    for a quarter that has ended and been signed off."""
    period = Period.parse(report.period)
    if today <= period.end:
        return (
            f"{period.label} has not ended: it ends on {_long(period.end)}, and its report can be issued "
            f"from {_long(period.end + datetime.timedelta(days=1))}, once the quarter is signed off."
        )
    record = quarter_record(report.strategy, period)
    if record is None or record.signed_off_at is None:
        return (
            f"{period.label} has not been signed off: the steering group's chair or the business manager "
            "signs off the quarter's data before the report is issued."
        )
    return None


def _refuse_early_issue(report, period, today):
    if refusal := issue_refusal(report, today):
        raise ValidationError(refusal)


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _queue_pdf(report_id, draft_digest=None):
    """Ask a worker for a report's PDF. A broker that cannot be reached is logged: the PDF page asks again."""
    from reports.tasks import render_draft_pdf, render_report_pdf

    try:
        if draft_digest is None:
            render_report_pdf.apply_async((report_id,), retry=False)
        else:
            render_draft_pdf.apply_async((report_id, draft_digest), retry=False)
    except Exception:  # the broker's errors vary by transport; none may fail the request that asked
        logger.exception("Could not ask a worker for the PDF of report %s", report_id)


def report_pdf_store(report_id) -> str | None:
    """Render an issued report's PDF from its snapshot and store it; the stored name (None for a draft).

    Run by a worker. Idempotent: a report whose PDF is stored already is left as it is, and of two
    workers storing at once the second deletes its own file.
    """
    report = QuarterlyReport.objects.select_related("strategy__partnership").filter(pk=report_id).first()
    if report is None or report.status == DRAFT or not report.snapshot:
        return None
    if report.pdf:
        return report.pdf.name
    issued_on = (report.issued_at or timezone.now()).date()
    name = default_storage.save(_pdf_name(report, issued_on), ContentFile(report_pdf(report.snapshot)))
    if not QuarterlyReport.objects.filter(pk=report_id, pdf="").update(pdf=name):
        default_storage.delete(name)
        return QuarterlyReport.objects.values_list("pdf", flat=True).get(pk=report_id)
    return name


def report_pdf_file(membership, report) -> str | None:
    """The stored name of the report's PDF as the member may read it now, or None while a worker prepares it.

    An issued report's PDF is rendered once, from its snapshot; a draft's each time its content
    changes (the name carries a fingerprint of the content). When the file is not there yet, a
    worker is asked for it (at most once a minute for the same content) and the page says so.
    """
    if not access.can_view_report(membership, report) or report.strategy.partnership_id != membership.partnership_id:
        raise PermissionDenied("Drafts are for the business manager and the steering group.")
    if report.status != DRAFT:
        if report.pdf and default_storage.exists(report.pdf.name):
            return report.pdf.name
        if report.pdf:  # recorded but gone from the store (a lost volume, say): rendered again from the snapshot
            logger.warning("The PDF %s of report %s is missing; rendering it again", report.pdf.name, report.pk)
            QuarterlyReport.objects.filter(pk=report.pk, pdf=report.pdf.name).update(pdf="")
        if cache.add(f"report-pdf-asked:{report.pk}", True, timeout=60):
            _queue_pdf(report.pk)
        return None
    digest = content_digest(selectors.report_content(report), True)
    name = _draft_pdf_name(report, digest)
    if default_storage.exists(name):
        return name
    if cache.add(f"report-pdf-asked:{report.pk}:{digest}", True, timeout=60):
        _queue_pdf(report.pk, digest)
    return None


def report_draft_pdf_store(report_id) -> str | None:
    """Render a draft's PDF as its content is now, store it, and remove its earlier drafts' files. Run by a worker."""
    report = QuarterlyReport.objects.select_related("strategy__partnership").filter(pk=report_id).first()
    if report is None or report.status != DRAFT:
        return None
    data = selectors.report_content(report)
    name = _draft_pdf_name(report, content_digest(data, True))
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(report_pdf(data, is_draft=True)))
    folder, own = name.rsplit("/", 1)
    prefix = own.rsplit("-", 1)[0] + "-"
    for earlier in default_storage.listdir(folder)[1]:
        if earlier.startswith(prefix) and earlier != own:
            default_storage.delete(f"{folder}/{earlier}")
    return name


def _draft_pdf_name(report, digest) -> str:
    return f"reports/drafts/{report.strategy.partnership.slug}-{report.pk}-{digest}.pdf"


def _pdf_name(report, today) -> str:
    filename = report_filename(report.period, report.version)
    return f"reports/{today:%Y}/{report.strategy.partnership.slug}-{filename}"


# --- send --------------------------------------------------------------------------


def report_send(membership, report) -> list[int]:
    """E-mail an issued report to every active board recipient who has not had it yet."""
    _require_can_issue(membership, report.strategy)
    return _send(report, user=membership.user)


def report_issue_and_send(membership, report, *, today=None) -> list[int]:
    """Issue the report if it is still a draft, then e-mail it to the board."""
    _require_can_issue(membership, report.strategy)
    _issue(report, today=today or timezone.localdate(), user=membership.user)
    return _send(report, user=membership.user)


def _send(report, *, user) -> list[int]:
    _refuse_superseded(report)
    recipients = selectors.board_recipients(report.strategy.partnership)
    if not recipients:
        raise ValidationError(
            "The board distribution list has no active recipients. The business manager adds them in Settings."
        )
    now = timezone.now()
    with transaction.atomic():
        # A write first: it checks the report is issued and makes a second sender wait for this one.
        if not QuarterlyReport.objects.filter(pk=report.pk, status__in=[ISSUED, SENT]).update(status=F("status")):
            raise ValidationError("Issue the report before sending it.")
        created = []
        for recipient in recipients:
            delivery, was_created = Delivery.objects.get_or_create(
                report_id=report.pk,
                email__iexact=recipient.email,
                defaults={"email": recipient.email, "name": recipient.name, "queued_at": now},
            )
            if was_created:
                created.append(delivery.pk)
                message_queue(DELIVERY, delivery.pk)
        if _claim(report.pk, {"status": ISSUED}, {"status": SENT, "sent_at": now}, user) is not None:
            report.status, report.sent_at = SENT, now
    return created


def delivery_retry(membership, delivery) -> Delivery:
    """Try a failed e-mail again (for example once the recipient's address has been corrected)."""
    _require_can_issue(membership, delivery.report.strategy)
    _refuse_superseded(delivery.report)
    retried = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.FAILED).update(
        status=Delivery.Status.PENDING, queued_at=timezone.now(), failed_at=None
    )
    if not retried:
        raise ValidationError("Only an e-mail that failed can be tried again.")
    message_queue(DELIVERY, delivery.pk)
    delivery.refresh_from_db()
    return delivery


def _refuse_superseded(report):
    """An earlier version is kept as the board had it: once corrected, only the latest version is e-mailed."""
    later = QuarterlyReport.objects.filter(corrects_id=report.pk).values_list("version", flat=True).first()
    if later is not None:
        raise ValidationError(
            f"This version has been corrected by version {later}: e-mail the latest version of the report instead."
        )


# --- correct -----------------------------------------------------------------------


def report_correct(membership, report, *, note, today=None) -> QuarterlyReport:
    """Issue a correction of an issued or sent report: a new version of it, its figures built again from the
    portal as it is now (corrections to the locked quarter included), with a note of what changed, its own
    PDF (rendered by a worker) and one e-mail, marked as a correction, to each person the version it
    corrects went to. The earlier version, its PDF and its e-mails are kept as they were.

    Refused, changing nothing, with an empty note, for a draft, and for a version already corrected (so a
    second press of the button, or two people at once, make one correction and send nothing more).
    """
    _require_can_correct(membership, report.strategy)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Enter what has changed in this version of the report"})
    today = today or timezone.localdate()
    with transaction.atomic():
        # The lock makes a second correction of the same version wait for this one, then find it corrected.
        earlier = (
            QuarterlyReport.objects.select_for_update(of=("self",))
            .select_related("strategy__partnership", "commentary_by")
            .get(pk=report.pk)
        )
        _refuse_correction(earlier)
        recipients = selectors.correction_recipients(earlier)
        correction = _correction_of(earlier, note, recipients, today=today, user=membership.user)
        try:
            with transaction.atomic():
                correction.save()
        except IntegrityError as error:  # corrected at the same moment by someone else: theirs stands
            raise ValidationError("This version of the report has just been corrected by someone else.") from error
        now = correction.issued_at
        for name, email in recipients:
            delivery = Delivery.objects.create(report=correction, name=name, email=email, queued_at=now)
            message_queue(DELIVERY, delivery.pk)
    # Its own PDF, from its own snapshot, by a worker once this is committed (as an issued report's is).
    transaction.on_commit(partial(_queue_pdf, correction.pk))
    logger.info("Issued version %s of the %s report of %s", correction.version, correction.period, correction.strategy)
    return correction


def correction_refusal(report) -> str | None:
    """Why ``report`` cannot be corrected (None if it can): only an issued or sent version no later version
    has corrected yet."""
    if report.status == DRAFT:
        return "A draft is not corrected: change its commentary or refresh its figures, then issue it."
    later = QuarterlyReport.objects.filter(corrects_id=report.pk).values_list("version", flat=True).first()
    if later is not None:
        return f"This version has already been corrected by version {later}. Correct the latest version instead."
    return None


def _refuse_correction(report):
    if refusal := correction_refusal(report):
        raise ValidationError(refusal)


def _correction_of(earlier, note, recipients, *, today, user) -> QuarterlyReport:
    """The new version (not yet saved): the earlier one's commentary, the figures as they are now."""
    period = Period.parse(earlier.period)
    commentary = {name: getattr(earlier, name) for name in selectors.COMMENTARY_FIELDS}
    data = selectors.with_commentary(selectors.report_data(earlier.strategy, period, today), commentary)
    now = timezone.now()
    data["cover"] |= {"issued_by": selectors.person_name(user), "issued_on": timezone.localdate(now).isoformat()}
    data["correction"] = {
        "version": earlier.version + 1,
        "note": note,
        "corrects_version": earlier.version,
        "corrects_issued_on": timezone.localdate(earlier.issued_at).isoformat() if earlier.issued_at else None,
        "changes": selectors.corrections_since_issue(earlier),
    }
    correction = QuarterlyReport(
        strategy=earlier.strategy,
        period=earlier.period,
        period_start=earlier.period_start,
        version=earlier.version + 1,
        corrects=earlier,
        correction_note=note,
        status=SENT if recipients else ISSUED,
        commentary_by=earlier.commentary_by,
        commentary_at=earlier.commentary_at,
        snapshot=data,
        snapshot_at=now,
        issued_at=now,
        issued_by=user,
        sent_at=now if recipients else None,
        **commentary,
    )
    correction._history_user = user
    correction._change_reason = f"Correction of version {earlier.version}"
    return correction


# --- the schedule and the shell --------------------------------------------------------


def report_produce(strategy, period: Period, *, today=None, send=True) -> QuarterlyReport:
    """What the daily schedule and ``issue_report`` do: create the quarter's report if there is none,
    issue it if the steering group has not, and e-mail it to the board if asked. Each step is skipped
    when it has been done, so running this again changes nothing."""
    today = today or timezone.localdate()
    report = _report_get_or_create(strategy, period, today=today, user=None)
    if _issue(report, today=today, user=None):
        logger.info("Issued the %s report of %s", period, strategy)
    report.refresh_from_db()
    if send:
        _send(report, user=None)
    return report


def sign_off_due_notify(strategy, period: Period, *, now=None) -> list[int]:
    """Tell each active business manager that ``period``'s report is due but the quarter is not signed off:
    one e-mail per person and quarter however often the daily job runs; one waiting for an hour with
    no worker on it is queued again (its claim lets only one sender through)."""
    now = now or timezone.now()
    queued = []
    for user in selectors.business_managers(strategy.partnership):
        row, created = SignOffDue.objects.get_or_create(strategy=strategy, period=period.label, user=user)
        forgotten = row.status == SignOffDue.Status.PENDING and row.created_at < now - FORGOTTEN_AFTER
        if created or forgotten:
            queued.append(row.pk)
            message_queue(SIGN_OFF_DUE, row.pk)
    return queued


def deliveries_requeue(now=None) -> list[int]:
    """Queue again the e-mails nothing else will send: claimed by a worker that died, or never queued.

    See docs/decisions/0005-report-delivery.md for why this is safe: the task's
    claim lets only one sender through, whoever asked for it.
    """
    now = now or timezone.now()
    forgotten = now - FORGOTTEN_AFTER
    stuck = Q(status=Delivery.Status.SENDING, claimed_at__lt=abandoned_before(now)) | Q(
        Q(queued_at__lt=forgotten) | Q(queued_at__isnull=True), status=Delivery.Status.PENDING
    )
    ids = list(Delivery.objects.filter(stuck).values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=ids).update(queued_at=now)
    for delivery_id in ids:
        logger.warning("Queueing delivery %s again", delivery_id)
        message_queue(DELIVERY, delivery_id)
    return ids
