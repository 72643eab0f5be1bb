import factory

from phoihop.accounts.models import Role as UserRole
from phoihop.accounts.models import User
from phoihop.agencies.models import Agency
from phoihop.programs.models import ContentArea, Party, Program, Role, Status
from phoihop.reference.models import AdministrativeUnit, AgencyKind

PASSWORD = "Mat-khau-thu-nghiem-2025"


def province(code: str = "92") -> AdministrativeUnit:
    """A current-era province from the loaded reference data (92 = Cần Thơ)."""
    return AdministrativeUnit.objects.get(era="current", level="province", code=code)


def kind(code: str) -> AgencyKind:
    return AgencyKind.objects.get(code=code)


class ValidatedFactory(factory.django.DjangoModelFactory):
    """Saves through full_clean(), as the services do (NFC text, search column)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.full_clean()
        obj.save()
        return obj


class AgencyFactory(ValidatedFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Cơ quan thử nghiệm số {n}")
    kind = factory.LazyFunction(lambda: kind("ethnic_affairs"))
    level = "province"
    province = factory.LazyFunction(province)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    first_name = "Lan"
    last_name = "Nguyễn Thị"
    role = UserRole.OFFICER
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class ProgramFactory(ValidatedFactory):
    class Meta:
        model = Program

    title = factory.Sequence(lambda n: f"Chương trình phối hợp thực hiện công tác dân tộc số {n}")
    phase_start = 2021
    phase_end = 2025
    province = factory.LazyFunction(province)
    status = Status.DRAFT


def make_program(lead: Agency, partners: list[Agency] = (), **kwargs) -> Program:
    program = ProgramFactory(**kwargs)
    Party.objects.create(
        program=program, agency=lead, role=Role.LEAD, signatory_name="Trần Văn Minh", order=0
    )
    for i, agency in enumerate(partners, start=1):
        Party.objects.create(program=program, agency=agency, role=Role.PARTNER, order=i)
    ContentArea.objects.create(program=program, number=1, title="Tuyên truyền chính sách dân tộc")
    ContentArea.objects.create(program=program, number=2, title="Phát triển kinh tế, giảm nghèo")
    return program
