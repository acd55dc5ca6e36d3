"""Every path in one place, with small builders so no page hard-codes a URL."""

from urllib.parse import urlencode

SIGN_IN = "/"
MY_LOGS = "/logs"
NEW_LOG = "/logs/new"
PLAN = "/logs/[log_id]"
FAMILY = "/logs/[log_id]/family"
CHILD = "/logs/[log_id]/child"
CHILD_SHOWN = "/logs/[log_id]/child/shown"  # the child page shown full screen on an adult's device
MEETING_MODE = "/logs/[log_id]/meeting"
NO_ACCESS = "/no-access"
MESSAGES = "/logs/[log_id]/messages"
INBOX = "/messages"
NOTIFICATION_SETTINGS = "/settings/notifications"
NOT_REGISTERED = "/not-registered"
PRINT_LOG = "/logs/[log_id]/print"
ARCHIVE = "/logs/[log_id]/archive"
ADMIN = "/admin"
FEEDBACK = "/feedback"
LEADER = "/leader"
HELP = "/help"  # ?q= searches
HELP_TOPIC = "/help/[topic]"
# Pages with a variable part in the address: the build does not prerender them (stafett_app/page_preload.py).
PAGES_WITH_IDS = [PLAN, FAMILY, CHILD, CHILD_SHOWN, MEETING_MODE, MESSAGES, PRINT_LOG, ARCHIVE, HELP_TOPIC]

DEMO_LOGIN = "/auth/demo-login"
LOGOUT = "/auth/logout"
OIDC_LOGIN = "/auth/login"
OIDC_CALLBACK = "/auth/callback"
OIDC_RENEW = "/auth/renew"
FRONTCHANNEL_LOGOUT = "/auth/frontchannel-logout"
PHOTO = "/files/photos/{photo_id:int}"
ATTACHMENT = "/files/attachments/{attachment_id:int}"
CALENDAR = "/calendar"
MEETING_ICS = "/calendar/meeting/{meeting_id:int}.ics"
CALENDAR_FEED = "/calendar/feed/{token}.ics"
PUSH_SUBSCRIPTION = "/push/subscription"
PUSH_PUBLIC_KEY = "/push/public-key"
PRINT_PDF = "/logs/{log_id:int}/print.pdf"  # ?elements=overview,concerns&preset=tried&start=&end=
ARCHIVE_LIST = "/logs/{log_id:int}/archive.json"
ARCHIVE_COPY = "/files/archive/{copy_id:int}.pdf"
EXPORT = "/logs/{log_id:int}/export.zip"  # ?concerns=1,2
IMPORT = "/logs/import"
LEADER_FIGURES_CSV = "/leader/figures.csv"  # the leader's figures, counts only
OWN_COPY = "/logs/{log_id:int}/own-copy.{kind:str}"  # the family's own copy (GDPR art. 15): pdf or json


def plan(log_id: object) -> str:
    return f"/logs/{log_id}"


def family(log_id: object) -> str:
    return f"/logs/{log_id}/family"


def child(log_id: object) -> str:
    return f"/logs/{log_id}/child"


def child_shown(log_id: object) -> str:
    return f"/logs/{log_id}/child/shown"


def photo(photo_id: object) -> str:
    return f"/files/photos/{photo_id}"


def meeting_ics(meeting_id: object) -> str:
    return f"/calendar/meeting/{meeting_id}.ics"


def attachment(attachment_id: object) -> str:
    return f"/files/attachments/{attachment_id}"


def messages(log_id: object) -> str:
    return f"/logs/{log_id}/messages"


def meeting_mode(log_id: object) -> str:
    return f"/logs/{log_id}/meeting"


def print_pdf(log_id: object) -> str:
    return f"/logs/{log_id}/print.pdf"


def print_log(log_id: object) -> str:
    return f"/logs/{log_id}/print"


def archive(log_id: object) -> str:
    return f"/logs/{log_id}/archive"


def archive_copy(copy_id: object) -> str:
    return f"/files/archive/{copy_id}.pdf"


def export_zip(log_id: object) -> str:
    return f"/logs/{log_id}/export.zip"


def help_topic(topic: object) -> str:
    return f"/help/{topic}"


def help_search(query: str) -> str:
    return f"/help?{urlencode({'q': query})}"


def leader_figures_csv(unit_id: object) -> str:
    return f"/leader/figures.csv?unit={unit_id}"


def own_copy(log_id: object, kind: str) -> str:
    return f"/logs/{log_id}/own-copy.{kind}"
