"""The one place the version lives (read by the build backend and by ``opensight --version``)."""

__version__ = "0.1.0"
