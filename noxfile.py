"""Sesiones de nox: «libro» construye el HTML, «tests» pasa las pruebas, «rendimiento» mide.

Uso: ``python -m pip install nox`` y luego ``python -m nox -s libro`` o ``python -m nox -s tests``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

RAIZ = Path(__file__).resolve().parent
LIBRO = RAIZ / "libro"
SALIDA = LIBRO / "_build" / "html"

nox.options.sessions = ["tests", "libro"]
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True


def construir(session: nox.Session, salida: Path, *opciones: str) -> None:
    """Ejecuta sphinx-build con avisos como errores."""
    session.run(
        "sphinx-build", "-W", "--keep-going", "-j", "2", "-b", "html", *opciones,
        str(LIBRO), str(salida),
        env={"MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    )


@nox.session(python=False if os.environ.get("NOX_SIN_VENV") else None)
def libro(session: nox.Session) -> None:
    """Construye el libro HTML (ejecuta cada capítulo; los experimentos quedan en caché)."""
    if "--limpio" in session.posargs:
        shutil.rmtree(LIBRO / "_build", ignore_errors=True)
    if session.venv_backend != "none":  # con NOX_SIN_VENV=1 se usa el entorno actual tal cual
        session.install("-e", ".[libro]")
    construir(session, SALIDA)
    session.log(f"El libro está en {SALIDA / 'index.html'}: ábrelo con tu navegador (file://).")


@nox.session
def tests(session: nox.Session) -> None:
    """Pasa las pruebas (incluida una construcción rápida del libro)."""
    session.install("-e", ".[pruebas]")
    session.run("pytest", *session.posargs, env={"MPLBACKEND": "Agg"})


@nox.session
def rendimiento(session: nox.Session) -> None:
    """Mide los segundos por época de la red [784, 30, 10] frente a un bucle por ejemplo."""
    session.install("-e", ".")
    session.run("python", "-m", "codigo", "rendimiento", *session.posargs)
