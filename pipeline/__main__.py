"""``python -m pipeline`` runs the ``minutes`` command."""

from .cli import main

main()
