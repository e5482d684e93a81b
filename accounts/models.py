"""People, partnerships (the tenants), their agencies and who belongs where."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from neglect_portal.scoping import PartnershipQuerySet, partnership_ids


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


class User(AbstractUser):
    username = None
    email = models.EmailField("e-mail address", unique=True)
    job_title = models.CharField(max_length=150, blank=True)

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


class Partnership(models.Model):
    """A Safeguarding Children Partnership: the tenant. Nothing crosses partnerships."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    steering_group_name = models.CharField(max_length=200, default="Neglect Steering Group")
    board_name = models.CharField(max_length=200, default="Safeguarding Children Partnership Board")
    report_send_working_days = models.PositiveSmallIntegerField(
        default=15, help_text="Working days after a quarter ends when the board report is sent."
    )
    reminder_working_days = models.PositiveSmallIntegerField(
        default=10, help_text="Working days before a quarter ends when action leads are reminded."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = PartnershipSelfQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class AgencyQuerySet(PartnershipQuerySet):
    def of_partnership(self, partnership):
        """The partnership's agencies by name (``partnership`` may be its id): all its forms and filters offer."""
        return self.filter(partnership=partnership).order_by("name")


class Agency(models.Model):
    """A partner organisation of a partnership, such as the council or the ICB."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agencies")
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=30, choices=Sector.choices)

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

    history = HistoricalRecords()
    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="one_membership_per_partnership"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.partnership}"


from accounts.models_security import AccessEvent, APIToken, DemoDevice, PersonSession  # noqa: E402, F401
