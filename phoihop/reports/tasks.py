"""The document build as a task of Django's Tasks API: inline with the immediate backend
(the default), in a worker when one is configured. The argument is the build's id, so that a
worker in another process can pick it up."""

from django.tasks import task


@task
def build_report(build_id: int) -> None:
    from phoihop.reports.services import report_build_run

    report_build_run(build_id=build_id)
