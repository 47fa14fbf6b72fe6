"""Exactly one main-menu item is marked current, on nested addresses too."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "current"),
    [("/enterprises/", "Virksomheder"), ("/enterprises/corrections/", "Rettelser"), ("/flyer/", "Flyer")],
)
def test_one_item_is_current(admin_client_, path, current):
    html = admin_client_.get(path).content.decode()
    menu = html[html.index('id="main-menu"') : html.index("</ul>", html.index('id="main-menu"'))]
    assert menu.count('aria-current="page"') == 1
    assert f'aria-current="page">{current}</a>' in menu
