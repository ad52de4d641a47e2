from controlbrief.identity import identity_keys, provision_id
from controlbrief.models import ProductScope, Threshold


def test_identity_provision_id_is_stable_and_content_based():
    a = provision_id("d" * 16, "threshold", {"value": 0.1, "unit": "percent"}, (1, 5))
    assert a == provision_id("d" * 16, "threshold", {"unit": "percent", "value": 0.1}, (1, 5))
    assert a != provision_id("d" * 16, "threshold", {"value": 0.05, "unit": "percent"}, (1, 5))
    assert a != provision_id("e" * 16, "threshold", {"value": 0.1, "unit": "percent"}, (1, 5))


def test_identity_keys_follow_the_spec():
    t = Threshold(id="x", text="t", span=(0, 1), pattern="threshold.or_more", value=0.1, unit="percent",
                  comparator=">=", measure="The Value of Chinese-origin content")
    s = ProductScope(id="y", text="t", span=(0, 1), pattern="product_scope.controlled", items=["holmium"], codes=["1C902"], technology=False)
    assert identity_keys(t) == ["percent|value of chinese-origin content"]
    assert identity_keys(s) == ["item:holmium", "code:1C902"]
