"""Agencies are public institutions: everyone may read them; administrators change them."""

import rules

from phoihop.core.rules import is_admin

can_edit_agency = is_admin

rules.add_perm("agencies.view_agency", rules.always_allow)
rules.add_perm("agencies.add_agency", is_admin)
rules.add_perm("agencies.change_agency", is_admin)
