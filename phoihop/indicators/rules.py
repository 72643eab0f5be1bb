"""Who may do what with indicators: the parties' users read them (with the program's
figures); the lead agency's staff and administrators define them, set targets and enter
values by hand."""

import rules

from phoihop.programs.rules import can_edit_program, can_view_program_details

can_view_indicators = can_view_program_details
can_edit_indicators = can_edit_program

rules.add_perm("indicators.view_indicator", can_view_indicators)
rules.add_perm("indicators.change_indicator", can_edit_indicators)
