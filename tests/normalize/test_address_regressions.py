"""Parsing faults found by `dgate evaluate` on synthetic requests, kept fixed."""

from dgate.normalize.address import normalize_address


def test_bare_unit_after_road_is_a_unit() -> None:
    a = normalize_address("3662 Central Road 7F", "", "Houston", "TX", "77035")
    assert (a.street_name, a.suffix, a.unit) == ("CENTRAL", "RD", "7F")
    b = normalize_address("3662 CENTRAL RD", "APT 7F", "HOUSTON", "TX", "77035")
    assert a == b


def test_numbered_county_road_is_not_a_unit() -> None:
    a = normalize_address("12 County Road 45", "", "Alvin", "TX", "77511")
    assert a.unit == "" and "45" in a.street_name


def test_city_named_like_a_street_word_is_kept_as_city() -> None:
    a = normalize_address("", "", "", "", "", "5222 SAN PEDRO RD 65, BOULEVARD, CA 91905")
    assert (a.house, a.street_name, a.suffix, a.unit) == ("5222", "SAN PEDRO", "RD", "65")
    assert (a.city, a.state, a.zip5) == ("BOULEVARD", "CA", "91905")


def test_unit_as_its_own_comma_part() -> None:
    a = normalize_address("", "", "", "", "", "123 Main St, Apt 4B, Austin, Texas 78701-1234")
    b = normalize_address("123 MAIN STREET", "#4B", "Austin", "TX", "78701")
    assert (a.house, a.street_name, a.suffix, a.unit, a.city, a.state, a.zip5) == (
        b.house, b.street_name, b.suffix, b.unit, b.city, b.state, b.zip5)
    assert a.zip4 == "1234"
