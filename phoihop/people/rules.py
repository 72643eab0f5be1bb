"""Who may do what with exemplars.

- read: a record with consent to publication, in a public program, is open to everybody
  (anonymous callers of the API included); a record without it only to the officers and
  leaders of the program's parties and to administrators. News editors are not officers:
  they read consented records only. Lists decide the same thing in the query
  (`Exemplar.objects.visible_to`), so a hidden record is a 404;
- write (record, edit, delete, add recognitions): the officers and leaders of the
  program's parties, and administrators.
"""

import rules

from phoihop.core.rules import is_admin
from phoihop.programs.rules import is_party_staff


@rules.predicate
def has_consent(user, exemplar) -> bool:
    return bool(exemplar.consent_to_publish)


@rules.predicate
def is_in_public_program(user, exemplar) -> bool:
    return exemplar.program.is_public


@rules.predicate
def is_exemplar_party_staff(user, exemplar) -> bool:
    return is_party_staff(user, exemplar.program)


can_view_exemplar = is_admin | is_exemplar_party_staff | (has_consent & is_in_public_program)
can_edit_exemplar = is_admin | is_exemplar_party_staff

# On a program: who may record exemplars under it, and see the ones without consent.
can_record_exemplar = is_admin | is_party_staff

rules.add_perm("people.view_exemplar", can_view_exemplar)
rules.add_perm("people.change_exemplar", can_edit_exemplar)
rules.add_perm("people.delete_exemplar", can_edit_exemplar)
