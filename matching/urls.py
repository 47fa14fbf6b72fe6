"""Matching URLs. Included at the site root, so the paths are complete (docs/architecture.md)."""

from django.urls import path

from matching.views import agenda, loop, matches, placements, statistics

app_name = "matching"

urlpatterns = [
    path("citizens/<int:pk>/matches/", matches.matches, name="matches"),
    path("citizens/<int:pk>/matches/<int:enterprise_pk>/propose/", matches.propose, name="propose"),
    path("enterprises/<int:pk>/candidates/", matches.candidates, name="candidates"),
    path("placements/", placements.placement_list, name="placements"),
    path("placements/<int:pk>/", placements.placement_detail, name="placement_detail"),
    path("placements/<int:pk>/move/<slug:to_status>/", placements.placement_move, name="placement_move"),
    path("placements/<int:pk>/follow-up/", loop.placement_follow_up, name="placement_follow_up"),
    path("placements/<int:pk>/edit/", loop.placement_edit, name="placement_edit"),
    path("placements/<int:pk>/extend/", loop.placement_extend, name="placement_extend"),
    path("placements/<int:pk>/agreement.pdf", loop.placement_agreement_pdf, name="placement_agreement"),
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda/reminders/", agenda.agenda_reminders, name="agenda_reminders"),
    path("agenda/calendar/", agenda.calendar_token, name="calendar_token"),
    path("agenda/calendar/<str:token>.ics", agenda.calendar_feed, name="calendar_feed"),
    path("statistics/", statistics.statistics, name="statistics"),
    path("statistics/<slug:table>.csv", statistics.statistics_csv, name="statistics_csv"),
    path("statistics/<slug:table>.xlsx", statistics.statistics_xlsx, name="statistics_xlsx"),
]
