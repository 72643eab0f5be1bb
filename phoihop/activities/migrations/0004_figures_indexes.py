# Indexes the dashboards read from, and each participation row's program and status
# (copied from its activity) so that a province's participants are one index range.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_programs(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    Participation = apps.get_model("activities", "Participation")
    of_activity = Activity.objects.filter(pk=OuterRef("activity_id"))
    Participation.objects.update(
        program_id=Subquery(of_activity.values("program_id")[:1]),
        status=Subquery(of_activity.values("status")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0003_list_index"),
        ("agencies", "0002_vietnamese_order"),
        ("programs", "0001_initial"),
        ("reference", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="program",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="programs.program",
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="status",
            field=models.CharField(
                choices=[("draft", "Nháp"), ("submitted", "Đã gửi"), ("accepted", "Đã xác nhận"), ("returned", "Trả lại")],
                default="draft",
                editable=False,
                max_length=10,
            ),
        ),
        migrations.RunPython(copy_programs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="participation",
            name="program",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="programs.program",
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                fields=[
                    "program",
                    "status",
                    "start_date",
                    "organiser",
                    "kind",
                    "content_area",
                    "total_participants",
                    "budget_vnd",
                ],
                name="activity_figures",
            ),
        ),
        migrations.AddIndex(
            model_name="participation",
            index=models.Index(
                fields=["program", "status", "ethnic_group", "sex", "age_band", "count"],
                name="participation_figures",
            ),
        ),
        migrations.AddIndex(
            model_name="participation",
            index=models.Index(
                fields=["activity", "ethnic_group", "sex", "age_band", "count"],
                name="participation_by_activity",
            ),
        ),
    ]
