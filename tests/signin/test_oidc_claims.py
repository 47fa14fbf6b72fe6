"""What an OpenID Connect provider's claims mean: one role, a municipality this issuer may speak for."""

import pytest

from portal.core.models import Role
from portal.signin.rules import SignInRefused, oidc_claimed


def claimed(claims, allowed=("751", "461")):
    return oidc_claimed(claims, role_claim="roles", municipality_claim="kommunekode", allowed=allowed)


@pytest.mark.parametrize("roles", ["teamleder", ["teamleder"], ["teamleder", "andet-system-rolle"]])
def test_the_role_claim_may_be_a_string_or_a_list(roles):
    result = claimed({"roles": roles, "kommunekode": "751"})
    assert (result.role, result.municipalities, result.by_cvr) == (Role.TEAM_LEAD, {"751"}, False)


def test_a_numeric_municipality_code_is_padded():
    assert claimed({"roles": "sagsbehandler", "kommunekode": 101}, allowed=["101"]).municipalities == {"101"}


@pytest.mark.parametrize(
    "claims, message",
    [
        ({"kommunekode": "751"}, "ingen gyldig rolle"),
        ({"roles": ["sagsbehandler", "teamleder"], "kommunekode": "751"}, "mere end én rolle"),
        ({"roles": "sagsbehandler"}, "oplyste ikke din kommune"),
        ({"roles": "sagsbehandler", "kommunekode": "101"}, "må ikke give adgang for kommune 101"),
    ],
)
def test_it_refuses_with_a_danish_reason(claims, message):
    with pytest.raises(SignInRefused) as refused:
        claimed(claims)
    assert message in refused.value.reason
