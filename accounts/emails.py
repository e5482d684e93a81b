"""The e-mails of signing in: the password-reset link and the warning before an unused account is closed.

Each is one small function, so the sending can move to a shared e-mail engine without touching callers.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from accounts.forms import GDSPasswordResetForm


def send_password_reset(email):
    """E-mail a reset link to each active account with this address (none when there is no such account)."""
    site = urlsplit(settings.SITE_URL)
    form = GDSPasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
            extra_email_context={"site_url": settings.SITE_URL},
        )


def send_dormancy_warning(user, deactivate_on):
    context = {"user": user, "deactivate_on": deactivate_on, "site_url": settings.SITE_URL}
    send_mail(
        subject="Your Neglect Strategy Portal account will be closed if it is not used",
        message=render_to_string("accounts/email/dormancy_warning.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
