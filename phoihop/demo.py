"""The whole demo, as `phoihop demo` loads it: the two programs with their agencies and
accounts (programs.demo), the Cần Thơ activities and annual plans (activities.demo) and
its indicators (indicators.demo), exemplars (people.demo) and monitoring findings, and
the Thái Nguyên interim review of 1 December 2016 (reviews.demo), and the news
of the Cần Thơ Ban Dân tộc (news.demo). Idempotent; one transaction."""

from django.db import transaction

from phoihop.activities.demo import activities_demo
from phoihop.indicators.demo import indicators_demo
from phoihop.news.demo import news_demo
from phoihop.people.demo import exemplars_demo
from phoihop.programs.demo import DEMO_PASSWORD, demo_load
from phoihop.reviews.demo import cantho_findings_demo, thainguyen_demo

__all__ = ["DEMO_PASSWORD", "load"]


@transaction.atomic
def load() -> dict:
    result = demo_load()
    cantho = result["programs"][0]
    users = {u.username: u for u in result["users"]}
    result["activities"] = activities_demo(program=cantho, agencies=result["agencies_by_key"], users=users)
    result["indicators"] = indicators_demo(program=cantho, by=users["bdt.cantho"])
    agencies = result["agencies_by_key"]
    result["exemplars"] = exemplars_demo(program=cantho, agencies=agencies, users=users)
    result["findings"] = cantho_findings_demo(program=cantho, agencies=agencies, users=users)
    result["reviews"] = thainguyen_demo(program=result["programs"][1], agencies=agencies, users=users)
    result["articles"] = news_demo(program=cantho, users=users)
    return result
