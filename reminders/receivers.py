"""The reminders app listens to the apps below it, which cannot import it (decision 47).

Connected in ``RemindersConfig.ready``. Each receiver runs inside the transaction of the write that
sent the signal, in a savepoint of its own: an alert is recorded exactly when the value or update is,
and an alert that cannot be recorded is logged without refusing the value or update.
"""

import logging

from django.db import transaction

from actions.signals import action_turned_red
from outcomes.signals import indicator_turned_red
from reminders import alerts

logger = logging.getLogger(__name__)


def on_indicator_turned_red(sender, indicator, period, was, was_period, by=None, **kwargs):
    try:
        with transaction.atomic():
            alerts.indicator_red_record(indicator, period=period, was=was, was_period=was_period, by=by)
    except Exception:
        logger.exception("Could not record the alert of %s turning red in %s", indicator.code, period)


def on_action_turned_red(sender, action, update, by=None, **kwargs):
    try:
        with transaction.atomic():
            alerts.action_red_record(action, update=update, by=by)
    except Exception:
        logger.exception("Could not record the alert of %s changed to Red", action.reference)


def connect():
    indicator_turned_red.connect(on_indicator_turned_red, dispatch_uid="reminders.indicator_turned_red")
    action_turned_red.connect(on_action_turned_red, dispatch_uid="reminders.action_turned_red")
