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
    assert identity_keys(t) == ["value of chinese-origin content|percent|"]
    assert identity_keys(s) == ["item:holmium", "code:1C902"]


def test_identity_thresholds_by_measure_key_unit_and_applies_to():
    """'50% equity' and '50% stake' are one threshold; each code's own limit is its own."""
    def t(measure, key, applies=()):
        return Threshold(id="x", text="t", span=(0, 1), pattern="p", value=50, unit="percent", comparator=">=", measure=measure,
                         measure_key=key, applies_to=list(applies))
    assert identity_keys(t("equity", "ownership_share")) == identity_keys(t("stake", "ownership_share"))
    assert identity_keys(t("size", "particle_size", ["2C902.a"])) != identity_keys(t("size", "particle_size", ["2C902.c"]))
