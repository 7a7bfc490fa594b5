"""Configuración de Sphinx para «Redes neuronales y aprendizaje profundo»."""

from __future__ import annotations

import os
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ))  # el libro ejecuta el «codigo» de esta copia del repositorio
os.environ.setdefault("CODIGO_CACHE", str(RAIZ / "libro" / "_build" / "experimentos"))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(RAIZ), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
)  # el núcleo de Jupyter que ejecuta los capítulos hereda esta variable

from codigo import datos as _datos  # noqa: E402
from codigo import experimentos as _experimentos  # noqa: E402

project = "Redes neuronales y aprendizaje profundo"
author = "Los autores"
copyright = "2026, los autores (texto CC BY-SA 4.0, código MIT)"
language = "es"

extensions = [
    "myst_nb",
    "sphinx_design",
    "sphinx-mathjax-offline",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]
html_static_path = ["_static"]

# --- MyST y ejecución -------------------------------------------------------------------
myst_enable_extensions = ["amsmath", "dollarmath", "colon_fence", "deflist", "substitution"]
myst_dmath_double_inline = True
math_numfig = True
numfig = True
math_eqref_format = "({number})"
numfig_format = {"figure": "Figura %s", "table": "Tabla %s", "code-block": "Código %s"}

# La huella del código y de los datos: si cambia una fuente de «codigo/» o «datos/», cambia la
# carpeta de la caché de myst-nb (y se reejecutan los capítulos) y, por ser un valor de
# configuración de tipo «env», Sphinx vuelve a leer todas las páginas.
huella_libro = _experimentos.huella_codigo()[:16] + "-" + _datos.sha256(_datos.ruta_mnist())[:16]
if _experimentos.modo_rapido():
    huella_libro += "-rapido"

nb_execution_mode = "cache"
nb_execution_cache_path = str(RAIZ / "libro" / "_build" / "cache-jupyter" / huella_libro)
nb_execution_timeout = 1800
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# --- HTML -----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_last_updated_fmt = None
html_theme_options = {
    "repository_url": "",
    "use_download_button": True,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}


def setup(app):
    app.add_config_value("huella_libro", "", "env")
