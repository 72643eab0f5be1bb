"""Who may do what with an activity.

- the staff (officers, leaders) of the organising agency record, edit and submit it while
  it is a draft or returned; the lead agency's staff may record for any party;
- the lead agency's staff accept it or return it with a comment once it is submitted;
- every user of a party agency reads the program's activities; nobody else does.
"""

import rules

from phoihop.core.rules import STAFF_ROLES, is_admin
from phoihop.programs.rules import is_lead_staff, is_party_member, is_party_staff

EDITABLE = ("draft", "returned")


@rules.predicate
def is_organiser_staff(user, activity) -> bool:
    return bool(
        user.is_authenticated
        and user.role in STAFF_ROLES
        and user.agency_id
        and user.agency_id == activity.organiser_id
    )


@rules.predicate
def is_program_lead_staff(user, activity) -> bool:
    return is_lead_staff(user, activity.program)


@rules.predicate
def is_program_party_member(user, activity) -> bool:
    return is_party_member(user, activity.program)


@rules.predicate
def is_editable(user, activity) -> bool:
    return activity.status in EDITABLE


@rules.predicate
def is_submitted(user, activity) -> bool:
    return activity.status == "submitted"


can_view_activity = is_admin | is_program_party_member
can_edit_activity = (is_admin | is_organiser_staff | is_program_lead_staff) & is_editable
can_submit_activity = (is_admin | is_organiser_staff | is_program_lead_staff) & is_editable
can_review_activity = (is_admin | is_program_lead_staff) & is_submitted

# On a program: who may record an activity under it at all.
can_record_activity = is_admin | is_party_staff

rules.add_perm("activities.view_activity", can_view_activity)
rules.add_perm("activities.change_activity", can_edit_activity)

# On a program: who sends the reporting reminders (the lead agency coordinates).
can_send_reminders = is_admin | is_lead_staff


@rules.predicate
def is_in_province(user, province) -> bool:
    """A user of an agency of the province (any role: the figures are aggregates)."""
    return bool(
        user.is_authenticated and user.agency_id and user.agency and user.agency.province_id == province.pk
    )


# A province's dashboard: who works in the province, and administrators.
can_view_province_figures = is_admin | is_in_province


def is_agency_staff_of(user, agency) -> bool:
    return bool(
        user.is_authenticated and user.role in STAFF_ROLES and user.agency_id and user.agency_id == agency.pk
    )


def can_plan(user, program, agency) -> bool:
    """An agency's annual plan is written by its own staff (when it is a party), the lead
    agency's staff and administrators."""
    if is_admin(user) or is_lead_staff(user, program):
        return True
    return bool(is_agency_staff_of(user, agency) and is_party_staff(user, program))
