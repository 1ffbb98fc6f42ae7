"""``python -m opensight`` runs the CLI."""

from opensight.cli import main

main()
