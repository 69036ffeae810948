"""Evaluation forms (แบบประเมินผล): items, answers, and their summary.

A form has rating items (5-, 4- or 3-point scales), yes/no items and open questions. `summarize`
gives, per item and per section, how many answered, the mean, the standard deviation, the
distribution, the interpretation of the mean from a band table, and satisfaction as a share of
the scale's maximum.

>>> form = EvaluationForm("f1", "แบบประเมิน", items=(
...     FormItem("q1", "เนื้อหาตรงกับความต้องการ", Section.CONTENT),
...     FormItem("q2", "ข้อเสนอแนะ", Section.OTHER, scale="open"),
... ))
>>> responses = [FormResponse.of("r1", {"q1": 5, "q2": "ดีมาก"}), FormResponse.of("r2", {"q1": 4})]
>>> s = summarize(form, responses)
>>> s.item("q1").mean, s.item("q1").interpretation_th, s.item("q2").texts
(Decimal('4.50'), 'มาก', ('ดีมาก',))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Literal

from attrs import field, frozen

from moralkit._decimal import CONTEXT, round_half_up
from moralkit.errors import Problem, ValidationError
from moralkit.messages import Words
from moralkit.model._base import ID, MANY, TEXT, LabelledEnum, bounded
from moralkit.rules import RuleBook, RuleFile, tiling_problems
from moralkit.serde import load

__all__ = [
    "INTERPRETATIONS",
    "EvaluationForm",
    "FormItem",
    "FormResponse",
    "FormSummary",
    "InterpretationBand",
    "InterpretationTable",
    "ItemAnswer",
    "ItemSummary",
    "Section",
    "SectionSummary",
    "summarize",
]

_CENT = Decimal("0.01")
Scale = Literal["5", "4", "3", "yes_no", "open"]
_POINTS = {"5": 5, "4": 4, "3": 3}


class Section(LabelledEnum):
    """The part of the event an item is about."""

    CONTENT = "content", "เนื้อหา", "content"
    SPEAKER = "speaker", "วิทยากร", "speaker"
    VENUE = "venue", "สถานที่และการจัดการ", "venue and organization"
    BENEFIT = "benefit", "ประโยชน์ที่ได้รับ", "overall benefit"
    OTHER = "other", "อื่น ๆ", "other"


@frozen
class FormItem:
    """One item of a form: its text, section and scale.

    ``scale`` is ``"5"``, ``"4"`` or ``"3"`` (points), ``"yes_no"`` or ``"open"``; ``target``
    is the mean the organizer hopes for, to flag items below it.
    """

    code: str = field(**TEXT)
    text_th: str = field(**TEXT)
    section: Section = Section.OTHER
    scale: Scale = "5"
    text_en: str | None = field(default=None, **TEXT)
    target: Decimal | None = field(default=None, **bounded(Decimal(0), Decimal(5)))


@frozen
class EvaluationForm:
    """An evaluation form, optionally tied to an event."""

    id: str = field(**ID)
    title_th: str = field(**TEXT)
    items: tuple[FormItem, ...] = field(default=(), **MANY)
    event: str | None = field(default=None, **ID)
    title_en: str | None = field(default=None, **TEXT)

    def item(self, code: str) -> FormItem:
        """The item with this code."""
        return next(i for i in self.items if i.code == code)


@frozen
class ItemAnswer:
    """One answer: a rating, yes/no, or text, as the item asks."""

    item: str = field(**TEXT)
    rating: int | None = None
    yes: bool | None = None
    text: str | None = field(default=None, **TEXT)


@frozen
class FormResponse:
    """All of one respondent's answers."""

    respondent: str = field(**TEXT)
    answers: tuple[ItemAnswer, ...] = field(default=(), **MANY)

    @classmethod
    def of(cls, respondent: str, answers: Mapping[str, int | bool | str]) -> FormResponse:
        """A response from ``{item code: rating, yes/no or text}``."""
        items = []
        for code, value in answers.items():
            if isinstance(value, bool):
                items.append(ItemAnswer(code, yes=value))
            elif isinstance(value, int):
                items.append(ItemAnswer(code, rating=value))
            else:
                items.append(ItemAnswer(code, text=value))
        return cls(respondent, tuple(items))


@frozen
class InterpretationBand:
    """A range of means and what it is called."""

    min: Decimal
    max: Decimal
    label_th: str = field(**TEXT)
    label_en: str = field(**TEXT)


@frozen
class InterpretationTable(RuleFile):
    """How to read the mean of one scale: a replaceable convention, not a rule.

    The header (id, version, titles, years, status, sources) is the shared
    `moralkit.rules.RuleFile`.
    """

    scale_points: int = field(**bounded(2, 10))
    bands: tuple[InterpretationBand, ...] = field(**MANY)

    def label(self, mean: Decimal) -> InterpretationBand | None:
        """The band of a mean already rounded to 2 places."""
        return next((b for b in self.bands if b.min <= mean <= b.max), None)


def _check_table(table: InterpretationTable) -> list[Problem]:
    spans = [(band.min, band.max) for band in table.bands]
    return tiling_problems("bands", spans, Decimal(1), Decimal(table.scale_points), _CENT)


#: The packaged interpretation tables (one convention for the 5-point scale).
INTERPRETATIONS: RuleBook[InterpretationTable] = RuleBook(
    "evaluation-interpretation", InterpretationTable, "moralkit.evaluation", "rules", _check_table
)


@frozen
class ItemSummary:
    """The figures of one item. Means and SDs are rounded half-up to 2 places."""

    code: str
    section: Section
    scale: Scale
    answered: int
    mean: Decimal | None = None
    sd: Decimal | None = None
    distribution: tuple[tuple[int, int], ...] = ()
    satisfaction: Decimal | None = None
    interpretation_th: str | None = None
    interpretation_en: str | None = None
    share_yes: Decimal | None = None
    texts: tuple[str, ...] = ()
    below_target: bool | None = None


@frozen
class SectionSummary:
    """All rating answers of one section pooled together."""

    section: Section
    answered: int
    mean: Decimal | None
    sd: Decimal | None
    satisfaction: Decimal | None
    interpretation_th: str | None = None
    interpretation_en: str | None = None


@frozen
class FormSummary:
    """The summary of a form's responses."""

    form: str
    respondents: int
    items: tuple[ItemSummary, ...]
    sections: tuple[SectionSummary, ...]
    interpretation_table: str | None

    def item(self, code: str) -> ItemSummary:
        """The summary of one item."""
        return next(i for i in self.items if i.code == code)

    def section(self, section: Section) -> SectionSummary:
        """The summary of one section."""
        return next(s for s in self.sections if s.section is section)

    @property
    def below_target(self) -> tuple[str, ...]:
        """Codes of the items whose mean is below the target the organizer set."""
        return tuple(i.code for i in self.items if i.below_target)


def _round(value: Fraction | Decimal) -> Decimal:
    with localcontext(CONTEXT):
        return round_half_up(value, 2)


def _stats(values: Iterable[int | Fraction]) -> tuple[Decimal, Decimal | None]:
    """Mean and sample standard deviation (n - 1), both rounded half-up to 2 places."""
    exact = [Fraction(v) for v in values]
    mean = sum(exact, Fraction(0)) / len(exact)
    if len(exact) < 2:
        return _round(mean), None
    variance = sum(((v - mean) * (v - mean) for v in exact), Fraction(0)) / (len(exact) - 1)
    with localcontext(CONTEXT):
        sd = (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
    return _round(mean), _round(sd)


def _check_responses(form: EvaluationForm, responses: list[FormResponse]) -> list[Problem]:
    items = {i.code: i for i in form.items}
    problems: list[Problem] = []
    seen: set[str] = set()
    for r, response in enumerate(responses):
        if response.respondent in seen:
            problems.append(
                Problem(
                    f"responses[{r}].respondent",
                    "evaluation.respondent_twice",
                    {"respondent": response.respondent},
                )
            )
        seen.add(response.respondent)
        answered: set[str] = set()
        for a, answer in enumerate(response.answers):
            path = f"responses[{r}].answers[{a}]"
            item = items.get(answer.item)
            if item is None:
                problems.append(
                    Problem(f"{path}.item", "evaluation.unknown_item", {"item": answer.item})
                )
                continue
            if answer.item in answered:
                problems.append(
                    Problem(f"{path}.item", "evaluation.item_twice", {"item": answer.item})
                )
            answered.add(answer.item)
            problems.extend(_answer_problems(path, item, answer))
    return problems


def _answer_problems(path: str, item: FormItem, answer: ItemAnswer) -> list[Problem]:
    if item.scale in _POINTS:
        top = _POINTS[item.scale]
        if answer.rating is None:
            return [Problem(path, "evaluation.rating_expected", {"item": item.code, "top": top})]
        if not 1 <= answer.rating <= top:
            return [
                Problem(
                    f"{path}.rating",
                    "evaluation.off_scale",
                    {"item": item.code, "top": top, "value": answer.rating},
                )
            ]
    elif item.scale == "yes_no" and answer.yes is None:
        return [Problem(path, "evaluation.yes_no_expected", {"item": item.code})]
    elif item.scale == "open" and answer.text is None:
        return [Problem(path, "evaluation.text_expected", {"item": item.code})]
    return []


def _rating_summary(
    item: FormItem, values: list[int], table: InterpretationTable | None
) -> ItemSummary:
    top = _POINTS[item.scale]
    mean, sd = _stats(values)
    band = table.label(mean) if table is not None and table.scale_points == top else None
    return ItemSummary(
        item.code,
        item.section,
        item.scale,
        len(values),
        mean=mean,
        sd=sd,
        distribution=tuple((point, values.count(point)) for point in range(top, 0, -1)),
        satisfaction=_round(Fraction(sum(values), len(values)) * 100 / top),
        interpretation_th=band.label_th if band else None,
        interpretation_en=band.label_en if band else None,
        below_target=(mean < item.target) if item.target is not None else None,
    )


def _as_responses(responses: object) -> list[FormResponse]:
    """Responses as `FormResponse`, each given as one or as a plain mapping (loaded)."""
    if isinstance(responses, str | bytes | Mapping) or not isinstance(responses, Iterable):
        raise ValidationError([Problem("responses", "evaluation.not_a_list")], "summarize")
    given: list[FormResponse] = []
    problems: list[Problem] = []
    for index, response in enumerate(responses):
        if isinstance(response, FormResponse):
            given.append(response)
            continue
        try:
            given.append(load(FormResponse, response))
        except ValidationError as exc:
            problems.extend(p.at(f"responses[{index}]") for p in exc.problems)
    if problems:
        raise ValidationError(problems, "summarize")
    return given


def summarize(
    form: EvaluationForm,
    responses: Iterable[FormResponse],
    interpretation: InterpretationTable | None = None,
) -> FormSummary:
    """Summarise the responses to a form.

    ``interpretation`` is the band table for reading means; by default the packaged 5-point
    convention, applied to 5-point items only. Standard deviations are sample SDs (n - 1).
    Answers off the scale, answers to items the form lacks, and duplicate respondents raise
    `moralkit.ValidationError` with paths.
    """
    if not isinstance(form, EvaluationForm):
        try:
            form = load(EvaluationForm, form)
        except ValidationError as exc:
            raise ValidationError([p.at("form") for p in exc.problems], "summarize") from None
    if interpretation is not None and not isinstance(interpretation, InterpretationTable):
        expected = Words("ตารางการแปลผล (InterpretationTable)", "an InterpretationTable")
        params = {"expected": expected, "value": interpretation}
        raise ValidationError([Problem("interpretation", "wrong_type", params)], "summarize")
    given = _as_responses(responses)
    problems = _check_responses(form, given)
    if problems:
        raise ValidationError(problems, f"responses to form {form.id}")
    table = interpretation if interpretation is not None else INTERPRETATIONS.all()[0]
    by_item: dict[str, list[ItemAnswer]] = {i.code: [] for i in form.items}
    for response in given:
        for answer in response.answers:
            by_item[answer.item].append(answer)
    summaries = []
    pooled: dict[Section, list[Fraction]] = {}
    for item in form.items:
        answers = by_item[item.code]
        if item.scale in _POINTS:
            values = [a.rating for a in answers if a.rating is not None]
            if values:
                summaries.append(_rating_summary(item, values, table))
                top = _POINTS[item.scale]
                # Rescale 1..top onto 1..5 so 3-, 4- and 5-point items can share a section.
                pooled.setdefault(item.section, []).extend(
                    1 + Fraction((v - 1) * 4, top - 1) for v in values
                )
            else:
                summaries.append(ItemSummary(item.code, item.section, item.scale, 0))
        elif item.scale == "yes_no":
            yes = sum(1 for a in answers if a.yes)
            share = _round(Fraction(yes * 100, len(answers))) if answers else None
            summaries.append(
                ItemSummary(item.code, item.section, item.scale, len(answers), share_yes=share)
            )
        else:
            texts = tuple(a.text for a in answers if a.text)
            summaries.append(
                ItemSummary(item.code, item.section, item.scale, len(texts), texts=texts)
            )
    sections = []
    for section, scaled in pooled.items():
        mean, sd = _stats(scaled)
        band = table.label(mean) if table.scale_points == 5 else None
        sections.append(
            SectionSummary(
                section,
                len(scaled),
                mean,
                sd,
                _round(sum(scaled, Fraction(0)) * 100 / (5 * len(scaled))),
                band.label_th if band else None,
                band.label_en if band else None,
            )
        )
    return FormSummary(form.id, len(given), tuple(summaries), tuple(sections), table.id)
