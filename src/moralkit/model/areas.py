"""Provinces, districts and communities.

Every province of Thailand (76 and Bangkok) ships as data, with its ISO 3166-2:TH code, Thai
and English names and its region in the four-region scheme (North 17, Northeast 20, Central 26
with Bangkok, South 14). Districts (อำเภอ) and communities (ชุมชน) are named areas under a
province.

>>> province("จ.เชียงราย").code
'TH-57'
>>> province("Chon Buri") == province("Chonburi") == province("ชลบุรี")
True
>>> len(provinces(Region.NORTH))
17
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from attrs import field, frozen

from moralkit._args import refuse, wrong_type
from moralkit.errors import MoralkitError
from moralkit.model._base import PROVINCE, TEXT, LabelledEnum, refers_to

__all__ = [
    "AreaNotFoundError",
    "Community",
    "District",
    "Province",
    "Region",
    "province",
    "provinces",
]


class AreaNotFoundError(MoralkitError, LookupError):
    """A province name or code that moralkit does not know."""

    def __init__(self, name: str, suggestion: str | None = None) -> None:
        self.name = name
        self.suggestion = suggestion
        super().__init__(name, suggestion)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.name, self.suggestion))

    def __str__(self) -> str:
        hint = f"; did you mean {self.suggestion!r}?" if self.suggestion else ""
        return f"no province named {self.name!r}{hint} / ไม่พบจังหวัด {self.name!r}"


class Region(LabelledEnum):
    """The four-region scheme (ภาค)."""

    NORTH = "north", "ภาคเหนือ", "North"
    NORTHEAST = "northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast"
    CENTRAL = "central", "ภาคกลาง", "Central"
    SOUTH = "south", "ภาคใต้", "South"


@frozen
class Province:
    """A province (จังหวัด): ISO 3166-2:TH code, Thai and English names, region."""

    code: str = field(**PROVINCE)
    name_th: str = field(**TEXT)
    name_en: str = field(**TEXT)
    region: Region

    @property
    def label_th(self) -> str:
        """``จังหวัดเชียงราย``; Bangkok is ``กรุงเทพมหานคร``."""
        return self.name_th if self.code == "TH-10" else f"จังหวัด{self.name_th}"

    @property
    def label_en(self) -> str:
        """``Chiang Rai Province``; Bangkok is ``Bangkok``."""
        return self.name_en if self.code == "TH-10" else f"{self.name_en} Province"


@frozen
class District:
    """A district (อำเภอ) of a province, named as documents name it (``เมือง``, ``เถิน``).

    ``name_th`` is the name without the อำเภอ/อ. prefix; ``province`` is an ISO code.
    """

    name_th: str = field(**TEXT)
    province: str = field(**PROVINCE)
    name_en: str | None = field(default=None, **TEXT)
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))

    @property
    def label_th(self) -> str:
        """``อำเภอเถิน จังหวัดลำปาง``."""
        return f"อำเภอ{self.name_th} {province(self.province).label_th}"


@frozen
class Community:
    """A community (ชุมชน, often a village บ้าน...) under a district and a province."""

    name_th: str = field(**TEXT)
    province: str = field(**PROVINCE)
    district_th: str | None = field(default=None, **TEXT)
    subdistrict_th: str | None = field(default=None, **TEXT)
    name_en: str | None = field(default=None, **TEXT)
    sources: tuple[str, ...] = field(default=(), **refers_to("document", many=True))


_PREFIXES = re.compile(r"^(?:จังหวัด|จ\.\s?)|\s+province$", re.IGNORECASE)


def _key(name: str) -> str:
    stripped = _PREFIXES.sub("", name.strip()).strip()
    return re.sub(r"[\s\-.]", "", stripped).casefold()


@cache
def _table() -> tuple[tuple[Province, ...], MappingProxyType[str, Province]]:
    raw = json.loads(files("moralkit.model").joinpath("data/provinces.json").read_text("utf-8"))
    all_provinces = tuple(
        Province(row["code"], row["name_th"], row["name_en"], Region(row["region"]))
        for row in raw["provinces"]
    )
    index: dict[str, Province] = {}
    for item, row in zip(all_provinces, raw["provinces"], strict=True):
        for name in (item.code, item.name_th, item.name_en, *row.get("aliases", ())):
            index[_key(name)] = item
    return all_provinces, MappingProxyType(index)


def provinces(region: Region | None = None) -> tuple[Province, ...]:
    """All 77 provinces in ISO-code order, or those of one region."""
    all_provinces = _table()[0]
    if region is None:
        return all_provinces
    return tuple(p for p in all_provinces if p.region is region)


def province(name: str) -> Province:
    """Find a province by Thai or English name or ISO code, with or without จังหวัด/จ.

    Spacing and hyphens in English names do not matter (``Chon Buri`` = ``Chonburi``).
    Raises `AreaNotFoundError` (a `LookupError`) with a suggestion when nothing matches, and
    `moralkit.ValidationError` (``wrong_type`` at ``name``) for a name that is not a string.

    >>> province("จ.ชลบุรี").code
    'TH-20'
    """
    if not isinstance(name, str):
        refuse([wrong_type("name", "kind.text", name)], "province")
    index = _table()[1]
    found = index.get(_key(name))
    if found is None:
        close = difflib.get_close_matches(_key(name), list(index), n=1)
        suggestion = index[close[0]].name_th if close else None
        raise AreaNotFoundError(name, suggestion)
    return found


def is_province_code(code: str) -> bool:
    """Whether ``code`` is the ISO 3166-2:TH code of a province."""
    return code in {p.code for p in _table()[0]}
