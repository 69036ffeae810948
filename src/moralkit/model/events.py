"""Events: seminars, workshops and trainings, exchange forums, focus groups, award ceremonies.

One `Event` class serves every kind. Dates are a `DateRange`; ``dates_text_th`` keeps the
dates as the source wrote them (weekday names included) so `moralkit.validate` can check that
the two agree. The fiscal year is derived from the dates.

>>> from datetime import date
>>> e = Event("e1", EventKind.SEMINAR, "สัมมนา",
...           dates=DateRange(date(2019, 6, 25), date(2019, 6, 26)))
>>> e.fiscal_year
FiscalYear(2562)
"""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen

from moralkit.model._base import (
    COUNT,
    ID,
    MANY,
    MONEY,
    PROVINCE,
    PROVINCES,
    TEXT,
    TEXTS,
    LabelledEnum,
    bounded,
    refers_to,
)
from moralkit.model.figures import CpiRecord, Figure
from moralkit.thai.calendar import DateRange, FiscalYear

__all__ = [
    "Contribution",
    "DiscussionTopic",
    "Event",
    "EventKind",
    "EventMode",
    "EventRole",
    "Role",
    "Round",
    "Session",
    "TargetGroup",
    "Venue",
]


class EventKind(LabelledEnum):
    """What kind of event, or of session within one."""

    SEMINAR = "seminar", "สัมมนา", "seminar"
    WORKSHOP = "workshop", "อบรมเชิงปฏิบัติการ", "workshop or training"
    EXCHANGE_FORUM = "exchange_forum", "เวทีแลกเปลี่ยนเรียนรู้", "exchange forum"
    FOCUS_GROUP = "focus_group", "ประชุมกลุ่มย่อย", "focus-group meeting"
    PANEL = "panel", "อภิปราย", "panel discussion"
    LECTURE = "lecture", "บรรยาย", "lecture"
    PRESENTATION = "presentation", "นำเสนอผล", "presentation"
    AWARD_CEREMONY = "award_ceremony", "พิธีมอบรางวัล", "award ceremony"
    OTHER = "other", "อื่น ๆ", "other"


class EventMode(LabelledEnum):
    """Where people take part."""

    ON_SITE = "on_site", "ณ สถานที่จัด", "on site"
    ONLINE = "online", "ออนไลน์", "online"
    HYBRID = "hybrid", "ออนไลน์และ ณ สถานที่จัด", "hybrid (online and on site)"


class Role(LabelledEnum):
    """What a person does at an event."""

    SPEAKER = "speaker", "วิทยากร", "speaker"
    MODERATOR = "moderator", "ผู้ดำเนินรายการ", "moderator"
    FACILITATOR = "facilitator", "ผู้นำกระบวนการ", "facilitator"
    PANELIST = "panelist", "ผู้ร่วมอภิปราย", "panelist"
    PRESIDING = "presiding", "ประธาน", "presiding official"
    GUEST = "guest", "ผู้เข้าร่วม", "guest or attendee"
    ORGANIZER = "organizer", "ผู้จัด", "organizer"


@frozen
class EventRole:
    """A person (by id) and the role they play."""

    person: str = field(**refers_to("person"))
    role: Role = Role.SPEAKER


@frozen
class Venue:
    """Where an event takes place, as precisely as the source says.

    ``floor_th`` is kept as text (``6``, ``ชั้นลอย``). ``province`` is an ISO 3166-2:TH
    code. ``capacity`` is the number of seats, when known.
    """

    name_th: str | None = field(default=None, **TEXT)
    room_th: str | None = field(default=None, **TEXT)
    floor_th: str | None = field(default=None, **TEXT)
    building_th: str | None = field(default=None, **TEXT)
    district_th: str | None = field(default=None, **TEXT)
    province: str | None = field(default=None, **PROVINCE)
    capacity: int | None = field(default=None, **COUNT)


@frozen
class TargetGroup:
    """A group an event is for, with who is in it and how many are planned.

    ``size_is_approximate`` marks sizes the source gives as "about" (ประมาณ);
    ``size_per_round`` marks sizes given per round (ครั้งละ) rather than in total.
    """

    description_th: str = field(**TEXT)
    member_roles_th: tuple[str, ...] = field(default=(), **TEXTS)
    planned_size: int | None = field(default=None, **COUNT)
    size_is_approximate: bool = False
    size_per_round: bool = False
    description_en: str | None = field(default=None, **TEXT)


@frozen
class Round:
    """One occurrence (ครั้งที่) of an event that runs several times."""

    number: int = field(**bounded(1, 999))
    description_th: str | None = field(default=None, **TEXT)
    provinces: tuple[str, ...] = field(default=(), **PROVINCES)
    dates: DateRange | None = field(default=None)
    dates_text_th: str | None = field(default=None, **TEXT)
    venue: Venue | None = field(default=None)
    participants: int | None = field(default=None, **COUNT)


@frozen
class Contribution:
    """What a speaker or representative brought to a session, in the source's words."""

    speaker_th: str = field(**TEXT)
    summary_th: str | None = field(default=None, **TEXT)
    person: str | None = field(default=None, **refers_to("person"))
    province: str | None = field(default=None, **PROVINCE)
    district_th: str | None = field(default=None, **TEXT)
    community_th: str | None = field(default=None, **TEXT)


@frozen
class Session:
    """A part of an event: a lecture, a group exercise, a panel, a presentation.

    ``day`` is the day of the event it falls on (1 = first day); ``duration_days`` how long
    it lasts; ``target_groups`` the numbers (1-based) of the event's target groups it is for;
    ``sub_groups`` how many groups people were divided into.
    """

    title_th: str = field(**TEXT)
    kind: EventKind | None = field(default=None)
    day: int | None = field(default=None, **bounded(1, 366))
    duration_days: Decimal | None = field(default=None)
    target_groups: tuple[int, ...] = field(default=(), **MANY)
    sub_groups: int | None = field(default=None, **COUNT)
    topics_th: tuple[str, ...] = field(default=(), **TEXTS)
    people: tuple[EventRole, ...] = field(default=(), **MANY)
    contributions: tuple[Contribution, ...] = field(default=(), **MANY)
    outcomes_th: tuple[str, ...] = field(default=(), **TEXTS)


@frozen
class DiscussionTopic:
    """A question put to participants, with the answers they gave."""

    question_th: str = field(**TEXT)
    answers_th: tuple[str, ...] = field(default=(), **TEXTS)
    question_en: str | None = field(default=None, **TEXT)


@frozen
class Event:
    """A seminar, workshop, forum, focus-group meeting, award ceremony or other event.

    ``budget`` is ``None`` when the source does not state one, and zero when it states
    there is none. ``participants`` is the number who took part (``participants_approximate``
    when the source says "about"). ``fiscal_year_stated`` is a fiscal year the source names
    (in a title, say); `fiscal_year` is derived from the dates first.
    """

    id: str = field(**ID)
    kind: EventKind
    title_th: str = field(**TEXT)
    title_en: str | None = field(default=None, **TEXT)
    project_th: str | None = field(default=None, **TEXT)
    organizers: tuple[str, ...] = field(default=(), **refers_to("organization", many=True))
    responsible: str | None = field(default=None, **refers_to("organization"))
    mode: EventMode = EventMode.ON_SITE
    platform: str | None = field(default=None, **TEXT)
    venue: Venue | None = field(default=None)
    dates: DateRange | None = field(default=None)
    dates_text_th: str | None = field(default=None, **TEXT)
    fiscal_year_stated: FiscalYear | None = field(default=None)
    provinces: tuple[str, ...] = field(default=(), **PROVINCES)
    target_groups: tuple[TargetGroup, ...] = field(default=(), **MANY)
    rounds_planned: int | None = field(default=None, **COUNT)
    rounds: tuple[Round, ...] = field(default=(), **MANY)
    rationale_th: tuple[str, ...] = field(default=(), **TEXTS)
    objectives_th: tuple[str, ...] = field(default=(), **TEXTS)
    expected_outcomes_th: tuple[str, ...] = field(default=(), **TEXTS)
    selection_criteria_th: tuple[str, ...] = field(default=(), **TEXTS)
    content_th: tuple[str, ...] = field(default=(), **TEXTS)
    sessions: tuple[Session, ...] = field(default=(), **MANY)
    people: tuple[EventRole, ...] = field(default=(), **MANY)
    budget: Decimal | None = field(default=None, **MONEY)
    participants: int | None = field(default=None, **COUNT)
    participants_approximate: bool = False
    evaluation_methods_th: tuple[str, ...] = field(default=(), **TEXTS)
    discussion: tuple[DiscussionTopic, ...] = field(default=(), **MANY)
    follow_up_th: tuple[str, ...] = field(default=(), **TEXTS)
    figures: tuple[Figure, ...] = field(default=(), **MANY)
    cited_cpi: tuple[CpiRecord, ...] = field(default=(), **MANY)
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))

    @property
    def fiscal_year(self) -> FiscalYear | None:
        """The fiscal year of the event's first day; else of its rounds; else as stated."""
        if self.dates is not None:
            return FiscalYear.of(self.dates.start)
        round_years = {FiscalYear.of(r.dates.start) for r in self.rounds if r.dates}
        if len(round_years) == 1:
            return round_years.pop()
        return self.fiscal_year_stated

    @property
    def planned_size(self) -> int | None:
        """Sum of the target groups' planned sizes, when every group states one."""
        sizes = [g.planned_size for g in self.target_groups]
        if not sizes or any(s is None for s in sizes):
            return None
        return sum(s for s in sizes if s is not None)
