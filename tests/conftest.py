"""Utilidades comunes de las pruebas.

Las pruebas usan el backend «Agg» de matplotlib (sin ventanas) y nunca descargan nada.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

RAIZ = Path(__file__).resolve().parents[1]
"""La carpeta del repositorio (la que contiene ``codigo/`` y ``datos/``)."""


@pytest.fixture(scope="session")
def raiz() -> Path:
    return RAIZ


@pytest.fixture(scope="session")
def mnist():
    """MNIST cargado una sola vez por sesión."""
    from codigo.datos import cargar_mnist

    return cargar_mnist()


@pytest.fixture
def entorno() -> dict[str, str]:
    """Variables de entorno para un subproceso que importa ``codigo`` de este repositorio."""
    env = {k: v for k, v in os.environ.items() if k not in ("CODIGO_DATOS", "PYTHONHOME")}
    env["PYTHONPATH"] = os.pathsep.join([str(RAIZ), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["MPLBACKEND"] = "Agg"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture(scope="session")
def python() -> str:
    """El intérprete que ejecuta las pruebas (para los subprocesos)."""
    return sys.executable
