"""OIO Basic Privilege Profile (OIO-BPP): the privilege list KOMBIT's Context Handler sends as a base64 XML
SAML attribute. Pure: bytes in, (CVR, privilege URI) pairs out; what they mean is decided in rules.py."""

import base64
import binascii
from dataclasses import dataclass

# defusedxml (already a pysaml2 dependency): the list comes from outside, so no entity expansion.
from defusedxml import ElementTree

# OIOSAML 3 name, and the OIOSAML 2 name some Context Handler setups still send.
PRIVILEGE_ATTRIBUTES = (
    "https://data.gov.dk/model/core/eid/privilegesIntermediate",
    "dk:gov:saml:attribute:Privileges_intermediate",
)
CVR_SCOPE_PREFIX = "urn:dk:gov:saml:cvrNumberIdentifier:"


class PrivilegeListError(ValueError):
    """The attribute is not a readable OIO-BPP privilege list."""


@dataclass(frozen=True)
class Grant:
    cvr: str | None  # None: the group's scope is not a CVR number
    privilege: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_privilege_list(encoded: str) -> list[Grant]:
    """Every (scope, privilege) pair in one base64-encoded `PrivilegeList`. Element names are matched
    without namespace: the profile leaves `PrivilegeGroup` unqualified, some issuers qualify it."""
    try:
        xml = base64.b64decode("".join(encoded.split()), validate=True)
        root = ElementTree.fromstring(xml)
    except (binascii.Error, ValueError, ElementTree.ParseError) as exc:
        raise PrivilegeListError(str(exc)) from exc
    except Exception as exc:  # defusedxml refuses entities and DTDs with its own exceptions
        raise PrivilegeListError(str(exc)) from exc
    if _local(root.tag) != "PrivilegeList":
        raise PrivilegeListError(f"root element is {_local(root.tag)}, not PrivilegeList")
    grants = []
    for group in root.iter():
        if _local(group.tag) != "PrivilegeGroup":
            continue
        scope = (group.get("Scope") or "").strip()
        cvr = scope[len(CVR_SCOPE_PREFIX) :] if scope.startswith(CVR_SCOPE_PREFIX) else None
        for element in group:
            if _local(element.tag) == "Privilege" and (element.text or "").strip():
                grants.append(Grant(cvr=cvr, privilege=element.text.strip()))
    return grants


def grants_from_attributes(attributes: dict[str, list[str]]) -> list[Grant]:
    """All grants in the SAML attributes, under either attribute name."""
    grants: list[Grant] = []
    for name in PRIVILEGE_ATTRIBUTES:
        for value in attributes.get(name) or []:
            grants.extend(parse_privilege_list(value))
    return grants
