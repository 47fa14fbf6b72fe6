"""OIO-BPP privilege lists as KOMBIT's Context Handler sends them, and what they mean for the portal."""

import base64

import pytest

from portal.core.models import Role
from portal.signin.oiobpp import Grant, PrivilegeListError, grants_from_attributes, parse_privilege_list
from portal.signin.rules import SignInRefused, saml_claimed
from tests.signin.saml_idp import privilege_list

PREFIX = "http://brobygger.dk/roles/"
AARHUS, ODENSE = "55133018", "35209115"


def scope(cvr: str) -> str:
    return f"urn:dk:gov:saml:cvrNumberIdentifier:{cvr}"


def test_it_reads_scope_and_privilege_from_each_group():
    encoded = privilege_list([(scope(AARHUS), PREFIX + "sagsbehandler"), ("urn:other", "http://x/y")])
    assert parse_privilege_list(encoded) == [
        Grant(cvr=AARHUS, privilege=PREFIX + "sagsbehandler"),
        Grant(cvr=None, privilege="http://x/y"),
    ]


def test_it_reads_qualified_group_names_and_several_privileges_per_group():
    xml = (
        '<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">'
        f'<bpp:PrivilegeGroup Scope="{scope(AARHUS)}"><bpp:Privilege>{PREFIX}teamleder</bpp:Privilege>'
        "<bpp:Privilege>http://other.dk/roles/x</bpp:Privilege></bpp:PrivilegeGroup></bpp:PrivilegeList>"
    )
    grants = parse_privilege_list(base64.b64encode(xml.encode()).decode())
    assert [g.privilege for g in grants] == [PREFIX + "teamleder", "http://other.dk/roles/x"]


@pytest.mark.parametrize(
    "name",
    [
        "https://data.gov.dk/model/core/eid/privilegesIntermediate",
        "dk:gov:saml:attribute:Privileges_intermediate",
    ],
)
def test_it_accepts_both_attribute_names(name):
    attributes = {name: [privilege_list([(scope(AARHUS), PREFIX + "sagsbehandler")])]}
    assert grants_from_attributes(attributes) == [Grant(cvr=AARHUS, privilege=PREFIX + "sagsbehandler")]


@pytest.mark.parametrize(
    "encoded",
    [
        "ikke base64!",
        base64.b64encode(b"<not-closed").decode(),
        base64.b64encode(b"<Other/>").decode(),
        # an entity expansion bomb is refused, not expanded
        base64.b64encode(b'<!DOCTYPE x [<!ENTITY a "aaaa">]><PrivilegeList>&a;</PrivilegeList>').decode(),
    ],
)
def test_it_refuses_what_is_not_a_privilege_list(encoded):
    with pytest.raises(PrivilegeListError):
        parse_privilege_list(encoded)


def test_one_role_in_one_municipality_is_a_claim():
    claimed = saml_claimed([Grant(AARHUS, PREFIX + "sagsbehandler")], prefix=PREFIX)
    assert (claimed.role, claimed.municipalities, claimed.by_cvr) == (Role.CASEWORKER, {AARHUS}, True)


def test_privileges_of_other_systems_are_ignored():
    grants = [Grant(AARHUS, "http://andet-system.dk/roles/admin"), Grant(AARHUS, PREFIX + "teamleder")]
    assert saml_claimed(grants, prefix=PREFIX).role == Role.TEAM_LEAD


def test_the_prefix_is_configurable():
    grants = [Grant(AARHUS, "http://kommune.dk/bb/registeradministrator")]
    assert saml_claimed(grants, prefix="http://kommune.dk/bb/").role == Role.ADMIN


@pytest.mark.parametrize(
    "grants, message",
    [
        ([], "ingen gyldig rolle"),
        ([Grant(AARHUS, PREFIX + "superbruger")], "ingen gyldig rolle"),
        ([Grant(AARHUS, PREFIX + "sagsbehandler"), Grant(AARHUS, PREFIX + "teamleder")], "mere end én rolle"),
        ([Grant(None, PREFIX + "sagsbehandler")], "ikke knyttet til en kommune"),
    ],
)
def test_it_refuses_with_a_danish_reason(grants, message):
    with pytest.raises(SignInRefused) as refused:
        saml_claimed(grants, prefix=PREFIX)
    assert message in refused.value.reason


def test_the_same_role_in_two_municipalities_keeps_both_for_the_jobcenter_check():
    grants = [Grant(AARHUS, PREFIX + "sagsbehandler"), Grant(ODENSE, PREFIX + "sagsbehandler")]
    assert saml_claimed(grants, prefix=PREFIX).municipalities == {AARHUS, ODENSE}
