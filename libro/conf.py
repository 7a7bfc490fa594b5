"""Configuración de Sphinx para «Redes neuronales y aprendizaje profundo».

El libro se lee sin red: MathJax va empaquetado (``sphinx-mathjax-offline``) y el tema no carga
nada de otros sitios. La interfaz está en español gracias a los catálogos de ``libro/locale``,
que este archivo compila en cada construcción, y a la plantilla ``_templates/layout.html``.

Variables de entorno:

- ``LIBRO_CACHE``: carpeta de lo que genera la construcción fuera de la salida HTML (cachés de
  Jupyter y de experimentos, catálogos compilados). Por omisión ``libro/_build``.
- ``CODIGO_CACHE`` y ``CODIGO_RAPIDO``: ver :mod:`codigo.experimentos`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
LIBRO = RAIZ / "libro"
CONSTRUCCION = Path(os.environ.get("LIBRO_CACHE") or LIBRO / "_build").resolve()
sys.path.insert(0, str(RAIZ))  # el libro ejecuta el «codigo» de esta copia del repositorio
os.environ.setdefault("CODIGO_CACHE", str(CONSTRUCCION / "experimentos"))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(RAIZ), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
)  # el núcleo de Jupyter que ejecuta los capítulos hereda esta variable


def _escribir_si_cambia(ruta: Path, contenido: bytes) -> None:
    """Escribe ``contenido`` en ``ruta`` de forma atómica y solo si cambió."""
    if ruta.is_file() and ruta.read_bytes() == contenido:
        return
    ruta.parent.mkdir(parents=True, exist_ok=True)
    temporal = ruta.with_name(f".{ruta.name}.{os.getpid()}")
    temporal.write_bytes(contenido)
    os.replace(temporal, ruta)


# El núcleo de Jupyter usa un perfil de IPython propio del libro: no lee la configuración del
# usuario (~/.ipython) y no llena la salida de la construcción con sus avisos de registro.
_escribir_si_cambia(
    CONSTRUCCION / "ipython" / "profile_default" / "ipython_kernel_config.py",
    b'c.IPKernelApp.log_level = "ERROR"\n',
)
os.environ["IPYTHONDIR"] = str(CONSTRUCCION / "ipython")

from codigo import datos as _datos  # noqa: E402
from codigo import experimentos as _experimentos  # noqa: E402

project = "Redes neuronales y aprendizaje profundo"
author = "los autores"
copyright = "2026, los autores"
language = "es"

extensions = [
    "myst_nb",
    "sphinx_design",
]

exclude_patterns = ["_build", "locale", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]
html_static_path: list[str] = []  # sin estáticos propios; MathJax se añade abajo

# --- MyST y ejecución -------------------------------------------------------------------
myst_enable_extensions = ["amsmath", "dollarmath", "colon_fence", "deflist", "substitution"]
myst_dmath_double_inline = True
math_numfig = True
numfig = True
math_eqref_format = "({number})"
numfig_format = {"figure": "Figura %s", "table": "Tabla %s", "code-block": "Código %s"}


def huella_fuentes() -> str:
    """SHA-256 de todos los archivos del paquete ``codigo`` (nombres y contenidos).

    A diferencia de :func:`codigo.experimentos.huella_codigo`, que omite lo que no cambia los
    resultados de los experimentos, aquí entra todo: también los gráficos que dibuja el libro.
    """
    carpeta = Path(_experimentos.__file__).resolve().parent
    h = hashlib.sha256()
    for ruta in sorted(carpeta.rglob("*")):
        if ruta.is_file() and "__pycache__" not in ruta.parts and ruta.suffix != ".pyc":
            h.update(ruta.relative_to(carpeta).as_posix().encode() + b"\0")
            h.update(ruta.read_bytes() + b"\0")
    return h.hexdigest()


# La huella del código y de los datos: si cambia cualquier archivo de «codigo/» o los datos,
# cambia la carpeta de la caché de myst-nb (y se reejecutan los capítulos) y, por ser un valor de
# configuración de tipo «env», Sphinx vuelve a leer todas las páginas.
huella_libro = huella_fuentes()[:16] + "-" + _datos.sha256(_datos.ruta_mnist())[:16]
if _experimentos.modo_rapido():
    huella_libro += "-rapido"

nb_execution_mode = "cache"
nb_execution_cache_path = str(CONSTRUCCION / "cache-jupyter" / huella_libro)
nb_execution_timeout = 1800
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# Sin widgets: myst-nb cargaría require.js y el gestor de ipywidgets desde un CDN.
nb_ipywidgets_js: dict[str, dict[str, str]] = {}
# El rótulo de las celdas plegadas (etiquetas hide-input, hide-output, hide-cell).
nb_code_prompt_show = "Mostrar lo que oculta esta celda"
nb_code_prompt_hide = "Ocultar"

# --- Matemáticas: MathJax 3 local ------------------------------------------------------------
# El paquete sphinx-mathjax-offline trae MathJax 3 completo (con sus fuentes). No se usa como
# extensión, porque no declara que admite lectura en paralelo (-j 2 daría un aviso): su carpeta
# se añade a los estáticos y Sphinx la copia a _static/mathjax.
_MATHJAX_LOCAL = Path(importlib.util.find_spec("sphinx-mathjax-offline").origin).parent / "static"
html_static_path.append(str(_MATHJAX_LOCAL))
mathjax_path = "mathjax/tex-chtml.js"
mathjax3_config = {
    # Sin el menú contextual de MathJax, que solo está en inglés. El MathML oculto que leen los
    # lectores de pantalla se mantiene (no depende del menú).
    "options": {"enableMenu": False},
}

# --- Idioma de la interfaz ----------------------------------------------------------------------
# Los catálogos .po de libro/locale tienen prioridad sobre los de Sphinx y del tema. Sphinx no
# compila los .po de un tema, así que este archivo los compila (con babel, que Sphinx ya usa) a
# CONSTRUCCION/locale en cada construcción; nada binario se guarda en el repositorio.
CATALOGOS = LIBRO / "locale"
CATALOGOS_COMPILADOS = CONSTRUCCION / "locale"


def _traducciones_js(catalogo) -> bytes:
    """El ``sphinx.js`` de Sphinx para «es» con nuestras traducciones encima."""
    import sphinx

    base = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.js"
    texto = base.read_text(encoding="utf-8")
    datos = json.loads(texto[texto.index("(") + 1 : texto.rindex(")")])
    mensajes = datos["messages"]
    for mensaje in catalogo:
        clave = mensaje.id[0] if isinstance(mensaje.id, tuple) else mensaje.id
        if clave and clave in mensajes and mensaje.string:
            mensajes[clave] = list(mensaje.string) if mensaje.pluralizable else mensaje.string
    datos["plural_expr"] = f"+({catalogo.plural_expr})"
    return ("Documentation.addTranslations(" + json.dumps(datos, ensure_ascii=False, indent=1)
            + ");\n").encode()


def compilar_catalogos() -> None:
    """Compila ``libro/locale/<idioma>/LC_MESSAGES/*.po`` a ``.mo`` (y ``sphinx.js``)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted((CATALOGOS / language / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as f:
            catalogo = read_po(f, locale=language, domain=po.stem)
        mo = io.BytesIO()
        write_mo(mo, catalogo, use_fuzzy=False)
        destino = CATALOGOS_COMPILADOS / language / "LC_MESSAGES"
        _escribir_si_cambia(destino / f"{po.stem}.mo", mo.getvalue())
        if po.stem == "sphinx":
            _escribir_si_cambia(destino / "sphinx.js", _traducciones_js(catalogo))


compilar_catalogos()
# El dominio «sphinx» (Sphinx y pydata-sphinx-theme) se carga desde locale_dirs antes que el de
# Sphinx; el de sphinx-book-theme («booktheme») se registra en setup(), antes de cargar el tema.
locale_dirs = [str(CATALOGOS_COMPILADOS)]
gettext_auto_build = False

# Cadenas en inglés que el tema escribe sin pasar por gettext: la plantilla layout.html aplica
# este reemplazo (filtro «sin_ingles») al cuerpo de cada página.
RESTOS_EN_INGLES = {
    'title="Toggle primary sidebar"': 'title="Mostrar u ocultar el índice del libro"',
    'title="Toggle secondary sidebar"': 'title="Mostrar u ocultar el contenido de la página"',
    'aria-label="Main"': 'aria-label="Índice del libro"',
    'aria-label="Page"': 'aria-label="Contenido de la página"',
    # El <summary> de las celdas plegadas (hide-input, hide-output…) que escribe myst-nb.
    'aria-label="Toggle hidden content"': 'aria-label="Mostrar u ocultar contenido"',
}

# --- HTML -----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_last_updated_fmt = None
html_show_sphinx = False
html_theme_options = {
    "use_download_button": True,  # el .md del capítulo y «imprimir»: funcionan sin red
    "use_fullscreen_button": False,
    "use_source_button": False,
    "use_repository_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "launch_buttons": {},  # sin Binder, Colab ni Thebe: requieren red
    "search_bar_text": "Buscar en el libro…",
    "toc_title": "En esta página",
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "footer_content_items": ["pie-libro.html"],
}


def _sin_ingles(html: str) -> str:
    for ingles, espanol in RESTOS_EN_INGLES.items():
        html = html.replace(ingles, espanol)
    return html


def _registrar_filtro(app) -> None:
    if hasattr(app.builder, "templates") and hasattr(app.builder.templates, "environment"):
        app.builder.templates.environment.filters["sin_ingles"] = _sin_ingles


def setup(app):
    app.add_config_value("huella_libro", "", "env")
    app.add_message_catalog("booktheme", str(CATALOGOS_COMPILADOS))
    app.connect("builder-inited", _registrar_filtro)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
