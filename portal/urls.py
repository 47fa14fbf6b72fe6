"""URL contract (docs/architecture.md): the only place, with the home page, that composes the apps."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal.accounts import views as account_views
from portal.home import views
from portal.signin import urls as signin_urls

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("was", views.accessibility_statement, name="accessibility"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/", include(signin_urls.account_urlpatterns)),
    path("accounts/", include("portal.accounts.urls")),
    path("saml2/", include(signin_urls.saml_urlpatterns)),
    path("oidc/", include(signin_urls.oidc_urlpatterns)),
    path("audit/", include("portal.auditlog.urls")),
    path("", include("portal.ops.urls")),
    path("", include("portal.flyer.urls")),
    path("enterprises/", include("enterprises.urls")),
    path("register/", include("enterprises.public_urls")),
    path("citizens/", include("citizens.urls")),
    path("", include("matching.urls")),
    *([path("admin/", admin.site.urls)] if settings.ADMIN_ENABLED else []),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
