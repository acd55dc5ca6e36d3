"""Every page in one table: its path, its component, its title and what runs when it opens.

The app loops over ROUTES (stafett_app/stafett_app.py); a new page is one row here plus its
folder (page.py, state.py). Every page's on_load starts with the person's session check,
which also clears state that was filled for someone else.
"""

from collections.abc import Callable
from dataclasses import dataclass

import reflex as rx

from stafett_app import routes
from stafett_app.pages.admin.page import admin_page
from stafett_app.pages.admin.state import AdminState
from stafett_app.pages.archive.page import archive_page
from stafett_app.pages.archive.state import ArchiveState
from stafett_app.pages.calendar.page import calendar_page
from stafett_app.pages.calendar.state import CalendarState
from stafett_app.pages.child.page import child_page
from stafett_app.pages.child.state import ChildState
from stafett_app.pages.child_shown.page import child_shown_page
from stafett_app.pages.child_shown.state import ChildShownState
from stafett_app.pages.family.route import family_or_consent_page
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.feedback.page import feedback_page
from stafett_app.pages.feedback.state import FeedbackState
from stafett_app.pages.help.page import help_page
from stafett_app.pages.help.state import HelpState
from stafett_app.pages.inbox.page import inbox_page
from stafett_app.pages.inbox.state import InboxState
from stafett_app.pages.leader.page import leader_page
from stafett_app.pages.leader.state import LeaderState
from stafett_app.pages.meeting_mode.page import meeting_mode_page
from stafett_app.pages.messages.page import messages_page
from stafett_app.pages.messages.state import MessagesState
from stafett_app.pages.my_logs.page import my_logs_page
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.pages.new_log.page import new_log_page
from stafett_app.pages.new_log.state import NewLogState
from stafett_app.pages.no_access.page import no_access_page
from stafett_app.pages.not_registered.page import not_registered_page
from stafett_app.pages.not_registered.state import NotRegisteredState
from stafett_app.pages.notification_settings.page import notification_settings_page
from stafett_app.pages.notification_settings.state import NotificationSettingsState
from stafett_app.pages.plan.page import plan_page
from stafett_app.pages.plan.state import PlanState
from stafett_app.pages.print_log.page import print_log_page
from stafett_app.pages.print_log.state import PrintLogState
from stafett_app.pages.sign_in.page import sign_in_page
from stafett_app.pages.sign_in.state import SignInState
from stafett_app.state.session import SessionState


@dataclass(frozen=True)
class Route:
    path: str
    page: Callable[[], rx.Component]
    title_key: str  # translated in the person's language: "title.<page>"
    on_load: tuple = ()


ROUTES: tuple[Route, ...] = (
    Route(routes.SIGN_IN, sign_in_page, "title.sign_in", (SignInState.load,)),
    Route(routes.NOT_REGISTERED, not_registered_page, "title.not_registered", (NotRegisteredState.load,)),
    Route(routes.MY_LOGS, my_logs_page, "title.my_logs", (MyLogsState.load,)),
    Route(routes.NEW_LOG, new_log_page, "title.new_log", (NewLogState.load,)),
    Route(routes.PLAN, plan_page, "title.plan", (PlanState.load,)),
    Route(routes.FAMILY, family_or_consent_page, "title.family", (FamilyState.load,)),
    Route(routes.MEETING_MODE, meeting_mode_page, "title.meeting_mode", (PlanState.load,)),
    Route(routes.CHILD, child_page, "title.child", (ChildState.load,)),
    Route(routes.CHILD_SHOWN, child_shown_page, "title.child", (ChildShownState.load,)),
    Route(routes.CALENDAR, calendar_page, "title.calendar", (CalendarState.load,)),
    Route(routes.MESSAGES, messages_page, "title.messages", (MessagesState.load,)),
    Route(routes.INBOX, inbox_page, "title.messages", (InboxState.load,)),
    Route(routes.PRINT_LOG, print_log_page, "title.print_log", (PrintLogState.start_fresh, PrintLogState.load)),
    Route(routes.ARCHIVE, archive_page, "title.archive", (ArchiveState.load,)),
    Route(routes.LEADER, leader_page, "title.leader", (LeaderState.load,)),
    Route(routes.NO_ACCESS, no_access_page, "title.no_access", (SessionState.require_sign_in,)),
    Route(
        routes.NOTIFICATION_SETTINGS,
        notification_settings_page,
        "title.notification_settings",
        (NotificationSettingsState.load,),
    ),
    Route(routes.ADMIN, admin_page, "title.admin", (AdminState.load,)),
    Route(routes.FEEDBACK, feedback_page, "title.feedback", (FeedbackState.load,)),
    Route(routes.HELP, help_page, "title.help", (HelpState.load,)),
    Route(routes.HELP_TOPIC, help_page, "title.help", (HelpState.load,)),
)
