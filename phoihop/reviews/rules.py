"""Who may do what with reviews, follow-ups and findings.

- every user of a party agency reads the program's reviews, follow-ups and findings
  (they are the parties' working records, never public); nobody else does;
- the lead agency's staff (officers, leaders) open, edit, hold and conclude reviews and
  record the chair's conclusions;
- a follow-up is updated by the staff of the agency it is assigned to and by the lead
  agency's staff; only the lead may drop one;
- findings are recorded by the staff of the monitoring visit's organiser and the lead.
"""

import rules

from phoihop.core.rules import STAFF_ROLES, is_admin
from phoihop.programs.rules import is_lead_staff, is_party_member, is_party_staff
from phoihop.reviews.models import Status


@rules.predicate
def is_review_party(user, review) -> bool:
    return is_party_member(user, review.program)


@rules.predicate
def is_review_lead(user, review) -> bool:
    return is_lead_staff(user, review.program)


@rules.predicate
def is_open_review(user, review) -> bool:
    return review.status != Status.CONCLUDED


can_view_review = is_admin | is_review_party
can_edit_review = (is_admin | is_review_lead) & is_open_review
can_conclude_review = is_admin | is_review_lead

# On a program: who opens a review of it.
can_open_review = is_admin | is_lead_staff


@rules.predicate
def is_assignee_staff(user, followup) -> bool:
    return bool(
        user.is_authenticated
        and user.role in STAFF_ROLES
        and user.agency_id
        and user.agency_id == followup.assignee_id
    )


@rules.predicate
def is_followup_lead(user, followup) -> bool:
    return is_lead_staff(user, followup.program)


can_view_followup = is_admin | rules.predicate(lambda user, f: is_party_member(user, f.program))
can_update_followup = is_admin | is_followup_lead | is_assignee_staff
can_drop_followup = is_admin | is_followup_lead

# On a program: who adds follow-ups directly and sends the overdue reminders.
can_manage_followups = is_admin | is_lead_staff


@rules.predicate
def is_visit_organiser_staff(user, activity) -> bool:
    return bool(
        user.is_authenticated
        and user.role in STAFF_ROLES
        and user.agency_id
        and user.agency_id == activity.organiser_id
        and is_party_staff(user, activity.program)
    )


# On a monitoring visit (an activity): who records its findings.
can_record_finding = (
    is_admin
    | is_visit_organiser_staff
    | rules.predicate(lambda user, activity: is_lead_staff(user, activity.program))
)
