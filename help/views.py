from django.conf import settings
from django.utils import timezone
from django.views.generic import TemplateView

from accounts.middleware import current_membership
from actions.imports import STATUS_WORDS
from evidence.filetypes import size_words
from help import selectors


class HelpView(TemplateView):
    """The glossary, how the quarter works and who to contact.

    Anyone may read it, signed in or not (the error pages link here); a member also sees their
    partnership's own dates and business managers.
    """

    template_name = "help/index.html"

    def get_context_data(self, **kwargs):
        membership = current_membership(self.request)
        partnership = membership.partnership if membership else None
        return super().get_context_data(
            page_title="Help",
            help_partnership=partnership,
            business_managers=selectors.business_managers(partnership) if partnership else [],
            dates=selectors.quarter_dates(partnership, timezone.localdate()) if partnership else None,
            status_words=[(status.label, words) for status, words in STATUS_WORDS.items()],
            evidence_max=size_words(settings.EVIDENCE_MAX_BYTES),
            **kwargs,
        )
