from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from enterprises.csv_io import export_csv, import_csv
from enterprises.models import Enterprise, ImportJob
from portal.core.models import AuditEvent
from tests.enterprises.conftest import make_enterprise

HEADER = "CVR;Navn;Postnummer;rsv;ordinaert_ansatte;maalgrupper;tilbud;erfaring;type;status;kontaktperson;branchekode"


def csv_bytes(
    rows: list[str], *, header: str = HEADER, sep: str = ";", encoding: str = "utf-8", bom=False
) -> bytes:
    text = "\r\n".join([header, *rows]).replace(";", sep) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def row(cvr: str, name: str = "Økohaven Århus", **kw) -> str:
    values = {
        "postnummer": "8000",
        "rsv": "ja",
        "fte": "12,5",
        "groups": "dagpenge|sygedagpenge",
        "offers": "virksomhedspraktik:2|loentilskud:1",
        "areas": "misbrug",
        "type": "",
        "status": "",
        "contact": "Søren Ærø",
        "industry": "01",
    } | kw
    return ";".join(
        [
            cvr,
            name,
            values["postnummer"],
            values["rsv"],
            values["fte"],
            values["groups"],
            values["offers"],
            values["areas"],
            values["type"],
            values["status"],
            values["contact"],
            values["industry"],
        ]
    )


@pytest.mark.parametrize(
    ("sep", "encoding", "bom"),
    [
        (";", "utf-8", True),
        (";", "utf-8", False),
        (",", "utf-8", False),
        (";", "cp1252", False),
        (",", "cp1252", False),
    ],
)
def test_it_imports_both_encodings_and_both_separators(db, valid_cvr, sep, encoding, bom):
    fte = "12.5" if sep == "," else "12,5"
    report = import_csv(csv_bytes([row(valid_cvr, fte=fte)], sep=sep, encoding=encoding, bom=bom))
    assert report.ok, report.errors
    enterprise = Enterprise.objects.get(cvr=valid_cvr)
    assert enterprise.name == "Økohaven Århus"
    assert enterprise.municipality_id == "751"
    assert enterprise.rsv_registered
    assert enterprise.ordinary_staff_fte == Decimal("12.5")
    assert enterprise.industry_id == "01"
    assert sorted(enterprise.target_groups.values_list("code", flat=True)) == ["dagpenge", "sygedagpenge"]
    assert {o.placement_type_id: o.places for o in enterprise.offers.all()} == {
        "virksomhedspraktik": 2,
        "loentilskud": 1,
    }
    assert enterprise.contacts.get(is_primary=True).name == "Søren Ærø"
    assert report.created == 1


def test_one_bad_line_writes_nothing_and_names_line_column_and_reason(db, valid_cvr):
    good = row(valid_cvr)
    data = csv_bytes(
        [
            good,
            row("12345678", name="Forkert CVR"),
            row(
                valid_cvr[:-1] + "0" if valid_cvr[-1] != "0" else valid_cvr[:-1] + "1",
                postnummer="0999",
                offers="virksomhedspraktik:-1",
            ),
            row(valid_cvr, name="Dublet"),
            row("", name="", groups="ukendt_kode"),
        ]
    )
    report = import_csv(data)
    assert not report.ok
    assert not Enterprise.objects.exists()
    messages = [str(e) for e in report.errors]
    # The failing value is shown, and for code columns the valid codes.
    assert (
        "Linje 3, kolonne »cvr«: Ugyldigt CVR-nummer (kontrolcifferet passer ikke). Værdi: »12345678«."
        in messages
    )
    assert "Linje 4, kolonne »postnummer«: Ukendt postnummer: 0999. Værdi: »0999«." in messages
    assert (
        "Linje 4, kolonne »tilbud«: Antal pladser for virksomhedspraktik kan ikke være negativt. "
        "Værdi: »virksomhedspraktik:-1«." in messages
    )
    assert "Linje 5, kolonne »cvr«: CVR-nummeret står også på linje 2." in messages
    assert any(m.startswith("Linje 6, kolonne »navn«") for m in messages)
    groups = next(m for m in messages if m.startswith("Linje 6, kolonne »maalgrupper«"))
    assert "Ukendt kode: ukendt_kode (gyldige: dagpenge, " in groups and "Værdi: »ukendt_kode«." in groups


def test_codes_ignore_case_and_danish_letters(db, valid_cvr):
    data = csv_bytes(
        [
            row(
                valid_cvr,
                type="Socialøkonomisk",
                groups="Dagpenge|SYGEDAGPENGE",
                offers="Løntilskud:2",
                areas="Misbrug",
            )
        ]
    )
    report = import_csv(data)
    assert report.ok, [str(e) for e in report.errors]
    enterprise = Enterprise.objects.get(cvr=valid_cvr)
    assert enterprise.kind == "socialoekonomisk"
    assert {o.placement_type_id for o in enterprise.offers.all()} == {"loentilskud"}


def test_missing_required_and_unknown_columns_are_reported(db, valid_cvr):
    report = import_csv(f"cvr;navn;postnr\n{valid_cvr};A;8000\n".encode())
    assert [str(e) for e in report.errors] == [
        "Linje 1, kolonne »postnr«: Ukendt kolonne. Kendte kolonner: "
        "cvr, navn, type, status, adresse, postnummer, kommunekode, branchekode, beskrivelse, hjemmeside, "
        "email, telefon, kontaktperson, rsv, ordinaert_ansatte, maalgrupper, erfaring, tilbud, p_nummer.",
        "Linje 1, kolonne »postnummer«: Kolonnen mangler; den er påkrævet.",
    ]


def test_it_upserts_by_cvr_and_keeps_places_taken(db):
    enterprise = make_enterprise("Gammelt navn", offers={"virksomhedspraktik": 3, "fleksjob": 1})
    enterprise.offers.filter(placement_type="virksomhedspraktik").update(places_taken=2)
    report = import_csv(csv_bytes([row(enterprise.cvr, name="Nyt navn", offers="virksomhedspraktik:4")]))
    assert report.ok and report.updated == 1 and report.created == 0
    enterprise.refresh_from_db()
    assert enterprise.name == "Nyt navn"
    offer = enterprise.offers.get()
    assert (offer.placement_type_id, offer.places, offer.places_taken) == ("virksomhedspraktik", 4, 2)


def test_an_import_cannot_take_away_places_in_use(db):
    enterprise = make_enterprise(offers={"virksomhedspraktik": 3})
    enterprise.offers.update(places_taken=2)
    report = import_csv(csv_bytes([row(enterprise.cvr, offers="loentilskud:1")]))
    assert [str(e) for e in report.errors] == [
        "Linje 2, kolonne »tilbud«: virksomhedspraktik: Der er allerede 2 optagne pladser; "
        "antallet kan ikke være lavere."
    ]
    assert enterprise.offers.get().places == 3


def test_export_then_import_is_a_lossless_round_trip(db, django_db_blocker):
    make_enterprise(
        'Café; "Bro" & Co',
        postcode="5000",
        offers={"virksomhedspraktik": 2, "skaanejob": 0},
        target_groups=["dagpenge", "foertidspension"],
        challenge_areas=["misbrug", "sprogbarriere"],
        contact="Åse Øberg",
        description="Linje 1\nLinje 2 med æøå",
        address="Vestergade 1",
        website="https://cafebro.dk",
        email="hej@cafebro.dk",
        phone="+45 12 34 56 78",
        rsv_registered=True,
        ordinary_staff_fte=Decimal("7.25"),
        kind="socialt_ansvarlig",
        status="paused",
        industry_id="56",
        p_number="1234567890",
    )
    make_enterprise("Minimal", postcode="9000")
    first = export_csv(Enterprise.objects.order_by("cvr"))
    assert first.startswith("\ufeffcvr;navn;")
    before = {e.cvr: e for e in Enterprise.objects.all()}
    Enterprise.objects.all().delete()
    report = import_csv(first.encode("utf-8"))
    assert report.ok, report.errors
    assert export_csv(Enterprise.objects.order_by("cvr")) == first
    after = Enterprise.objects.get(name__startswith="Café")
    original = next(e for e in before.values() if e.name.startswith("Café"))
    for field in [
        "name",
        "kind",
        "status",
        "address",
        "postcode_id",
        "municipality_id",
        "industry_id",
        "description",
        "website",
        "email",
        "phone",
        "rsv_registered",
        "ordinary_staff_fte",
        "p_number",
    ]:
        assert getattr(after, field) == getattr(original, field), field


def test_the_command_has_a_dry_run_and_fails_on_errors(db, tmp_path, valid_cvr):
    path = tmp_path / "virksomheder.csv"
    path.write_bytes(csv_bytes([row(valid_cvr)]))
    out = StringIO()
    call_command("import_enterprises", str(path), "--dry-run", stdout=out)
    assert "1 nye" in out.getvalue() and not Enterprise.objects.exists()
    call_command("import_enterprises", str(path), stdout=out)
    assert Enterprise.objects.filter(cvr=valid_cvr).exists()
    path.write_bytes(csv_bytes([row("12345678")]))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_enterprises", str(path), stdout=out, stderr=err)
    assert "Linje 2, kolonne »cvr«" in err.getvalue()


def test_web_import_previews_then_writes_on_confirm(
    admin_client_, valid_cvr, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "v.csv", csv_bytes([row(valid_cvr)], encoding="cp1252"), content_type="text/csv"
    )
    preview = admin_client_.post("/enterprises/import/", {"file": upload})
    assert preview.status_code == 200
    assert "Alle linjer er i orden" in preview.content.decode()
    assert not Enterprise.objects.exists()
    token = preview.context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client_.post("/enterprises/import/", {"token": token})
    job = ImportJob.objects.get()
    assert done.status_code == 302 and done.url == f"/enterprises/import/{job.pk}/"
    assert Enterprise.objects.filter(cvr=valid_cvr).exists()
    assert AuditEvent.objects.filter(action="enterprise_import").exists()
    # Confirming twice gives the one job, not a second import.
    again = admin_client_.post("/enterprises/import/", {"token": token})
    assert again.status_code == 302 and again.url == done.url
    assert ImportJob.objects.count() == 1
    result = admin_client_.get(done.url).content.decode()
    assert "Importen er gennemført: 1 oprettet, 0 opdateret." in result


def test_web_import_shows_the_error_report(admin_client_):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("v.csv", csv_bytes([row("12345678")]), content_type="text/csv")
    response = admin_client_.post("/enterprises/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Intet er gemt" in html and "Ugyldigt CVR-nummer" in html
    assert "Gennemfør importen" not in html


def test_export_follows_the_filters_and_is_excel_friendly(caseworker_client):
    make_enterprise("Aarhus", postcode="8000")
    make_enterprise("Odense", postcode="5000")
    response = caseworker_client.get("/enterprises/export.csv", {"municipality": "461"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffcvr;navn;type")
    assert "Odense" in body and "Aarhus;" not in body


def test_formula_like_cells_are_defused_for_excel_and_restored_on_import(db):
    make_enterprise('=HYPERLINK("http://x.invalid","Klik")', postcode="8000", phone="+45 12 34 56 78")
    exported = export_csv(Enterprise.objects.all())
    line = exported.splitlines()[1]
    assert "'=HYPERLINK" in line and "'+45 12 34 56 78" in line
    assert ";=HYPERLINK" not in line and ";+45" not in line
    Enterprise.objects.all().delete()
    assert import_csv(exported.encode("utf-8")).ok
    restored = Enterprise.objects.get()
    assert restored.name == '=HYPERLINK("http://x.invalid","Klik")'
    assert restored.phone == "+45 12 34 56 78"


def test_a_cvr_written_with_dk_prefix_updates_the_existing_enterprise(db):
    enterprise = make_enterprise("Gammelt navn", postcode="8000")
    report = import_csv(csv_bytes([row(f"DK {enterprise.cvr}", name="Nyt navn")]))
    assert report.ok, report.errors
    assert (report.created, report.updated) == (0, 1)
    assert Enterprise.objects.get().name == "Nyt navn"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{cvr};Kort linje;8000", "Linje 2: Linjen har færre felter end overskriften."),
        ("{cvr};Lang;8000;" + "x" * 200_000, "Linje 2: Linjen kan ikke læses: et felt er for langt."),
        (
            "{cvr};Nul\x00byte;8000;Tekst",
            "Linje 2, kolonne »navn«: Feltet indeholder et ugyldigt tegn (NUL).",
        ),
    ],
    ids=["short-row", "over-long-cell", "nul-byte"],
)
def test_a_broken_line_is_a_line_error_on_the_web_and_nothing_is_written(
    admin_client_, valid_cvr, line, expected
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = f"cvr;navn;postnummer;beskrivelse\r\n{line.format(cvr=valid_cvr)}\r\n".encode()
    response = admin_client_.post(
        "/enterprises/import/", {"file": SimpleUploadedFile("register.csv", data, "text/csv")}
    )
    assert response.status_code == 400
    assert [str(e) for e in response.context["report"].errors] == [expected]
    assert not Enterprise.objects.exists()
