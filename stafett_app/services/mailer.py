"""Notice e-mails: plain text in the person's language, sent over SMTP.

What an e-mail can say is fixed by domain.notifications.notice_for: the kind's subject, one
sentence, and links. Nothing else reaches this module, so no name or content can leak into it.
"""

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from stafett_app import routes
from stafett_app.domain.notifications import EventKind, notice_for, subject_of
from stafett_app.i18n import translate
from stafett_app.services.meetings import public_url
from stafett_app.settings import Settings

SMTP_TIMEOUT_SECONDS = 20


def compose(
    settings: Settings, to_address: str, lang: str, kind: EventKind, link: str, *, practice: bool = False
) -> EmailMessage:
    notice = notice_for(kind, link, practice=practice)
    base = public_url()
    body = "\n".join(
        [
            translate(lang, notice.body_key),
            base + notice.link,
            "",
            translate(lang, "notify.settings_hint"),
            base + routes.NOTIFICATION_SETTINGS,
            "",
        ]
    )
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to_address
    message["Subject"] = subject_of(notice, lambda key: translate(lang, key))
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.mail_from.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to a robot
    message.set_content(body, charset="utf-8")
    return message


def send(settings: Settings, message: EmailMessage) -> None:
    """Blocking: call it from a worker thread. Raises smtplib.SMTPException or OSError."""
    context = ssl.create_default_context()
    if settings.smtp_tls == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS, context=context
        )
    else:
        server = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS)
    with server:
        if settings.smtp_tls == "starttls":
            server.starttls(context=context)
        if settings.smtp_user:
            server.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        server.send_message(message)
