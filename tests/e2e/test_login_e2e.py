import pytest

DEMO_USERS = [
    ("sagsbehandler", "Sagsbehandler i Jobcenter Aarhus"),
    ("teamleder", "Teamleder i Jobcenter Aarhus"),
    ("sagsbehandler2", "Sagsbehandler i Jobcenter Odense"),
    ("admin", "Registeradministrator"),
]


@pytest.mark.parametrize(("username", "greeting"), DEMO_USERS)
def test_each_demo_user_logs_in_and_sees_the_home_page(
    page, live_server, demo_data, login, username, greeting
):
    login(username)
    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Velkommen")
    assert greeting in page.locator("main").inner_text()


def test_a_wrong_password_shows_a_danish_error(page, live_server, demo_data, login):
    login("sagsbehandler", "forkert-kode")
    assert "/accounts/login/" in page.url
    assert "Forkert brugernavn eller adgangskode" in page.locator("main").inner_text()


def test_login_and_home_pages_have_no_wcag_violations(page, live_server, demo_data, login, axe, screenshot):
    page.goto(f"{live_server.url}/accounts/login/")
    assert axe() == []
    login("teamleder")
    assert axe() == []
    screenshot("home-teamleder")


def test_logout_returns_to_login(page, live_server, demo_data, login):
    login("sagsbehandler")
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()
    assert "/accounts/login/" in page.url
