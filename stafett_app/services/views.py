"""What a page shows, as plain dataclasses: already filtered by permission and translated."""

from dataclasses import dataclass, field


@dataclass
class LogRow:
    log_id: int
    child_first_name: str
    level: int
    status: str
    status_label: str
    holder_name: str
    my_role_label: str
    next_evaluation: str
    next_evaluation_relative: str
    overdue_count: int
    can_open: bool
    view: str = "plan"  # which page the person lands on: plan, family or child
    unread_messages: int = 0
    can_read_archive: bool = False  # the unit leader reaches the archive copies from the unit list


@dataclass
class PersonRow:
    person_id: int
    name: str
    role_label: str
    unit_name: str = ""
    is_holder: bool = False
    role: str = ""
    participant_id: int = 0  # the participation row, for removing them (checked again on the server)
    arenas: list[str] = field(default_factory=list)  # for the measure form: where they can be responsible


@dataclass
class CommentView:
    author_name: str
    text: str
    written: str
    written_iso: str = ""


@dataclass
class EvaluationView:
    result: str
    result_label: str
    outcome_label: str
    text: str
    participants_text: str
    evaluated_on: str
    recorded_by: str
    evaluated_iso: str = ""


@dataclass
class RevisionView:
    title: str
    description: str
    replaced: str
    replaced_by: str
    is_correction: bool
    reason: str


@dataclass
class MeasureView:
    measure_id: int
    title: str
    description: str
    arena: str
    arena_label: str
    responsible_name: str
    responsible_id: int
    start_date: str
    evaluation_date: str
    evaluation_relative: str
    badge: str  # its label is the catalogue's badge.<badge>, looked up in the browser
    freely_editable: bool
    editable_until: str
    ended: bool
    can_evaluate: bool
    can_comment: bool
    picture: str
    start_iso: str
    evaluation_iso: str
    photo_url: str = ""
    history: list[str] = field(default_factory=list)
    evaluations: list[EvaluationView] = field(default_factory=list)
    comments: list[CommentView] = field(default_factory=list)
    revisions: list[RevisionView] = field(default_factory=list)


@dataclass
class GoalView:
    goal_id: int
    text: str
    is_sub: bool
    reached: bool
    measures: list[MeasureView] = field(default_factory=list)


@dataclass
class ConcernView:
    concern_id: int
    text: str
    category: str
    category_label: str
    is_school_environment: bool
    shared_understanding: str
    missing_arenas_label: str
    green: int
    red: int
    not_evaluated: int
    goals: list[GoalView] = field(default_factory=list)
    # For a school environment concern: the § 12-4 items missing (keys under school_env.item.*).
    school_environment_missing: list[str] = field(default_factory=list)
    pupil_view: str = ""


@dataclass
class ConsentView:
    on_record: bool
    version: int = 0
    given_by: str = ""
    given_on: str = ""
    named: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)


@dataclass
class GlimmerView:
    author: str  # first name only: the child reads these too
    text: str
    written: str
    written_iso: str = ""


@dataclass
class AttachmentView:
    name: str
    url: str
    size_label: str


@dataclass
class NoteView:
    note_id: int
    title: str
    text: str
    author: str
    written: str
    attachments: list[AttachmentView] = field(default_factory=list)
    written_iso: str = ""


@dataclass
class PlanView:
    log_id: int
    child_first_name: str
    child_age: int
    description: str
    interest_picture: str
    interest_text: str
    level: int
    status: str
    status_label: str
    holders: list[PersonRow]
    family: list[PersonRow]
    professionals: list[PersonRow]
    consent: ConsentView
    concerns: list[ConcernView]
    green: int
    red: int
    not_evaluated: int
    overdue: int
    can_edit_plan: bool
    can_manage_participants: bool
    can_consent: bool
    is_read_only: bool
    can_write_glimmer: bool = False
    glimmer_intro: str = ""  # addressed to this reader (a child is not told about "barnet")
    glimmer_placeholder: str = ""  # an example with this log's child's name
    notes: list[NoteView] = field(default_factory=list)
    can_write_note: bool = False
    can_read_messages: bool = False
    can_withdraw_consent: bool = False
    closing_note: str = ""
    next_meeting: str = ""  # "tirsdag 1. desember klokka 13:00 · Åsen skole, møterom 2", or empty
    can_close: bool = False
    can_print: bool = False
    can_own_copy: bool = False  # the family's own copy (GDPR art. 15)
    can_read_archive: bool = False
    can_export: bool = False
    # The relay's middle and end.
    level_text: str = ""  # the level in plain words, for the family too
    can_change_level: bool = False
    can_remove_participants: bool = False
    can_propose_handover: bool = False
    is_practice: bool = False  # domain.practice: invented people, marked on every page and print
    pending_handover: str = ""  # "Foreslått ny stafettholder: Eva Lund", or empty
    closing_reason_label: str = ""
    is_withdrawn: bool = False  # passive because the family withdrew its consent
    can_reopen: bool = False
    reopen_asked: bool = False  # a new consent is asked and not on record yet
    can_call_meeting: bool = False  # an active log, and the person may edit the plan
    audience: str = "staff"  # how the plan speaks to this reader: staff, family, young_person or child
    withdraw_text: str = ""  # the withdraw-consent question, addressed to this reader


@dataclass
class DemoPersonView:
    person_id: int
    name: str
    description: str


@dataclass
class StepView:
    """One measure told plainly to the family: what, who, and when we talk about it next."""

    measure_id: int
    title: str
    who: str
    arena: str
    next_talk: str
    next_talk_relative: str
    badge: str
    can_comment: bool
    comments: list[CommentView] = field(default_factory=list)  # what the family and others wrote about it


@dataclass
class StepGroup:
    key: str  # family, child, service
    title: str
    steps: list[StepView]


@dataclass
class LatestEvaluationView:
    title: str
    result: str
    result_label: str
    text: str
    when: str


@dataclass
class FamilyView:
    """What the family page shows: nothing staff-only (no notes, no titles of people not in a
    measure, no consent paperwork)."""

    heading: str
    addressed_to_young_person: bool
    working_on: list[str]  # read aloud joined
    groups: list[StepGroup]
    latest: list[LatestEvaluationView]
    log_id: int = 0
    next_meeting: str = ""
    can_read_messages: bool = False
    can_withdraw_consent: bool = False
    can_write_glimmer: bool = False
    can_print: bool = False
    can_own_copy: bool = False  # the family's own copy (GDPR art. 15)
    holders: list[str] = field(default_factory=list)  # "Eva Lund (Kontaktlærer), Åsen skole"; two when shared
    level_text: str = ""
    is_closed: bool = False
    closed_text: str = ""  # why it was closed, in the family's words
    closing_note: str = ""
    can_request_deletion: bool = False
    deletion_requested: bool = False
    reopen_request_id: int = 0  # a new consent the holder asks for, to reopen the log
    glimmer_intro: str = ""  # addressed to this reader (a child is not told about "barnet")
    glimmer_placeholder: str = ""  # an example with this log's child's name
    # Addressed to this reader: "du" to a young person, "dere" to the guardians.
    consent_heading: str = ""
    consent_text: str = ""
    withdraw_text: str = ""
    child_page_label: str = ""  # empty: no link to the picture page (a young person reads this page)
    no_meeting_text: str = ""  # said under "what happens now" when no meeting is planned


@dataclass
class ChildCardView:
    measure_id: int
    title: str
    picture: str
    picture_alt: str
    photo_url: str
    stars: int
    stars_label: str
    at_home: bool  # read aloud: the title and the stars, put together in the browser
    when: str = ""  # when we talk about it next, in a child's words ("På fredag snakker vi om det.")


@dataclass
class ChildView:
    """What a child's own page shows: pictures of their own and the home measures, green
    evaluations as stars, lysglimt with first names. No red results, no staff, no comments."""

    greeting: str
    interest_picture: str
    interest_text: str
    my_cards: list[ChildCardView]
    home_cards: list[ChildCardView]
    my_heading: str = ""  # "Det Emma gjør": fits the sentences under it, which name her
    can_write_glimmer: bool = False
    is_closed: bool = False
    glimmer_intro: str = ""  # addressed to this reader (a child is not told about "barnet")
    glimmer_placeholder: str = ""  # an example with this log's child's name
