"""Which ministry a minister's title names (``office_holders.ministry_of``)."""

import pytest

from monitor.nlp.office_holders import ministry_of


@pytest.mark.parametrize(
    ("title", "ministry"),
    [
        ("Interior Minister", "interior ministry"),
        ("Turkish Interior Minister", "interior ministry"),
        ("Italy's interior minister", "interior ministry"),
        ("Deputy Interior Minister", "interior ministry"),
        ("Belgium's Asylum and Migration Minister", "asylum and migration ministry"),
        ("Minister of the Interior", "Ministry of Interior"),
        ("Minister of Foreign Affairs, who led the talks", "Ministry of Foreign Affairs"),
        (
            "Spain\u2019s Minister for Inclusion, Social Security and Migration",
            "Ministry for Inclusion, Social Security and Migration",
        ),
        ("Minister of State for Immigration", "Ministry of Immigration"),
        # Heads of government and titles with no portfolio head no ministry.
        ("Prime Minister", None),
        ("Deputy Prime Minister", None),
        ("Prime Minister of Italy", None),
        ("Chief Minister of Punjab", None),
        ("Minister of State", None),
        ("minister", None),
        ("Home Secretary", None),
        (None, None),
    ],
)
def test_the_ministry_a_ministers_title_names(title, ministry):
    assert ministry_of(title) == ministry
