"""A platform operator's new partnership: ``manage.py create_partnership --name ... --admin-email ...``."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from accounts.invitations import invitation_link, partnership_create


class Command(BaseCommand):
    help = "Create a partnership and invite its first business manager, who sets their own password."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The partnership's full name.")
        parser.add_argument("--admin-email", required=True, help="The e-mail address of its business manager.")
        parser.add_argument("--short-name", default="", help="A short name, for e-mail subjects.")
        parser.add_argument("--slug", default="", help="A short address name (made from the name if not given).")

    def handle(self, *args, name, admin_email, short_name, slug, **options):
        try:
            with transaction.atomic():  # the invitation is e-mailed once this commits
                partnership, invitation = partnership_create(
                    name=name.strip(),
                    admin_email=admin_email,
                    slug=slug or slugify(name)[:60],
                    short_name=short_name,
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Created {partnership.name}."))
        self.stdout.write(
            f"An invitation has been e-mailed to {invitation.email}; it works once, until "
            f"{invitation.expires_at:%d %B %Y %H:%M}. The link, in case the e-mail goes astray:"
        )
        self.stdout.write(invitation_link(invitation))
