from io import StringIO

from stdnum.dk import cvr

from enterprises import demo
from enterprises.models import Enterprise, EnterpriseStatus


def test_demo_seed_is_valid_varied_and_idempotent(db):
    demo.seed(stdout=StringIO())
    demo.seed(stdout=StringIO())
    assert Enterprise.objects.count() == demo.COUNT
    assert all(cvr.is_valid(number) for number in Enterprise.objects.values_list("cvr", flat=True))
    assert Enterprise.objects.filter(status=EnterpriseStatus.ARCHIVED).exists()
    assert Enterprise.objects.stale().exists()
    assert Enterprise.objects.filter(rsv_registered=True).exists()
    for municipality in ("751", "461"):
        local = Enterprise.objects.active().with_usable_places().in_municipality(municipality)
        assert local.count() >= 20
        assert local.filter(offers__placement_type="virksomhedspraktik").exists()
        assert local.filter(challenge_areas="psykisk_saarbarhed").exists()


def test_generated_cvr_numbers_pass_modulus_11():
    import random

    numbers = demo.cvr_numbers(random.Random(1), 500)
    assert len(set(numbers)) == 500
    assert all(cvr.is_valid(n) for n in numbers)
