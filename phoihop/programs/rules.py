"""Who may do what with a program. Views, the API and templates all ask these.

- officers and leaders of the lead agency edit, sign, activate, close, delete, restore;
- officers of partner agencies (any user of a party agency) read everything and comment;
- everybody else sees only the public summary of signed, active or closed programs.
"""

import rules

from phoihop.core.rules import STAFF_ROLES, is_admin, is_staff_member
from phoihop.programs.models import Role


def _party_agencies(program, role: str | None = None) -> set[int]:
    # Parties are usually prefetched; reading .all() then costs no query.
    return {p.agency_id for p in program.parties.all() if role is None or p.role == role}


@rules.predicate
def is_party_member(user, program) -> bool:
    return bool(user.is_authenticated and user.agency_id and user.agency_id in _party_agencies(program))


@rules.predicate
def is_lead_staff(user, program) -> bool:
    return bool(
        user.is_authenticated
        and user.agency_id
        and user.role in STAFF_ROLES
        and user.agency_id in _party_agencies(program, Role.LEAD)
    )


@rules.predicate
def is_party_staff(user, program) -> bool:
    return bool(user.is_authenticated and user.role in STAFF_ROLES and is_party_member(user, program))


@rules.predicate
def is_public_program(user, program) -> bool:
    return program.is_public


@rules.predicate
def is_draft(user, program) -> bool:
    return program.status == "draft"


can_view_program = is_admin | is_party_member | is_public_program
can_view_program_details = is_admin | is_party_member
can_edit_program = is_admin | is_lead_staff
can_comment_program = is_admin | is_party_staff
can_create_program = is_admin | is_staff_member

rules.add_perm("programs.view_program", can_view_program)
rules.add_perm("programs.view_program_details", can_view_program_details)
rules.add_perm("programs.change_program", can_edit_program)
rules.add_perm("programs.comment_program", can_comment_program)
rules.add_perm("programs.add_program", can_create_program)
rules.add_perm("programs.delete_program", can_edit_program)
