"""Who may do what with documents.

- administrators replace the templates (a template is what every party's reports look like);
- the users of a program's party agencies, and administrators, build and download its
  documents (`can_view_program_details`); to anyone else the program's documents do not exist.
"""

import rules

from phoihop.core.rules import is_admin
from phoihop.programs.rules import can_view_program_details

can_manage_templates = is_admin
can_build_report = can_view_program_details

rules.add_perm("reports.change_documenttemplate", can_manage_templates)
