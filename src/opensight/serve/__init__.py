"""Serving: the REST API and the Studio, one FastAPI app (``opensight serve`` / ``opensight studio``).

>>> from opensight.serve import ServeConfig, create_app
>>> app = create_app(ServeConfig(studio=False))
>>> app.title
'opensight'
"""

from opensight.serve._engine import ServeConfig
from opensight.serve._uploads import DEFAULT_MAX_UPLOAD_BYTES
from opensight.serve.api import create_app

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "ServeConfig", "create_app"]
