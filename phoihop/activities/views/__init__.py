"""The activity pages: list, record/edit, detail and review (pages), evidence files
(evidence), the program and province dashboards (dashboard), the reporting cockpit
(reporting), annual plans (plans), and spreadsheet import, template and export
(spreadsheets)."""

from phoihop.activities.views.dashboard import dashboard, province_dashboard
from phoihop.activities.views.evidence import evidence_add, evidence_delete, evidence_file
from phoihop.activities.views.pages import (
    activity_accept,
    activity_create,
    activity_detail,
    activity_edit,
    activity_list,
    activity_return,
    activity_submit,
    review_queue,
)
from phoihop.activities.views.plans import plan_edit, plan_list
from phoihop.activities.views.reporting import reporting, reporting_remind
from phoihop.activities.views.spreadsheets import import_confirm, import_page, import_template

__all__ = [
    "activity_accept",
    "activity_create",
    "activity_detail",
    "activity_edit",
    "activity_list",
    "activity_return",
    "activity_submit",
    "dashboard",
    "evidence_add",
    "evidence_delete",
    "evidence_file",
    "import_confirm",
    "import_page",
    "import_template",
    "plan_edit",
    "plan_list",
    "province_dashboard",
    "reporting",
    "reporting_remind",
    "review_queue",
]
