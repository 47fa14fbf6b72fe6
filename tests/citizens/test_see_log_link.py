"""The case page offers team leads "Se log for sagen": the audit log filtered to this citizen."""


def test_a_team_lead_goes_from_the_case_to_its_log(team_lead_client, citizen):
    html = team_lead_client.get(f"/citizens/{citizen.pk}/").content.decode()
    link = f'href="/audit/?citizen={citizen.pk}"'
    assert link in html and "Se log for sagen" in html
    response = team_lead_client.get(f"/audit/?citizen={citizen.pk}")
    shown = list(response.context["page"].object_list)
    assert shown and {(e.target_type, e.target_id) for e in shown} == {("citizen", citizen.pk)}


def test_a_caseworker_has_no_such_link(caseworker_client, citizen):
    html = caseworker_client.get(f"/citizens/{citizen.pk}/").content.decode()
    assert "Se log for sagen" not in html
