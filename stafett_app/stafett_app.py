"""The Reflex app: pages from the route table, our HTTP routes mounted in front, and the
background round that sends notices."""

import reflex as rx

from stafett_app import routes
from stafett_app.api import api
from stafett_app.pages.calendar import calendar_page
from stafett_app.pages.child import child_page
from stafett_app.pages.family import family_page
from stafett_app.pages.inbox import inbox_page
from stafett_app.pages.meeting_mode import meeting_mode_page
from stafett_app.pages.messages import messages_page
from stafett_app.pages.my_logs import my_logs_page
from stafett_app.pages.no_access import no_access_page
from stafett_app.pages.not_registered import NotRegisteredState, not_registered_page
from stafett_app.pages.notification_settings import notification_settings_page
from stafett_app.pages.plan import plan_page
from stafett_app.pages.sign_in import sign_in_page
from stafett_app.pwa import PWA_HEAD
from stafett_app.scheduler import notification_rounds
from stafett_app.state.calendar import CalendarState
from stafett_app.state.inbox import InboxState
from stafett_app.state.logs import MyLogsState
from stafett_app.state.messages import MessagesState
from stafett_app.state.minutes import MinutesState
from stafett_app.state.notification_settings import NotificationSettingsState
from stafett_app.state.plan import PlanState
from stafett_app.state.session import SessionState
from stafett_app.state.sign_in import SignInState

THEME_COLOUR = "#1f4e79"

app = rx.App(
    stylesheets=["/stafett.css"],
    head_components=[
        rx.el.meta(name="theme-color", content=THEME_COLOUR),
        rx.el.meta(name="robots", content="noindex"),
        *PWA_HEAD,
    ],
    html_lang="nb",
    api_transformer=api,
)

app.add_page(sign_in_page, route=routes.SIGN_IN, title="Stafett – logg inn", on_load=SignInState.load)
app.add_page(
    not_registered_page, route=routes.NOT_REGISTERED, title="Stafett – ikke registrert", on_load=NotRegisteredState.load
)
app.add_page(my_logs_page, route=routes.MY_LOGS, title="Stafett – mine logger", on_load=MyLogsState.load)
app.add_page(plan_page, route=routes.PLAN, title="Stafett – plan", on_load=[PlanState.load, MinutesState.load])
app.add_page(family_page, route=routes.FAMILY, title="Stafett – planen vår", on_load=PlanState.load)
app.add_page(
    meeting_mode_page,
    route=routes.MEETING_MODE,
    title="Stafett – møtemodus",
    on_load=[PlanState.load, MinutesState.load],
)
app.add_page(child_page, route=routes.CHILD, title="Stafett – min side", on_load=PlanState.load)
app.add_page(calendar_page, route=routes.CALENDAR, title="Stafett – kalender", on_load=CalendarState.load)
app.add_page(messages_page, route=routes.MESSAGES, title="Stafett – meldinger", on_load=MessagesState.load)
app.add_page(inbox_page, route=routes.INBOX, title="Stafett – meldinger", on_load=InboxState.load)
app.add_page(
    no_access_page, route=routes.NO_ACCESS, title="Stafett – ingen tilgang", on_load=SessionState.require_sign_in
)
app.add_page(
    notification_settings_page,
    route=routes.NOTIFICATION_SETTINGS,
    title="Stafett – varsler",
    on_load=NotificationSettingsState.load,
)

app.register_lifespan_task(notification_rounds)
