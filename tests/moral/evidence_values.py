"""Evidence values shared by the moral tests: what it takes to reach each level of rubric B."""

from decimal import Decimal

LEVEL_1_B = {1: Decimal(100), 2: {"problems_and_good_deeds": 5, "do_and_dont": 3}, 3: True}
LEVEL_2_B = LEVEL_1_B | {4: Decimal(100), 5: True, 6: True}
FULL_B = LEVEL_2_B | {7: Decimal(100), 8: True, 9: True}
FULL_A = {1: Decimal(100), 2: Decimal(100), **dict.fromkeys(range(3, 10), True)}
