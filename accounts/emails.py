"""The e-mails of signing in: the password-reset link and the warning before an unused account is closed.

Both go through the outbound engine as rows of :class:`~accounts.models.AccountEmail`, each kind
registered in ``accounts/apps.py``: they are claimed, retried, given up and read like every other
automatic e-mail of the portal.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.forms import GDSPasswordResetForm
from accounts.models import AccountEmail
from outbound.services import message_queue

PASSWORD_RESET = AccountEmail.Kind.PASSWORD_RESET.value
DORMANCY_WARNING = AccountEmail.Kind.DORMANCY_WARNING.value


def send_password_reset(email):
    """E-mail a reset link to each active account with this address (none when there is no such account)."""
    for user in GDSPasswordResetForm().get_users(email):
        row = AccountEmail.objects.create(kind=PASSWORD_RESET, user=user)
        message_queue(PASSWORD_RESET, row.pk)


def send_dormancy_warning(user, deactivate_on):
    row = AccountEmail.objects.create(kind=DORMANCY_WARNING, user=user, deactivate_on=deactivate_on)
    message_queue(DORMANCY_WARNING, row.pk)


def password_reset_message(row: AccountEmail) -> EmailMultiAlternatives | None:
    """The reset link of a person who can still sign in; nothing for an account closed since it was asked for."""
    user = row.user
    if not user.is_active or not user.has_usable_password():
        return None
    context = {
        "email": user.email,
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "site_url": settings.SITE_URL,
    }
    subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
    body = render_to_string("registration/password_reset_email.txt", context)
    return EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def dormancy_warning_message(row: AccountEmail) -> EmailMultiAlternatives | None:
    """The warning, unless the account has been closed already."""
    user = row.user
    if not user.is_active:
        return None
    context = {"user": user, "deactivate_on": row.deactivate_on, "site_url": settings.SITE_URL}
    return EmailMultiAlternatives(
        "Your Neglect Strategy Portal account will be closed if it is not used",
        render_to_string("accounts/email/dormancy_warning.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )
