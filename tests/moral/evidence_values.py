"""Evidence values shared by the moral tests: what it takes to reach each level of rubric B."""

from decimal import Decimal

from hypothesis import strategies as st

LEVEL_1_B = {1: Decimal(100), 2: {"problems_and_good_deeds": 5, "do_and_dont": 3}, 3: True}
LEVEL_2_B = LEVEL_1_B | {4: Decimal(100), 5: True, 6: True}
FULL_B = LEVEL_2_B | {7: Decimal(100), 8: True, 9: True}
FULL_A = {1: Decimal(100), 2: Decimal(100), **dict.fromkeys(range(3, 10), True)}


def measure(activity, draw):
    """A Hypothesis-drawn measure that fits ``activity``'s form of evidence."""
    kind = activity.evidence.value
    if kind in ("percentage", "success_rate"):
        return draw(
            st.one_of(
                st.decimals(0, 100, places=3),
                st.integers(1, 60).flatmap(lambda w: st.tuples(st.integers(0, w), st.just(w))),
            )
        )
    if kind == "count":
        return draw(st.integers(0, 50))
    if kind == "counts":
        return {r.name: draw(st.integers(0, 10)) for r in activity.requirements}
    return draw(st.booleans())
