"""Writes to activities. Each function checks the permission rule, validates everything
(collecting every field error, in Vietnamese) before it writes, writes in one
transaction and records the acting user in the history.

- activities: record, change, submit, accept, return one activity;
- imports: write a checked spreadsheet in bulk;
- reminders: remind late agencies by e-mail;
- plans: the parties' annual plans.
"""

from phoihop.activities.services.activities import (
    KINDS,
    REFORM_DATE,
    ActivityInput,
    LocalityInput,
    OutputInput,
    ParticipationInput,
    activity_accept,
    activity_create,
    activity_return,
    activity_submit,
    activity_update,
    apply_input,
    input_from_activity,
    validate_activity,
)
from phoihop.activities.services.evidence import evidence_add, evidence_delete
from phoihop.activities.services.imports import activity_import, signature
from phoihop.activities.services.plans import PlanItemInput, plan_save
from phoihop.activities.services.reminders import reporting_remind

__all__ = [
    "KINDS",
    "REFORM_DATE",
    "ActivityInput",
    "LocalityInput",
    "OutputInput",
    "ParticipationInput",
    "PlanItemInput",
    "activity_accept",
    "activity_create",
    "activity_import",
    "activity_return",
    "activity_submit",
    "activity_update",
    "apply_input",
    "evidence_add",
    "evidence_delete",
    "input_from_activity",
    "plan_save",
    "reporting_remind",
    "signature",
    "validate_activity",
]
