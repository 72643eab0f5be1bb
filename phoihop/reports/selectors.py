"""Reads of templates and builds shared by pages, the API and the command line."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from phoihop.reports import rules
from phoihop.reports.docx import KINDS, PLACEHOLDERS, REQUIRED
from phoihop.reports.models import DocumentTemplate, ReportBuild

VERSIONS_SHOWN = 10


def template_catalogue() -> list[dict]:
    """Per kind: its label, the active upload (None: the default is used), the earlier
    uploads, and the placeholders [{name, description, required}]."""
    uploads: dict[str, list] = {kind: [] for kind in KINDS}
    for template in DocumentTemplate.objects.defer("content").select_related("uploaded_by", "replaced_by"):
        if len(uploads[template.kind]) <= VERSIONS_SHOWN:
            uploads[template.kind].append(template)
    catalogue = []
    for kind, label in KINDS.items():
        versions = uploads[kind]
        active = next((t for t in versions if t.is_active), None)
        catalogue.append(
            {
                "kind": kind,
                "label": label,
                "active": active,
                "earlier": [t for t in versions if t is not active][:VERSIONS_SHOWN],
                "placeholders": [
                    {"name": name, "description": text, "required": name in REQUIRED[kind]}
                    for name, text in PLACEHOLDERS[kind].items()
                ],
            }
        )
    return catalogue


def template_version(*, pk: int) -> DocumentTemplate:
    return get_object_or_404(DocumentTemplate, pk=pk)


def build_target(*, kind: str, pk: int, user):
    """The review (review_report) or program (program_document, annual_report) a document of
    `kind` is built for, if `user` may build it; else 404, whether it exists or not."""
    if kind not in KINDS:
        raise Http404
    if kind == "review_report":
        from phoihop.reviews.selectors import review_get

        target = review_get(user=user, pk=pk)
        program = target.program
    else:
        from phoihop.programs.selectors import program_get

        target = program = program_get(user=user, pk=pk)
    if not rules.can_build_report(user, program):
        raise Http404
    return target


def build_list(*, user) -> QuerySet:
    """The builds a user asked for."""
    return ReportBuild.objects.filter(requested_by=user).select_related("program")


def build_get(*, user, pk: int) -> ReportBuild:
    """A build of a live program the user may build documents for, or 404."""
    build = get_object_or_404(
        ReportBuild.objects.select_related("program", "requested_by").filter(
            program__deleted_at__isnull=True
        ),
        pk=pk,
    )
    if not user.is_authenticated or not rules.can_build_report(user, build.program):
        raise Http404
    return build
