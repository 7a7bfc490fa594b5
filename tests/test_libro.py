"""Pruebas del libro: se construye sin avisos, se lee sin red y en español, pega los números que
calcula y vuelve a ejecutar sus capítulos cuando cambia el código.

Todas las construcciones usan el modo rápido (``CODIGO_RAPIDO=1``) y carpetas temporales: el
libro real se construye una sola vez por sesión, y un «minilibro» (la configuración del libro
con una página de prueba) sirve para las pruebas que necesitan cambiar el código.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parent.parent
LIBRO = RAIZ / "libro"

pytestmark = pytest.mark.lento

EXTERNA = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
"""Una URL que apunta a otro servidor: ``https://…``, ``http://…`` o ``//servidor/…``."""

SELLO = re.compile(r"Sello de ejecución:\s*(?:<[^>]*>\s*)*([0-9a-f]{12})")
"""El sello que cada capítulo muestra al final: los 12 primeros dígitos de la huella del código."""


# --- Construcción ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Construccion:
    salida: Path
    log: str
    segundos: float


def construir(fuente: Path, salida: Path, **entorno: str) -> Construccion:
    """Ejecuta ``sphinx-build -W -j 2`` en modo rápido y falla si algo sale mal."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("LIBRO_CACHE", "CODIGO_CACHE", "CODIGO_RAPIDO", "IPYTHONDIR")}
    env |= {"MPLBACKEND": "Agg", "CODIGO_RAPIDO": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    env |= entorno
    orden = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-j", "2", "-b", "html",
             str(fuente), str(salida)]
    inicio = time.perf_counter()
    r = subprocess.run(orden, env=env, capture_output=True, text=True, timeout=1200)
    segundos = time.perf_counter() - inicio
    log = r.stdout + r.stderr
    assert r.returncode == 0, f"sphinx-build falló (código {r.returncode}):\n{log[-6000:]}"
    return Construccion(salida, log, segundos)


@pytest.fixture(scope="session")
def libro(tmp_path_factory) -> Construccion:
    """El libro real, construido una vez en modo rápido con cachés temporales."""
    tmp = tmp_path_factory.mktemp("libro")
    c = construir(LIBRO, tmp / "html", LIBRO_CACHE=str(tmp / "cache"),
                  CODIGO_CACHE=str(tmp / "experimentos"))
    c.experimentos = tmp / "experimentos"  # type: ignore[attr-defined]
    return c


MINILIBRO = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Minilibro de prueba

La sigmoide es $\\sigma(z) = 1/(1 + e^{-z})$ y el costo cuadrático es

$$
C(w, b) = \\frac{1}{2n} \\sum_x \\lVert y(x) - a \\rVert^2 .
$$ (ec-costo)

La ecuación {eq}`ec-costo` tiene número.

```{code-cell} ipython3
:tags: [remove-cell]
from myst_nb import glue
from codigo import experimentos
glue("sello", experimentos.huella_codigo()[:12], display=False)
```

Sello de ejecución: {glue:text}`sello`.
"""


def copiar_minilibro(destino: Path) -> Path:
    """Una copia del repositorio con ``codigo``, los datos y la configuración del libro, y una
    página de prueba con matemáticas y el sello de ejecución."""
    shutil.copytree(RAIZ / "codigo", destino / "codigo",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (destino / "datos").mkdir()
    (destino / "datos" / "mnist.npz").symlink_to(RAIZ / "datos" / "mnist.npz")
    (destino / "libro").mkdir()
    shutil.copy2(LIBRO / "conf.py", destino / "libro" / "conf.py")
    for carpeta in ("_templates", "_static", "locale"):
        if (LIBRO / carpeta).is_dir():
            shutil.copytree(LIBRO / carpeta, destino / "libro" / carpeta)
    (destino / "libro" / "index.md").write_text(MINILIBRO, encoding="utf-8")
    return destino


@pytest.fixture(scope="session")
def minilibro(tmp_path_factory) -> Construccion:
    """El minilibro construido una vez (sus cachés quedan dentro de su copia del repositorio)."""
    raiz = copiar_minilibro(tmp_path_factory.mktemp("minilibro"))
    return construir(raiz / "libro", raiz / "libro" / "_build" / "html")


# --- Lectura del HTML -------------------------------------------------------------------------------


class Pagina(HTMLParser):
    """Recorre una página y anota recursos, textos de la interfaz y texto del artículo."""

    RECURSOS = {"script": "src", "img": "src", "iframe": "src", "embed": "src", "source": "src",
                "audio": "src", "video": "src", "track": "src", "object": "data", "input": "src"}
    ATRIBUTOS_DE_TEXTO = ("title", "aria-label", "placeholder", "alt", "data-bs-title")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.recursos: list[str] = []  # URL que el navegador carga al abrir la página
        self.interfaz: list[str] = []  # textos fuera del artículo (menús, botones, pie)
        self.articulo: list[str] = []  # texto del capítulo
        self.en_linea: list[str] = []  # contenido de <script> y <style> en la página
        self._pila: list[tuple[str, bool]] = []
        self._crudo = 0

    @property
    def _dentro_del_articulo(self) -> bool:
        return any(es_articulo for _, es_articulo in self._pila)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in self.RECURSOS and a.get(self.RECURSOS[tag]):
            self.recursos.append(a[self.RECURSOS[tag]])
        if tag == "link" and a.get("href"):
            self.recursos.append(a["href"])  # hojas de estilo, íconos, fuentes, precargas…
        if tag in ("img", "source") and a.get("srcset"):
            self.recursos += [p.split()[0] for p in a["srcset"].split(",") if p.strip()]
        if "style" in a:
            self.en_linea.append(a["style"])
        destino = self.articulo if self._dentro_del_articulo else self.interfaz
        destino += [a[k] for k in self.ATRIBUTOS_DE_TEXTO if a.get(k)]
        if tag in ("script", "style"):
            self._crudo += 1
        if tag not in ("meta", "link", "img", "input", "br", "hr", "source", "col", "wbr"):
            self._pila.append((tag, tag == "article" and "bd-article" in a.get("class", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._crudo = max(0, self._crudo - 1)
        for i in range(len(self._pila) - 1, -1, -1):
            if self._pila[i][0] == tag:
                del self._pila[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._crudo:
            self.en_linea.append(data)
        elif data.strip():
            (self.articulo if self._dentro_del_articulo else self.interfaz).append(data.strip())


def leer(ruta: Path) -> Pagina:
    p = Pagina()
    p.feed(ruta.read_text(encoding="utf-8"))
    p.close()
    return p


def paginas(salida: Path) -> list[Path]:
    return sorted(p for p in salida.rglob("*.html") if "_static" not in p.parts)


def texto(pagina: Pagina) -> str:
    return " ".join(pagina.interfaz + pagina.articulo)


def sello(html: Path) -> str:
    m = SELLO.search(html.read_text(encoding="utf-8"))
    assert m, f"{html.name} no muestra «Sello de ejecución: …»"
    return m.group(1)


# --- (a) La construcción ----------------------------------------------------------------------------


def test_el_libro_se_construye_sin_avisos(libro):
    """-W ya convierte los avisos de Sphinx en error; además el registro no trae otros avisos
    (del núcleo de Jupyter, por ejemplo) y ninguna celda escribe en stderr ni falla."""
    assert (libro.salida / "index.html").is_file()
    assert "build succeeded" in libro.log
    avisos = [l for l in libro.log.splitlines()
              if re.search(r"WARNING|ERROR|Traceback|[A-Za-z]*Warning:", l)]
    assert not avisos, "\n".join(avisos)
    for html in paginas(libro.salida):
        contenido = html.read_text(encoding="utf-8")
        for clase in ("output stderr", "output traceback", "output error"):
            assert f'class="{clase}' not in contenido, f"{html.name}: una celda produjo «{clase}»"


def test_cada_capitulo_muestra_su_sello_de_ejecucion(libro):
    """Cada capítulo termina con el sello: la huella del código con que se ejecutó."""
    from codigo import experimentos

    capitulos = sorted(libro.salida.glob("cap*.html"))
    assert capitulos, "no hay capítulos (cap*.html) en el libro construido"
    for html in capitulos:
        assert sello(html) == experimentos.huella_codigo()[:12], html.name


# --- (b) Sin red ------------------------------------------------------------------------------------


def test_ninguna_pagina_carga_recursos_de_otro_servidor(libro):
    for html in paginas(libro.salida):
        p = leer(html)
        externos = [u for u in p.recursos if EXTERNA.match(u)]
        assert not externos, f"{html.name} carga recursos externos: {externos}"
        en_linea = re.findall(r"(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s\"')]*",
                              "\n".join(p.en_linea), re.IGNORECASE)
        en_linea = [u for u in en_linea if "www.w3.org/" not in u]  # espacios de nombres XML
        assert not en_linea, f"{html.name}: un script o estilo en línea nombra {en_linea}"


def test_las_hojas_de_estilo_no_importan_nada_externo(libro):
    hojas = sorted((libro.salida / "_static").rglob("*.css"))
    assert hojas
    for css in hojas:
        contenido = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", contenido)
        urls += re.findall(r"@import\s+(?:url\()?\s*['\"]?([^'\");\s]+)", contenido)
        externas = [u for u in urls if EXTERNA.match(u)]
        assert not externas, f"{css.relative_to(libro.salida)} importa {externas}"
        for u in urls:  # lo local que se nombra existe
            if not u.startswith(("data:", "#")) and not EXTERNA.match(u):
                assert (css.parent / u.split("?")[0].split("#")[0]).exists(), f"{css.name}: {u}"


def _mathjax_local(salida: Path) -> None:
    mathjax = salida / "_static" / "mathjax"
    assert (mathjax / "tex-chtml.js").is_file()
    fuentes = list((mathjax / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    assert len(fuentes) >= 20, "faltan las fuentes de MathJax"
    con_matematicas = 0
    for html in paginas(salida):
        contenido = html.read_text(encoding="utf-8")
        p = leer(html)
        if 'class="math' not in contenido:
            continue
        con_matematicas += 1
        scripts = [u for u in p.recursos if "mathjax" in u.lower()]
        assert scripts, f"{html.name} tiene matemáticas pero no carga MathJax"
        for u in scripts:
            assert not EXTERNA.match(u), u
            assert (html.parent / u.split("?")[0]).resolve() == (mathjax / "tex-chtml.js").resolve()
        assert "enableMenu" in contenido  # la configuración de conf.py llegó a la página
    assert con_matematicas, "ninguna página tiene matemáticas"


def test_mathjax_es_local_en_el_minilibro(minilibro):
    _mathjax_local(minilibro.salida)


def test_mathjax_es_local_en_el_libro(libro):
    if not any('class="math' in p.read_text(encoding="utf-8") for p in paginas(libro.salida)):
        pytest.skip("el libro todavía no tiene matemáticas")
    _mathjax_local(libro.salida)


REPORTE = """<script>
window.addEventListener("load", () => setTimeout(() => {
  const pre = document.createElement("pre");
  pre.id = "REPORTE";
  pre.textContent = JSON.stringify({
    formulas: document.querySelectorAll("mjx-container").length,
    fuentes: [...document.fonts].filter(f => f.status === "loaded").map(f => f.family),
  });
  document.body.appendChild(pre);
}, 3000));
</script></body>"""

HOSTS_DEL_NAVEGADOR = ("google.com", "googleapis.com", "gvt1.com", "gstatic.com")
"""Servidores a los que Chromium se conecta por su cuenta (actualizaciones, diccionarios)."""


@pytest.mark.skipif(not shutil.which("chromium"), reason="sin Chromium para abrir la página")
def test_las_ecuaciones_se_ven_sin_red(minilibro, tmp_path):
    """Chromium sin red abre el minilibro: MathJax dibuja las fórmulas con sus fuentes locales y
    la página no intenta conectarse a ningún servidor."""
    import json

    copia = tmp_path / "html"
    shutil.copytree(minilibro.salida, copia)
    pagina = copia / "index.html"
    pagina.write_text(pagina.read_text(encoding="utf-8").replace("</body>", REPORTE, 1),
                      encoding="utf-8")
    registro_red = tmp_path / "red.json"
    orden = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--no-first-run",
             f"--user-data-dir={tmp_path / 'perfil'}", "--host-resolver-rules=MAP * ~NOTFOUND",
             f"--log-net-log={registro_red}", "--virtual-time-budget=10000", "--dump-dom",
             pagina.as_uri()]
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"],
                                                  capture_output=True).returncode == 0:
        orden = ["unshare", "-n", *orden]  # además, sin interfaz de red
    r = subprocess.run(orden, capture_output=True, text=True, timeout=120)
    m = re.search(r'<pre id="REPORTE">(.*?)</pre>', r.stdout, re.S)
    assert m, f"Chromium no produjo el reporte:\n{r.stderr[-3000:]}"
    reporte = json.loads(m.group(1).replace("&quot;", '"'))
    assert reporte["formulas"] >= 2, reporte
    assert any(f.startswith("MJXTEX") for f in reporte["fuentes"]), reporte
    urls = set(re.findall(r'"url":"([^"]+)"', registro_red.read_text(errors="replace")))
    ajenas = {u for u in urls if not u.startswith("file://")
              and not any(re.match(rf"^[a-z]+://([a-z0-9-]+\.)*{re.escape(h)}[:/]", u)
                          for h in HOSTS_DEL_NAVEGADOR)}
    assert not ajenas, f"la página intentó conectarse a {sorted(ajenas)}"


# --- Interfaz en español y pie de página ---------------------------------------------------------------

EN_INGLES = [
    "Search", "Contents", "Download", "Toggle", "Print to PDF", "previous", "next", "By the",
    "Last updated", "Copyright", "Link to this", "Skip to main", "Back to top", "On this page",
    "Show code cell", "Hide code cell", "Color mode", "Light", "Dark", "System Settings",
    "Section Navigation", "Site navigation", "Main", "Page", "Launch", "Fullscreen",
    "Edit this page", "Open an issue", "Theme by", "Created using", "Built with", "Sphinx",
    "Please", "Index",
]
MAL_TRADUCIDO = [
    "Navegación de palanca", "Descarga esta pagina", "pagina anterior", "Tema del libro",
    "Por favor", "active JavaScript", "Su búsqueda", "Por Los", "Ultima", "Lanzamiento",
    "Contenidos",
]


def test_la_interfaz_esta_en_espanol(libro):
    for html in paginas(libro.salida):
        interfaz = leer(html).interfaz
        for cadena in interfaz:
            for ingles in EN_INGLES:
                assert not re.search(rf"\b{re.escape(ingles)}\b", cadena), (
                    f"{html.name}: «{cadena}» está en inglés")
            for mala in MAL_TRADUCIDO:
                assert mala not in cadena, f"{html.name}: «{cadena}» está mal traducido"
    cap = leer(libro.salida / "index.html")
    assert "Buscar en el libro…" in cap.interfaz
    assert 'lang="es"' in (libro.salida / "index.html").read_text(encoding="utf-8")


def test_los_textos_de_la_busqueda_estan_en_espanol(libro):
    """Los textos que escribe el JavaScript de la búsqueda vienen de translations.js."""
    js = (libro.salida / "_static" / "translations.js").read_text(encoding="utf-8")
    assert "Búsqueda terminada: ${resultCount} páginas coinciden" in js
    assert "Ninguna página coincide" in js
    assert '"plural_expr": "+((n != 1))"' in js
    for mala in ("Su búsqueda", "asegúrese", "Por favor"):
        assert mala not in js


def test_el_pie_da_autoria_licencias_y_creditos(libro):
    for html in paginas(libro.salida):
        pie = " ".join(leer(html).interfaz)
        for debe in ("los autores", "CC BY-SA 4.0", "MIT", "Michael A. Nielsen",
                     "Neural Networks and Deep Learning", "MNIST", "CC BY-SA 3.0"):
            assert debe in pie, f"{html.name}: el pie no dice «{debe}»"
        for no_debe in ("Last updated", "actualización", "Actualizado"):
            assert no_debe not in pie, f"{html.name}: el pie dice «{no_debe}»"


def test_la_pagina_se_puede_descargar_sin_red(libro):
    """El botón de descarga ofrece el .md del capítulo, copiado junto al HTML."""
    cap = libro.salida / "cap01.html"
    enlaces = re.findall(r'href="(_sources/[^"]+)"', cap.read_text(encoding="utf-8"))
    assert enlaces, "cap01.html no ofrece descargar su fuente"
    for e in enlaces:
        assert (libro.salida / e).is_file(), e


# --- (c) Los números del capítulo 1 ------------------------------------------------------------------


def test_el_capitulo_1_pega_la_exactitud_de_su_red(libro, monkeypatch):
    """La exactitud de «cap1_30» que calculó la construcción aparece en la página, en
    porcentaje con dos decimales (leída de la caché de experimentos de la construcción)."""
    from codigo import experimentos

    monkeypatch.setenv("CODIGO_RAPIDO", "1")
    monkeypatch.setenv("CODIGO_CACHE", str(libro.experimentos))
    config = experimentos.EXPERIMENTOS["cap1_30"].rapida()
    guardado = libro.experimentos / f"{experimentos.clave(config)}.json"
    assert guardado.is_file(), "la construcción del capítulo 1 no ejecutó «cap1_30»"
    r = experimentos.ejecutar("cap1_30")  # de la caché: no reentrena
    porcentaje = f"{100 * r['exactitud_prueba']:.2f}"
    articulo = " ".join(leer(libro.salida / "cap01.html").articulo)
    assert porcentaje in articulo, f"cap01.html no muestra la exactitud {porcentaje}"


# --- (d) Reejecución cuando cambia el código --------------------------------------------------------


def _cache_jupyter(raiz: Path) -> list[Path]:
    return sorted((raiz / "libro" / "_build" / "cache-jupyter").iterdir())


def _huella(raiz: Path) -> str:
    r = subprocess.run([sys.executable, "-c",
                        "from codigo import experimentos; print(experimentos.huella_codigo())"],
                       cwd=raiz, env={**os.environ, "PYTHONPATH": str(raiz)},
                       capture_output=True, text=True, check=True)
    return r.stdout.strip()


def _comentar(ruta: Path) -> None:
    ruta.write_text(ruta.read_text(encoding="utf-8") + "\n# Un comentario que cambia la huella.\n",
                    encoding="utf-8")


def test_el_libro_se_reejecuta_solo_si_cambia_el_codigo(minilibro, tmp_path):
    original = minilibro.salida.parents[2]
    raiz = tmp_path / "copia"
    shutil.copytree(original, raiz, symlinks=True)
    salida = raiz / "libro" / "_build" / "html"
    sello_inicial = sello(salida / "index.html")
    assert sello_inicial == _huella(raiz)[:12]
    caches = _cache_jupyter(raiz)
    assert len(caches) == 1

    # Sin cambios en el código (pero la página se vuelve a leer, porque el texto cambió):
    # el cuaderno sale de la caché, no se ejecuta.
    pagina = raiz / "libro" / "index.md"
    pagina.write_text(pagina.read_text(encoding="utf-8") + "\nUna frase más.\n", encoding="utf-8")
    igual = construir(raiz / "libro", salida)
    assert "Executing notebook" not in igual.log, igual.log
    assert _cache_jupyter(raiz) == caches
    assert sello(salida / "index.html") == sello_inicial
    assert "Una frase más." in (salida / "index.html").read_text(encoding="utf-8")

    # Un comentario en un módulo que no cambia los experimentos (los gráficos): la huella de
    # los experimentos sigue igual, pero el libro se vuelve a ejecutar (sus figuras podrían
    # cambiar).
    if (raiz / "codigo" / "graficos.py").is_file():
        _comentar(raiz / "codigo" / "graficos.py")
        graficos = construir(raiz / "libro", salida)
        assert "Executing notebook" in graficos.log, graficos.log
        assert len(_cache_jupyter(raiz)) == len(caches) + 1
        caches = _cache_jupyter(raiz)
        assert sello(salida / "index.html") == sello_inicial == _huella(raiz)[:12]

    # Un comentario en una fuente de los experimentos: otra huella, otra caché, otra ejecución.
    _comentar(raiz / "codigo" / "red.py")
    cambio = construir(raiz / "libro", salida)
    assert "Executing notebook" in cambio.log, cambio.log
    assert len(_cache_jupyter(raiz)) == len(caches) + 1
    assert sello(salida / "index.html") == _huella(raiz)[:12] != sello_inicial

    # Y sin ningún cambio, la construcción siguiente no lee ni ejecuta nada.
    nada = construir(raiz / "libro", salida)
    assert "Executing notebook" not in nada.log
    assert len(_cache_jupyter(raiz)) == len(caches) + 1


def test_lo_que_conf_py_necesita_esta_en_git():
    """Un clon nuevo solo tiene lo que git guarda: cada carpeta relativa que conf.py declara
    (estáticos, plantillas, catálogos) debe tener archivos versionados, o el libro no se construye
    (git no guarda carpetas vacías)."""
    import ast

    raiz = Path(__file__).resolve().parent.parent
    versionados = subprocess.run(["git", "ls-files", "libro"], cwd=raiz, capture_output=True,
                                 text=True, check=True).stdout.split()
    arbol = ast.parse((raiz / "libro" / "conf.py").read_text(encoding="utf-8"))
    declaradas = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, (ast.Assign, ast.AnnAssign)) and isinstance(nodo.value, ast.List):
            objetivos = nodo.targets if isinstance(nodo, ast.Assign) else [nodo.target]
            nombres = {t.id for t in objetivos if isinstance(t, ast.Name)}
            if nombres & {"html_static_path", "templates_path", "locale_dirs", "html_extra_path"}:
                declaradas += [e.value for e in nodo.value.elts
                               if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    assert "_templates" in declaradas  # la prueba de verdad lee conf.py
    for carpeta in declaradas:
        prefijo = f"libro/{carpeta.rstrip('/')}/"
        assert any(a.startswith(prefijo) for a in versionados), (
            f"conf.py declara la carpeta {carpeta!r}, pero git no guarda nada en {prefijo}")
