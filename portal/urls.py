"""URL contract (docs/architecture.md): the only place, with the home page, that composes the apps."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from portal.accounts import views as account_views
from portal.home import views

admin.site.site_header = "Brobygger – administration"
admin.site.site_title = "Brobygger"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("was", views.accessibility_statement, name="accessibility"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", include("portal.auditlog.urls")),
    path("", include("portal.ops.urls")),
    path("", include("portal.flyer.urls")),
    path("enterprises/", include("enterprises.urls")),
    path("citizens/", include("citizens.urls")),
    path("", include("matching.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
