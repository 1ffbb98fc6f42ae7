"""``python -m opensight`` runs the CLI."""

from opensight.cli import main

if __name__ == "__main__":
    main()
