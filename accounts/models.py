"""People, partnerships (the tenants), their agencies and who belongs where."""

import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords

from neglect_portal import suppression
from neglect_portal.forms import register_choice_words
from neglect_portal.scoping import PartnershipQuerySet, partnership_ids
from neglect_portal.versioning import Versioned
from outbound.models import OutboundMessage


class UserQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        """The people who are active members of ``partnership`` (or of any of several partnership ids)."""
        members = self.filter(
            memberships__partnership__in=partnership_ids(partnership), memberships__is_active=True
        ).values("pk")
        return self.filter(pk__in=members)


class EmailUserManager(UserManager.from_queryset(UserQuerySet)):
    """Users sign in with their e-mail address; there is no separate username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class AlertDelivery(models.TextChoices):
    """How a person hears of an alert: an indicator turning red, an action overdue or changed to Red."""

    IMMEDIATELY = "immediately", "Straight away"
    DAILY = "daily", "In a daily digest"
    NONE = "none", "Not by e-mail"


register_choice_words(
    AlertDelivery,
    {
        AlertDelivery.IMMEDIATELY: ("Straight away", "One e-mail for each alert, as it happens"),
        AlertDelivery.DAILY: (
            "In a daily digest",
            "One e-mail each morning with the alerts since the last one, and the actions that have just become overdue",
        ),
        AlertDelivery.NONE: ("Not by e-mail", "You see red indicators and overdue actions in the portal only"),
    },
)


class User(AbstractUser):
    username = None
    email = models.EmailField("e-mail address", unique=True)
    job_title = models.CharField(max_length=150, blank=True)
    # Chosen by the person on /account/notifications/; the reminders app sends the alerts (decision 47).
    alert_delivery = models.CharField(
        "alerts by e-mail", max_length=12, choices=AlertDelivery.choices, default=AlertDelivery.IMMEDIATELY
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        ordering = ["first_name", "last_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email


class Sector(models.TextChoices):
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    EDUCATION = "education", "Education"
    EARLY_YEARS = "early_years", "Early years"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary and community"
    PUBLIC_HEALTH = "public_health", "Public health"
    PROBATION = "probation", "Probation"
    OTHER = "other", "Other"


class PartnershipSelfQuerySet(PartnershipQuerySet):
    partnership_lookup = "pk"  # a partnership's own partnership is itself


class BankHolidayRegion(models.TextChoices):
    """The bank holidays a partnership's working days skip (Wales keeps England's)."""

    ENGLAND_AND_WALES = "ENG", "England and Wales"
    SCOTLAND = "SCT", "Scotland"
    NORTHERN_IRELAND = "NIR", "Northern Ireland"


class TimeZone(models.TextChoices):
    LONDON = "Europe/London", "UK time (Europe/London)"


class SuppressionMode(models.TextChoices):
    """What happens to a small count in what leaves the portal (``neglect_portal.suppression``)."""

    SUPPRESS = suppression.SUPPRESS, "Suppress it: shown as [c], with any total that would reveal it"
    ROUND = suppression.ROUND, "Round every count to the nearest 5"
    SHOW = suppression.SHOW, "Show every figure as it is"


class Partnership(Versioned):
    """A Safeguarding Children Partnership: the tenant. Nothing crosses partnerships."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=60, blank=True, help_text="Used where space is short, for example in e-mail subjects."
    )
    slug = models.SlugField(max_length=60, unique=True)
    steering_group_name = models.CharField(max_length=200, default="Neglect Steering Group")
    board_name = models.CharField(max_length=200, default="Safeguarding Children Partnership Board")
    report_send_working_days = models.PositiveSmallIntegerField(
        default=15, help_text="Working days after a quarter ends when the board report is sent."
    )
    reminder_working_days = models.PositiveSmallIntegerField(
        default=10,
        help_text="Working days before a quarter ends when its data collection opens and action leads are reminded.",
    )
    steering_group_chair = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Signs off each quarter, as the business manager may.",
    )
    time_zone = models.CharField(max_length=40, choices=TimeZone.choices, default=TimeZone.LONDON)
    bank_holiday_region = models.CharField(
        max_length=3, choices=BankHolidayRegion.choices, default=BankHolidayRegion.ENGLAND_AND_WALES
    )
    # Evidence files (``evidence.EvidenceFile``) of all its updates, findings and audits may take this much.
    evidence_quota_mb = models.PositiveIntegerField(
        "space for evidence files (MB)",
        default=1024,
        help_text="Files attached to progress updates, findings and audits may take up to this much in all.",
    )
    # Small numbers in the report, the exports and the API (decision 48); the portal shows them to the steering group.
    suppression_threshold = models.PositiveSmallIntegerField(
        "small-number threshold",
        default=suppression.DEFAULT_THRESHOLD,
        validators=[MinValueValidator(1, "The small-number threshold must be 1 or more")],
        help_text="A count from 1 to one less than this is protected in everything that leaves the portal.",
    )
    suppression_mode = models.CharField(
        "small numbers in outputs", max_length=10, choices=SuppressionMode.choices, default=SuppressionMode.SUPPRESS
    )
    rank_agency_engagement = models.BooleanField(
        "rank agencies by engagement",
        default=False,
        help_text="List agencies best first, with their position, on the engagement page and in the report.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = PartnershipSelfQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(suppression_threshold__gte=1), name="suppression_threshold_min_1")
        ]

    def __str__(self):
        return self.name

    @property
    def suppression(self) -> suppression.Policy:
        """How small numbers are published in the partnership's report, exports and API."""
        return suppression.Policy(max(1, self.suppression_threshold or 1), self.suppression_mode)


class AgencyQuerySet(PartnershipQuerySet):
    def of_partnership(self, partnership):
        """The partnership's agencies by name (``partnership`` may be its id): all its forms and filters offer."""
        return self.filter(partnership=partnership).order_by("name")

    def current(self):
        """Agencies not retired: the ones offered for anything new."""
        return self.filter(retired_at__isnull=True)

    def offered(self, partnership, keep=None):
        """What a form offers: the partnership's current agencies, and ``keep`` (the id already chosen) if retired."""
        return self.of_partnership(partnership).filter(models.Q(retired_at__isnull=True) | models.Q(pk=keep))


class Agency(models.Model):
    """A partner organisation of a partnership, such as the council or the ICB."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=30,
        blank=True,
        help_text="Shown in tables where space is short, with the full name on hover and for screen readers.",
    )
    sector = models.CharField(max_length=30, choices=Sector.choices)
    is_sponsor = models.BooleanField(
        "sponsoring agency", default=False, help_text="A sponsoring agency may sponsor the strategy's priorities."
    )
    retired_at = models.DateTimeField(null=True, blank=True, help_text="Retired agencies keep their history.")

    history = HistoricalRecords()
    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique_in_partnership")
        ]

    def __str__(self):
        return self.name


def agency_name_key(name) -> str:
    """How an agency's name is compared: "West Midlands Police", "west  midlands police." and "WEST-MIDLANDS POLICE"
    are one name, as are "WMP" and "W.M.P.". Letters and digits only, "&" read as "and"."""
    text = re.sub(r"[.'’]", "", str(name or "").casefold().replace("&", " and "))  # "W.M.P." is "WMP"
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


def agency_short_key(name) -> str:
    """The key of a name without its bracketed part: "Walsall Council (Children's Services)" → "walsall council"."""
    return agency_name_key(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", str(name or "")))


class AgencyAlias(models.Model):
    """Another name a partnership's files use for one of its agencies, such as "WMP" for West Midlands Police.

    Added from the agencies settings or when a person chooses which agency a name in an import means;
    the imports then read the name as that agency. Added and removed, never edited.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agency_aliases")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("other name", max_length=200)
    key = models.CharField(max_length=200, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key"]
        verbose_name_plural = "agency aliases"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="agency_alias_unique_in_partnership")
        ]

    def __str__(self):
        return f"{self.name} = {self.agency.name}"

    def save(self, *args, **kwargs):
        self.key = agency_name_key(self.name)
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    ADMIN = "admin", "Partnership business manager"
    STEERING = "steering", "Steering-group member"
    SPONSOR = "sponsor", "Priority sponsor"
    LEAD = "lead", "Action lead"
    BOARD = "board", "Board member"


class Membership(models.Model):
    """A person's role in one partnership. A person may belong to several partnerships."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="members")
    is_active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_membership_per_partnership"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.partnership}"


class InvitationQuerySet(PartnershipQuerySet):
    def pending(self, now):
        """Invitations that can still be accepted at ``now``: not accepted, not revoked, not expired."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """An invitation to join a partnership in a role: a single-use link, valid for a week, to set a password.

    The link is signed with the secret key and names the invitation and its ``nonce``; sending it again
    draws a new nonce, so only the latest link works (see ``accounts.invitations``).
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("e-mail address")
    role = models.CharField(max_length=20, choices=Role.choices)
    agency = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nonce = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    membership = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    history = HistoricalRecords(excluded_fields=["nonce"])
    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation of {self.email} to {self.partnership} as {self.get_role_display()}"


class InvitationEmail(OutboundMessage):
    """One e-mail of an invitation's link, sent by the outbound engine (kind ``invitation``).

    Sending an invitation again makes a new one with the new link's ``nonce``; an e-mail whose link
    no longer works by the time it is sent (accepted, revoked, sent again) is withdrawn, not sent.
    """

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="emails")
    nonce = models.CharField(max_length=32, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Invitation e-mail to {self.invitation.email}: {self.get_status_display()}"


class AccountEmail(OutboundMessage):
    """An e-mail about a person's own account, sent by the outbound engine: a password-reset link
    (kind ``password_reset``) or the warning before an unused account is closed (``dormancy_warning``).

    The reset link is made when the e-mail is built, so a retried e-mail carries a link that still works.
    """

    class Kind(models.TextChoices):
        PASSWORD_RESET = "password_reset", "Password reset"
        DORMANCY_WARNING = "dormancy_warning", "Warning before an unused account is closed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_emails")
    deactivate_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} e-mail to {self.user.email}: {self.get_status_display()}"


class AccessEvent(models.Model):
    """One line of the audit of access: who was let in, changed or shut out, by whom, when and from where.

    Written only through ``accounts.access_audit.record``; never changed, and deleted only by the nightly
    pruning after ACCESS_AUDIT_RETENTION_DAYS. Personal events (signing in, second factors, tokens) have
    no partnership and are shown to the business managers of the person's partnerships. Never holds a
    password, code, token or session id.
    """

    class Kind(models.TextChoices):
        INVITED = "invited", "Invited"
        INVITATION_RESENT = "invitation_resent", "Invitation sent again"
        INVITATION_REVOKED = "invitation_revoked", "Invitation revoked"
        INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
        ROLE_CHANGED = "role_changed", "Role or agency changed"
        DEACTIVATED = "deactivated", "Deactivated"
        REACTIVATED = "reactivated", "Reactivated"
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
        LOCKED_OUT = "locked_out", "Locked out"
        SIGNED_OUT = "signed_out", "Signed out"
        SECOND_FACTOR_FAILED = "second_factor_failed", "Wrong second-factor code"
        SECOND_FACTOR_SET_UP = "second_factor_set_up", "Second factor set up"
        SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
        RECOVERY_CODES_RENEWED = "recovery_codes_renewed", "New recovery codes"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        PASSWORD_RESET = "password_reset", "Password reset"
        SESSIONS_ENDED = "sessions_ended", "Other sessions ended"
        TOKEN_CREATED = "token_created", "API token created"
        TOKEN_REVOKED = "token_revoked", "API token revoked"
        TOKEN_USED = "token_used", "API token used"
        EXPORTED = "exported", "Exported"
        REPORT_VIEWED = "report_viewed", "Report viewed"
        REPORT_DOWNLOADED = "report_downloaded", "Report PDF downloaded"
        DORMANCY_WARNED = "dormancy_warned", "Warned of closing after no use"
        DORMANT_DEACTIVATED = "dormant_deactivated", "Deactivated after no use"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="access_events"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # For a sign-in, the account named (even one that does not exist).
    subject = models.EmailField("about", blank=True, help_text="The e-mail address of the person concerned.")
    detail = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField("address", null=True, blank=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"


from accounts.models_security import APIToken, DemoDevice, PersonSession  # noqa: E402, F401
