"""Endpoints registered with identity providers (stable: changing one means re-registering with KOMBIT)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from djangosaml2 import views as saml_views

from portal.signin import oidc, saml, views

saml_only = views.only_when("SAML_ENABLED")
oidc_only = views.only_when("OIDC_ISSUER")

saml_urlpatterns = [
    path("login/", login_not_required(saml_only(saml.LoginView.as_view())), name="saml2_login"),
    path("acs/", login_not_required(saml_only(saml.AcsView.as_view())), name="saml2_acs"),
    path("logout/", saml_only(saml_views.LogoutInitView.as_view()), name="saml2_logout"),
    path("ls/", login_not_required(saml_only(saml_views.LogoutView.as_view())), name="saml2_ls"),
    path("ls/post/", login_not_required(saml_only(saml_views.LogoutView.as_view())), name="saml2_ls_post"),
    path(
        "metadata/", login_not_required(saml_only(saml_views.MetadataView.as_view())), name="saml2_metadata"
    ),
]

oidc_urlpatterns = [
    path(
        "authenticate/",
        login_not_required(oidc_only(oidc.AuthenticationRequestView.as_view())),
        name="oidc_authentication_init",
    ),
    path(
        "callback/",
        login_not_required(oidc_only(oidc.CallbackView.as_view())),
        name="oidc_authentication_callback",
    ),
    path("logout/", login_not_required(oidc_only(oidc.LogoutView.as_view())), name="oidc_logout"),
]

account_urlpatterns = [
    path("logout/", views.sign_out, name="logout"),
    path("login/refused/", views.refused, name="signin_refused"),
]
