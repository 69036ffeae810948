"""Shared test set-up: Hypothesis profiles (HYPOTHESIS_PROFILE=fast for quick local runs)."""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("fast", parent=settings.get_profile("default"), max_examples=10)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

#: The five source documents, when the repository sits beside the shared folder.
SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"
