from django.urls import path

from portal.accounts.views import auth, system, users

app_name = "accounts"

urlpatterns = [
    path("me/", auth.my_account, name="me"),
    path("password/", auth.password_change, name="password_change"),
    path("set-password/<uidb64>/<token>/", auth.set_password, name="set_password"),
    path("2fa/setup/", auth.two_factor_setup, name="two_factor_setup"),
    path("2fa/verify/", auth.two_factor_verify, name="two_factor_verify"),
    path("session/keepalive/", auth.session_keepalive, name="session_keepalive"),
    path("users/", users.user_list, name="users"),
    path("users/invite/", users.user_invite, name="user_invite"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/role/", users.user_role, name="user_role"),
    path("users/<int:pk>/active/", users.user_active, name="user_active"),
    path("users/<int:pk>/cases/", users.user_move_cases, name="user_move_cases"),
    path("users/<int:pk>/break-glass/", users.user_break_glass, name="user_break_glass"),
    path("jobcenters/", system.jobcenter_list, name="jobcenters"),
    path("jobcenters/new/", system.jobcenter_edit, name="jobcenter_create"),
    path("jobcenters/<int:pk>/", system.jobcenter_edit, name="jobcenter_edit"),
    path("municipalities/", system.municipality_list, name="municipalities"),
    path("municipalities/<str:code>/", system.municipality_edit, name="municipality_edit"),
    path("lockouts/", system.lockout_list, name="lockouts"),
    path("lockouts/<int:pk>/clear/", system.lockout_clear, name="lockout_clear"),
]
