"""The whole demo, as `phoihop demo` loads it: the two programs with their agencies and
accounts (programs.demo), the Cần Thơ activities and annual plans (activities.demo) and
its indicators (indicators.demo). Idempotent; one transaction."""

from django.db import transaction

from phoihop.activities.demo import activities_demo
from phoihop.indicators.demo import indicators_demo
from phoihop.programs.demo import DEMO_PASSWORD, demo_load

__all__ = ["DEMO_PASSWORD", "load"]


@transaction.atomic
def load() -> dict:
    result = demo_load()
    cantho = result["programs"][0]
    users = {u.username: u for u in result["users"]}
    result["activities"] = activities_demo(program=cantho, agencies=result["agencies_by_key"], users=users)
    result["indicators"] = indicators_demo(program=cantho, by=users["bdt.cantho"])
    return result
