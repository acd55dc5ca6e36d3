"""The fields of each form kind, built for the state that hosts the form (`S`, a FormHost).

Errors stand next to their field; typed text stays; staff get writing help as they type.
"""

import reflex as rx
from reflex.components.core.banner import has_connection_errors

from stafett_app.domain.evaluation import Outcome, Result
from stafett_app.domain.lifecycle import ACTIVE_LEVELS, ClosingReason
from stafett_app.domain.plan_rules import Arena, ConcernCategory
from stafett_app.domain.relay import FormerHolder
from stafett_app.state.session import t


def _error(S, name: str) -> rx.Component:
    return rx.cond(
        S.form_errors.contains(name),
        rx.text(S.form_errors[name], id=f"{name}-error", class_name="field-error", role="alert", size="2"),
    )


def _field(S, name: str, label_key: str, control: rx.Component, hint_key: str | None = None) -> rx.Component:
    return rx.box(
        rx.el.label(t(label_key), html_for=f"field-{name}", class_name="field-label"),
        rx.text(t(hint_key), size="1", color_scheme="gray") if hint_key else rx.fragment(),
        control,
        _error(S, name),
        _writing_hints(S, name),
        class_name="field",
    )


def _writing_hints(S, name: str) -> rx.Component:
    """Plain-language suggestions for what is being typed; they never stop a save."""
    hints = S.writing_hints
    return rx.cond(
        hints.contains(name),
        rx.el.ul(
            rx.foreach(
                hints[name].to(list[str]),
                lambda hint: rx.el.li(rx.icon("lightbulb", size=14, aria_hidden="true"), hint),
            ),
            class_name="writing-hints",
            aria_live="polite",
        ),
    )


def _check_as_typed(S, name: str):
    return lambda value: S.check_writing(name, value).debounce(500)


def _text_input(
    S, name: str, label_key: str, *, max_length: int, type_: str = "text", hint_key: str | None = None
) -> rx.Component:
    return _field(
        S,
        name,
        label_key,
        rx.input(
            id=f"field-{name}",
            name=name,
            type=type_,
            on_change=_check_as_typed(S, name) if type_ == "text" else None,
            default_value=S.form_values.get(name, ""),
            max_length=max_length + 50,  # the server says how much is too much, and keeps the text
            aria_invalid=S.form_errors.contains(name),
            aria_describedby=f"{name}-error",
            size="3",
        ),
        hint_key,
    )


def _text_area(S, name: str, label_key: str, *, hint_key: str | None = None) -> rx.Component:
    return _field(
        S,
        name,
        label_key,
        rx.text_area(
            id=f"field-{name}",
            name=name,
            on_change=_check_as_typed(S, name),
            default_value=S.form_values.get(name, ""),
            aria_invalid=S.form_errors.contains(name),
            aria_describedby=f"{name}-error",
            rows="3",
            size="3",
        ),
        hint_key,
    )


def _select(
    S, name: str, label_key: str, options: list[tuple[str, rx.Var | str]], default: str = "", **props
) -> rx.Component:
    return _field(
        S,
        name,
        label_key,
        rx.el.select(
            rx.el.option(t("form.choose"), value=""),
            *[rx.el.option(label, value=value) for value, label in options],
            id=f"field-{name}",
            name=name,
            default_value=S.form_values.get(name, default),
            class_name="native-select",
            **props,
        ),
    )


def _radio_cards(S, name: str, label_key: str, options: list[tuple[str, str, str]]) -> rx.Component:
    """Big, labelled choices (icon + word) for green/red and the outcome."""
    return rx.el.fieldset(
        rx.el.legend(t(label_key), class_name="field-label"),
        rx.hstack(
            *[
                rx.el.label(
                    rx.el.input(
                        type="radio", name=name, value=value, default_checked=S.form_values.get(name, "") == value
                    ),
                    rx.icon(icon, size=18, aria_hidden="true"),
                    t(text_key),
                    class_name=f"radio-card radio-{value}",
                )
                for value, text_key, icon in options
            ],
            wrap="wrap",
            spacing="2",
        ),
        _error(S, name),
        class_name="field",
    )


def concern_fields(S) -> rx.Component:
    return rx.fragment(
        _text_area(S, "text", "form.concern.text", hint_key="form.concern.hint"),
        _select(S, "category", "form.concern.category", [(c.value, t(f"category.{c.value}")) for c in ConcernCategory]),
        _text_area(
            S, "shared_understanding", "concern.shared_understanding", hint_key="form.concern.understanding_hint"
        ),
        # The pupil's own view: part of the written plan under the school environment duty (§ 12-4).
        _text_area(S, "pupil_view", "form.concern.pupil_view", hint_key="form.concern.pupil_view_hint"),
    )


def goal_fields(S) -> rx.Component:
    return rx.fragment(
        _text_area(S, "text", "form.goal.text", hint_key="form.goal.hint"),
        rx.cond(
            S.smart_items.length() > 0,
            rx.box(
                rx.text(t("smart.heading"), weight="bold", size="2"),
                rx.el.ul(
                    rx.foreach(
                        S.smart_items,
                        lambda item: rx.el.li(
                            rx.match(
                                item.status,
                                ("yes", rx.icon("circle-check", size=16, aria_hidden="true", color="var(--green-11)")),
                                ("no", rx.icon("circle-alert", size=16, aria_hidden="true", color="var(--amber-11)")),
                                rx.icon("message-circle-question", size=16, aria_hidden="true"),
                            ),
                            item.label,
                            " – ",
                            rx.match(item.status, ("yes", t("smart.yes")), ("no", t("smart.no")), t("smart.ask")),
                        ),
                    ),
                    class_name="smart-list",
                ),
                class_name="smart-checklist",
            ),
        ),
    )


def measure_fields(S) -> rx.Component:
    return rx.fragment(
        _text_input(S, "title", "form.measure.title", max_length=120, hint_key="form.measure.hint"),
        _text_area(S, "description", "form.measure.description"),
        _select(
            S,
            "arena",
            "form.measure.arena",
            [(a.value, t(f"arena.{a.value}")) for a in Arena],
            on_change=S.choose_arena,
        ),
        _field(
            S,
            "responsible_id",
            "form.measure.responsible",
            rx.el.select(
                rx.foreach(S.responsible_options, lambda p: rx.el.option(p.name, value=p.person_id.to(str))),
                id="field-responsible_id",
                name="responsible_id",
                default_value=S.form_values.get("responsible_id", ""),
                class_name="native-select",
                # A new arena brings new choices: mount the list again so its default is one of them.
                key=S.form_values.get("arena", ""),
            ),
        ),
        _field(
            S,
            "picture",
            "form.measure.picture",
            rx.el.select(
                rx.el.option(t("form.measure.no_picture"), value=""),
                rx.foreach(S.picture_options, lambda o: rx.el.option(o[1], value=o[0])),
                id="field-picture",
                name="picture",
                default_value=S.form_values.get("picture", ""),
                class_name="native-select",
            ),
            "form.measure.picture_hint",
        ),
        rx.grid(
            _text_input(S, "start_date", "form.measure.start", max_length=10, type_="date"),
            _text_input(S, "evaluation_date", "form.measure.evaluation_date", max_length=10, type_="date"),
            columns="2",
            spacing="3",
        ),
    )


def edit_measure_fields(S) -> rx.Component:
    return rx.fragment(
        rx.cond(
            S.form_needs_reason,
            rx.callout(t("form.edit_measure.locked"), icon="lock", color_scheme="amber", size="1"),
        ),
        _text_input(S, "title", "form.measure.title", max_length=120),
        _text_area(S, "description", "form.measure.description"),
        rx.cond(S.form_needs_reason, _text_area(S, "reason", "form.reason", hint_key="form.reason_hint")),
    )


def participant_fields(S) -> rx.Component:
    return rx.fragment(
        _field(
            S,
            "person_id",
            "form.participant.person",
            rx.el.select(
                rx.el.option(t("form.choose"), value=""),
                rx.foreach(
                    S.participant_options,
                    lambda p: rx.el.option(p.name, " – ", p.role_label, ", ", p.unit_name, value=p.person_id.to(str)),
                ),
                id="field-person_id",
                name="person_id",
                default_value=S.form_values.get("person_id", ""),
                class_name="native-select",
            ),
            "form.participant.hint",
        ),
        _select(
            S, "role", "form.participant.role", [(r, t(f"role.{r}")) for r in ("actor", "reader")], default="actor"
        ),
    )


def _invitee(S, person) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name="invite_" + person.person_id.to(str),
            # A new meeting invites everyone; a changed one starts from who is invited now.
            default_checked=S.form_values.get("invite_" + person.person_id.to(str), "on").to(str) == "on",
        ),
        person.name,
        class_name="radio-card invitee",
    )


def meeting_fields(S) -> rx.Component:
    return rx.fragment(
        rx.grid(
            _text_input(S, "date", "form.meeting.date", max_length=10, type_="date"),
            _text_input(S, "time", "form.meeting.time", max_length=5, type_="time"),
            columns="2",
            spacing="3",
        ),
        _select(
            S,
            "duration",
            "form.meeting.duration",
            [(m, t(f"form.meeting.minutes_{m}")) for m in ("30", "45", "60", "90")],
            default="60",
        ),
        _text_input(S, "place", "form.meeting.place", max_length=200),
        _text_input(S, "video_link", "form.meeting.video_link", max_length=300, hint_key="form.meeting.video_hint"),
        _text_area(S, "agenda", "form.meeting.agenda", hint_key="form.meeting.agenda_hint"),
        rx.el.fieldset(
            rx.el.legend(t("form.meeting.invitees"), class_name="field-label"),
            rx.hstack(
                rx.foreach(S.invitee_options, lambda person: _invitee(S, person)),
                wrap="wrap",
                spacing="2",
            ),
            _error(S, "invitees"),
            class_name="field",
        ),
    )


def note_fields(S) -> rx.Component:
    return rx.fragment(
        _text_input(S, "title", "form.note.title", max_length=120),
        _text_area(S, "text", "form.note.text", hint_key="form.note.hint"),
    )


def close_fields(S) -> rx.Component:
    return rx.fragment(
        rx.text(t("form.close_log.intro"), size="2"),
        _radio_cards(
            S,
            "closing_reason",
            "form.close_log.reason",
            [
                (ClosingReason.GOALS_REACHED.value, "closing_reason.goals_reached", "flag"),
                (ClosingReason.HANDED_TO_IP.value, "closing_reason.handed_to_ip", "route"),
                (ClosingReason.OTHER.value, "closing_reason.other", "ellipsis"),
            ],
        ),
        _text_area(S, "closing_note", "form.close_log.note", hint_key="form.close_log.hint"),
    )


def level_fields(S) -> rx.Component:
    """Each level told in plain words; the reason says why (it goes into the timeline)."""
    return rx.fragment(
        rx.el.ul(*[rx.el.li(t(f"level.explain.{n}")) for n in ACTIVE_LEVELS], class_name="level-list"),
        _select(S, "level", "form.level.level", [(str(n), t(f"level.option.{n}")) for n in ACTIVE_LEVELS]),
        _text_area(S, "reason", "form.level.reason", hint_key="form.level.hint"),
        rx.callout(t("form.level.nobody_added"), icon="info", color_scheme="blue", size="1"),
    )


def remove_participant_fields(S) -> rx.Component:
    return rx.fragment(
        rx.text(t("form.remove_participant.intro"), " ", rx.text.strong(S.form_values.get("name", "")), size="3"),
        rx.el.input(type="hidden", name="name", value=S.form_values.get("name", "")),
        rx.text(t("form.remove_participant.stays"), size="2", color_scheme="gray"),
        _text_area(S, "reason", "form.remove_participant.message", hint_key="form.remove_participant.hint"),
        _error(S, "participant_id"),
    )


def handover_fields(S) -> rx.Component:
    """To whom, why, which concerns go along (the others are closed with a note), and what the
    former holder becomes. The holder keeps every duty until the new one accepts."""
    return rx.fragment(
        rx.text(t("form.handover.intro"), size="2"),
        _field(
            S,
            "to_person_id",
            "form.handover.to",
            rx.el.select(
                rx.el.option(t("form.choose"), value=""),
                rx.foreach(
                    S.holder_options,
                    lambda p: rx.el.option(p.name, " – ", p.role_label, ", ", p.unit_name, value=p.person_id.to(str)),
                ),
                id="field-to_person_id",
                name="to_person_id",
                default_value=S.form_values.get("to_person_id", ""),
                class_name="native-select",
            ),
            "form.handover.to_hint",
        ),
        _text_area(S, "reason", "form.handover.reason"),
        rx.el.fieldset(
            rx.el.legend(t("form.handover.concerns"), class_name="field-label"),
            rx.vstack(
                rx.foreach(
                    S.concern_options,
                    lambda c: rx.el.label(
                        rx.el.input(
                            type="checkbox",
                            name="concern_" + c[0],
                            default_checked=S.form_values.get("concern_" + c[0], "").to(str) == "on",
                        ),
                        c[1],
                        class_name="radio-card concern-choice",
                    ),
                ),
                spacing="2",
            ),
            _error(S, "concern_ids"),
            class_name="field",
        ),
        _text_area(S, "closing_note", "form.handover.closing_note", hint_key="form.handover.closing_note_hint"),
        _radio_cards(
            S,
            "former",
            "form.handover.former",
            [
                (FormerHolder.ACTOR.value, "handover.former.actor", "user"),
                (FormerHolder.LEAVES.value, "handover.former.leaves", "log-out"),
                (FormerHolder.SECOND_HOLDER.value, "handover.former.second_holder", "users"),
            ],
        ),
    )


def reopen_fields(S) -> rx.Component:
    return rx.fragment(
        rx.text(t("form.reopen.intro"), size="2"),
        rx.text(t("form.reopen.period"), size="2", color_scheme="gray"),
    )


def comment_fields(S) -> rx.Component:
    return _text_area(S, "text", "form.comment.text")


def evaluation_fields(S) -> rx.Component:
    return rx.fragment(
        _radio_cards(
            S,
            "result",
            "form.evaluate.result",
            [(Result.GREEN.value, "result.green", "circle-check"), (Result.RED.value, "result.red", "circle-x")],
        ),
        _radio_cards(
            S,
            "outcome",
            "form.evaluate.outcome",
            [
                (Outcome.CONTINUE.value, "outcome.continue", "repeat"),
                (Outcome.ADJUST.value, "outcome.adjust", "sliders-horizontal"),
                (Outcome.END.value, "outcome.end", "square"),
            ],
        ),
        _text_area(S, "text", "form.evaluate.text"),
        _text_input(
            S,
            "participants_text",
            "evaluation.participants",
            max_length=300,
            hint_key="form.evaluate.participants_hint",
        ),
        rx.grid(
            _text_input(S, "evaluated_on", "form.evaluate.date", max_length=10, type_="date"),
            _text_input(S, "next_evaluation_date", "form.evaluate.next_date", max_length=10, type_="date"),
            columns="2",
            spacing="3",
        ),
        rx.text(t("form.evaluate.final"), size="1", color_scheme="gray"),
    )


def _name_file_input(upload: rx.Component, label_id: str) -> rx.Component:
    """Give react-dropzone's hidden file input an accessible name (axe: label): rx.upload has no
    prop for the <input> it makes, so point it at the visible "choose a file" text."""
    for child in upload.children[0].children:
        if getattr(child, "tag", None) == "input":
            child.custom_attrs["aria-labelledby"] = label_id
    return upload


def waiting_for_network() -> rx.Component:
    """While the socket is down, a save is queued in the browser and sent on reconnect (once: the
    form's request key): say so next to the button instead of looking stuck."""
    return rx.cond(
        has_connection_errors,
        rx.text(
            rx.icon("wifi-off", size=14, aria_hidden="true"),
            " ",
            t("form.waiting_for_network"),
            size="2",
            role="status",
            class_name="waiting-network",
        ),
    )


def file_upload(S, upload_id: str, error_field: str, intro_key: str, accept: dict, handler) -> rx.Component:
    """Its own little form: the file goes straight to the server, which checks and cleans it."""
    return rx.vstack(
        rx.text(t(intro_key), size="2"),
        _name_file_input(
            rx.upload(
                rx.vstack(
                    rx.icon("file-up", size=32, aria_hidden="true"),
                    rx.text(t("form.upload.choose"), size="3", id=f"{upload_id}-choose"),
                    rx.foreach(rx.selected_files(upload_id), lambda name: rx.text(name, size="2", weight="bold")),
                    align="center",
                    spacing="1",
                ),
                id=upload_id,
                accept=accept,
                max_files=1,
                class_name="photo-drop",
            ),
            f"{upload_id}-choose",
        ),
        _error(S, error_field),
        waiting_for_network(),
        rx.hstack(
            rx.dialog.close(
                rx.button(t("action.cancel"), type="button", variant="soft", color_scheme="gray", class_name="touch")
            ),
            rx.button(
                t("action.upload"),
                type="button",
                on_click=handler(rx.upload_files(upload_id=upload_id)),
                class_name="touch upload-button",
            ),
            justify="end",
            width="100%",
            spacing="3",
        ),
        spacing="3",
        width="100%",
    )


IMAGE_TYPES = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"], "image/gif": [".gif"]}
PHOTO_UPLOAD_ID, ATTACHMENT_UPLOAD_ID = "measure-photo", "note-attachment"


def photo_fields(S) -> rx.Component:
    return file_upload(S, PHOTO_UPLOAD_ID, "photo", "form.photo.intro", IMAGE_TYPES, S.upload_photo)


def attachment_fields(S) -> rx.Component:
    return file_upload(
        S,
        ATTACHMENT_UPLOAD_ID,
        "attachment",
        "form.attachment.intro",
        {"application/pdf": [".pdf"]},
        S.upload_attachment,
    )


# --- The start of the relay ------------------------------------------------------------------


def observation_fields(S) -> rx.Component:
    return rx.fragment(
        _select(
            S,
            "kind",
            "form.observation.kind",
            [(k, t(f"observation.kind.{k}")) for k in ("observation", "talk")],
            default="observation",
        ),
        _text_input(S, "observed_on", "form.observation.observed_on", max_length=10, type_="date"),
        _text_area(S, "text", "form.observation.text", hint_key="form.observation.hint"),
    )


def guardian_fields(S) -> rx.Component:
    return rx.fragment(
        _text_input(S, "first_name", "form.guardian.first_name", max_length=80),
        _text_input(S, "last_name", "form.guardian.last_name", max_length=80),
        _contact_fields(S),
        rx.text(t("form.guardian.invitation"), size="1", color_scheme="gray"),
    )


def _contact_fields(S) -> rx.Component:
    return rx.fragment(
        _text_input(S, "email", "form.guardian.email", max_length=200, type_="email"),
        _text_input(
            S, "mobile", "form.guardian.mobile", max_length=20, type_="tel", hint_key="form.guardian.mobile_hint"
        ),
    )


def young_person_fields(S) -> rx.Component:
    return rx.fragment(
        rx.text(t("form.young_person.intro"), size="2"),
        _contact_fields(S),
        rx.text(t("form.guardian.invitation"), size="1", color_scheme="gray"),
    )


def _named_row(S, person) -> rx.Component:
    """One staff member the holder may name: the role (or not asked) and why they are asked."""
    role_name = "role_" + person.person_id.to(str)
    why_name = "why_" + person.person_id.to(str)
    return rx.card(
        rx.text(person.name, weight="bold", size="3"),
        rx.text(person.role_label, rx.cond(person.unit_name != "", ", " + person.unit_name.to(str), ""), size="2"),
        rx.cond(
            person.is_holder,
            rx.fragment(
                rx.el.input(type="hidden", name=role_name, value="holder"),
                rx.badge(t("role.holder"), color_scheme="indigo", margin_top="4px"),
            ),
            rx.el.select(
                rx.el.option(t("form.ask_consent.not_asked"), value=""),
                *[rx.el.option(t(f"role.{r}"), value=r) for r in ("actor", "reader")],
                name=role_name,
                aria_label=t("form.ask_consent.role") + " " + person.name.to(str),
                default_value=person.role,
                class_name="native-select named-role",
                margin_top="4px",
            ),
        ),
        rx.input(
            name=why_name,
            placeholder=t("form.ask_consent.why"),
            aria_label=t("form.ask_consent.why") + " " + person.name.to(str),
            max_length=350,
            size="3",
            margin_top="6px",
            class_name="named-why",
        ),
        width="100%",
        class_name="named-row",
    )


def ask_consent_fields(S) -> rx.Component:
    return rx.fragment(
        rx.text(t("form.ask_consent.intro"), size="2"),
        _error(S, "asked"),
        _error(S, "named"),
        rx.vstack(rx.foreach(S.participant_options, lambda p: _named_row(S, p)), spacing="2", width="100%"),
    )


def discard_fields(S) -> rx.Component:
    return rx.fragment(
        rx.text(t("form.discard_draft.intro"), size="2"),
        _text_area(S, "summary", "form.discard_draft.summary", hint_key="form.discard_draft.hint"),
    )


def introduction_fields(S) -> rx.Component:
    return rx.fragment(
        _text_area(S, "description", "form.introduction.description", hint_key="form.introduction.description_hint"),
        _text_input(S, "interest_text", "form.introduction.interest_text", max_length=120),
        _field(
            S,
            "interest_picture",
            "form.introduction.interest_picture",
            rx.el.select(
                rx.el.option(t("form.measure.no_picture"), value=""),
                rx.foreach(S.picture_options, lambda o: rx.el.option(o[1], value=o[0])),
                id="field-interest_picture",
                name="interest_picture",
                default_value=S.form_values.get("interest_picture", ""),
                class_name="native-select",
            ),
        ),
    )


PAPER_CONSENT_UPLOAD_ID = "paper-consent"


def paper_consent_fields(S) -> rx.Component:
    """Who signed and when, then the scanned form: typed values go to the server as they are typed,
    so the upload handler saves them with the file."""

    def typed(name: str, label_key: str, type_: str) -> rx.Component:
        return _field(
            S,
            name,
            label_key,
            rx.input(
                id=f"field-{name}",
                type=type_,
                default_value=S.form_values.get(name, ""),
                on_change=lambda value: S.set_paper_value(name, value),
                aria_invalid=S.form_errors.contains(name),
                aria_describedby=f"{name}-error",
                size="3",
            ),
        )

    return rx.vstack(
        typed("signed_by", "form.paper_consent.signed_by", "text"),
        typed("signed_on", "form.paper_consent.signed_on", "date"),
        _error(S, "consent"),
        _error(S, "attachment"),
        file_upload(
            S, PAPER_CONSENT_UPLOAD_ID, "paper_consent", "form.paper_consent.intro", PDF_TYPES, S.upload_paper_consent
        ),
        spacing="3",
        width="100%",
    )


PDF_TYPES = {"application/pdf": [".pdf"]}
