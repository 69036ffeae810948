"""Provisions of law that documents cite: the law, the section and where in it.

Seed 004 grounds its project in the Constitution of 2560, section 76 paragraph 3 and section 255
ข.(4). A `LegalProvision` holds such a citation as the document makes it: the law's name and
the place in it as written, the section as a number, and the document's own summary.

>>> p = LegalProvision("รัฐธรรมนูญแห่งราชอาณาจักรไทย พุทธศักราช ๒๕๖๐", 76, paragraph=3,
...                    cited_as_th="มาตรา ๗๖ วรรคสาม")
>>> p.section, p.paragraph
(76, 3)
"""

from __future__ import annotations

from attrs import field, frozen

from moralkit.model._base import IDS, TEXT, bounded

__all__ = ["LegalProvision"]


@frozen
class LegalProvision:
    """A provision of a law, cited by a document.

    ``section`` is the section (มาตรา) as a number; ``paragraph`` the paragraph (วรรค), and
    ``item_th`` a lettered or numbered item as written (``ข.(๔)``), when the citation goes
    that deep. ``cited_as_th`` is the citation as the document writes it; ``summary_th`` what
    the document says the provision says.
    """

    law_th: str = field(**TEXT)
    section: int = field(**bounded(1, 9999))
    paragraph: int | None = field(default=None, **bounded(1, 99))
    item_th: str | None = field(default=None, **TEXT)
    cited_as_th: str | None = field(default=None, **TEXT)
    summary_th: str | None = field(default=None, **TEXT)
    law_en: str | None = field(default=None, **TEXT)
    sources: tuple[str, ...] = field(default=(), **IDS)
