"""``python -m moralkit`` runs the command line."""

from moralkit.cli import main

raise SystemExit(main())
