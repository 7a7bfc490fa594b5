"""Pruebas de las figuras del capítulo 3 de ``codigo.graficos``.

Cada figura se crea y se guarda sin avisos, habla español y rechaza entradas malas con un
mensaje claro. Las dos figuras interactivas (HTML y JavaScript propios) no nombran ningún
servidor externo y, si hay Chromium, se prueban en un navegador sin red: al mover un
deslizador muestran lo que calcula NumPy.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from codigo import graficos as g
from codigo.activaciones import ReLU, Sigmoide, Tanh
from codigo.costos import softmax

FIRMA_PNG = b"\x89PNG\r\n\x1a\n"
INGLES = ("epoch", "accuracy", "cost", "training", "test", "validation", "learning", "rate",
          "output", "weight", "bias", "data", "hidden", "play", "pause")


def _neurona(w: float, b: float, eta: float, n: int = 40) -> dict[str, list[float]]:
    """Trayectoria de una neurona sigmoide con costo cuadrático (entrada 1, salida deseada 0)."""
    s = Sigmoide()
    datos: dict[str, list[float]] = {"w": [], "b": [], "salida": [], "costo": []}
    for _ in range(n + 1):
        a = float(s(np.float64(w + b)))
        for clave, valor in zip(datos, (w, b, a, a * a / 2)):
            datos[clave].append(valor)
        paso = eta * a * a * (1 - a)
        w, b = w - paso, b - paso
    return datos


CASOS = {"w = 0.6, b = 0.9": _neurona(0.6, 0.9, 0.15), "w = b = 2": _neurona(2.0, 2.0, 0.15)}


def _historial(n: int = 12) -> dict[str, list[float]]:
    e = np.arange(n)
    return {
        "costo_entrenamiento": list(np.exp(-e / 4) + 0.01),
        "costo_evaluacion": list(0.6 + e / 50),
        "exactitud_entrenamiento": list(1 - 0.5 * np.exp(-e / 4)),
        "exactitud_evaluacion": list(0.8 - 0.3 * np.exp(-e / 4)),
        "eta": [0.5] * n,
    }


FABRICAS = {
    "neurona_aprendiendo": lambda: g.neurona_aprendiendo(CASOS),
    "curvas_sobreajuste": lambda: g.curvas_sobreajuste(_historial(), publicado={"exactitud_evaluacion": 0.8227}),
    "comparar_curvas": lambda: g.comparar_curvas({"sin regularizar": [0.8, 0.85], "L2": [0.82, 0.87]},
                                                 "exactitud en prueba (%)", publicado={"L2": 0.871}),
    "comparar_costos": lambda: g.comparar_curvas({"η = 0.25": [1.0, 0.5, 0.3]}, "costo de entrenamiento",
                                                 porcentaje=False, escala_log=True),
    "exactitud_vs_tamano": lambda: g.exactitud_vs_tamano({100: 0.6, 1000: 0.85, 50000: 0.97},
                                                         svm={100: 0.5, 10000: 0.93}),
    "histogramas_z": lambda: g.histogramas_z({"pesos N(0, 1)": np.random.default_rng(0).normal(0, 20, 500),
                                              "pesos N(0, 1/n)": np.random.default_rng(1).normal(0, 1.2, 500)}),
    "ajustes_polinomicos": lambda: g.ajustes_polinomicos([0, 1, 2, 3], [0, 1.1, 1.9, 3.2],
                                                         {"recta": [1.0, 0.0], "grado 3": [0.1, -0.3, 1.2, 0.0]},
                                                         x_nuevo=[4.0], y_nuevo=[4.1]),
    "imagenes_transformadas": lambda: g.imagenes_transformadas(
        np.random.default_rng(0).random((3, 784)), ["original", "desplazada", "rotada 15°"]),
    "calendario_y_parada": lambda: g.calendario_y_parada(
        {"calendario de η": {"exactitud_evaluacion": [0.9, 0.92, 0.93, 0.93], "eta": [0.5, 0.5, 0.25, 0.125]},
         "parada temprana": {"exactitud_evaluacion": [0.9, 0.91, 0.9], "eta": [0.5, 0.5, 0.5]}}),
    "activaciones_ocultas": lambda: g.activaciones_ocultas(),
}

ESPERADOS = {
    "neurona_aprendiendo": ["época", "salida $a$", "costo $C$", "w = b = 2"],
    "curvas_sobreajuste": ["costo en entrenamiento", "costo en prueba", "exactitud en prueba (%)",
                           "exactitud en entrenamiento (%)", "publicado: 82.27\u00a0%"],
    "comparar_curvas": ["época", "exactitud en prueba (%)", "L2 (publicado: 87.10\u00a0%)"],
    "comparar_costos": ["costo de entrenamiento", "η = 0.25"],
    "exactitud_vs_tamano": ["red neuronal", "SVM", "exactitud en prueba (%)", "10\u2009000"],
    "histogramas_z": ["entrada ponderada $z$", "sigmoide saturada", "frecuencia"],
    "ajustes_polinomicos": ["recta", "datos del ajuste", "datos nuevos"],
    "imagenes_transformadas": ["original", "rotada 15°"],
    "calendario_y_parada": ["época", "η", "exactitud en validación (%)", "mejor época"],
    "activaciones_ocultas": ["sigmoide σ(z)", "tanh(z)", "ReLU: max(0, z)"],
}


def _textos(fig: Figure) -> list[str]:
    fig.draw_without_rendering()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


@pytest.mark.parametrize("nombre", list(FABRICAS))
def test_cada_figura_se_crea_y_se_guarda_sin_avisos(nombre, tmp_path):
    antes = dict(matplotlib.rcParams)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = FABRICAS[nombre]()
        ruta = tmp_path / f"{nombre}.png"
        fig.savefig(ruta)
    assert isinstance(fig, Figure)
    assert ruta.read_bytes().startswith(FIRMA_PNG) and ruta.stat().st_size > 5_000
    assert fig._repr_png_().startswith(FIRMA_PNG)
    assert dict(matplotlib.rcParams) == antes


@pytest.mark.parametrize("nombre", list(FABRICAS))
def test_los_textos_estan_en_espanol(nombre):
    textos = _textos(FABRICAS[nombre]())
    todo = "\n".join(textos)
    for esperado in ESPERADOS[nombre]:
        assert esperado in todo, f"falta «{esperado}» en {textos}"
    palabras = set(re.findall(r"[a-záéíóúñ]+", todo.lower()))
    assert not palabras & set(INGLES), f"texto en inglés: {palabras & set(INGLES)}"


# --- Lo dibujado es lo que se pasó -------------------------------------------------------------


def test_neurona_dibuja_salida_y_costo_desde_la_epoca_0():
    fig = g.neurona_aprendiendo(CASOS)
    ax_a, ax_c = fig.axes[:2]
    linea_a, linea_c = ax_a.get_lines()[1], ax_c.get_lines()[1]
    np.testing.assert_allclose(linea_a.get_xdata(), np.arange(41))
    np.testing.assert_allclose(linea_a.get_ydata(), CASOS["w = b = 2"]["salida"])
    np.testing.assert_allclose(linea_c.get_ydata(), CASOS["w = b = 2"]["costo"])


def test_sobreajuste_desde_una_epoca_y_en_porcentaje():
    h = _historial(12)
    fig = g.curvas_sobreajuste(h, nombre_evaluacion="validación", desde_epoca=5)
    por_titulo = {ax.get_title(): ax for ax in fig.axes}
    linea = por_titulo["exactitud en validación (%)"].get_lines()[0]
    np.testing.assert_allclose(linea.get_xdata(), np.arange(5, 13))
    np.testing.assert_allclose(linea.get_ydata(), 100 * np.asarray(h["exactitud_evaluacion"][4:]))
    costo = por_titulo["costo en entrenamiento"].get_lines()[0]
    np.testing.assert_allclose(costo.get_ydata(), h["costo_entrenamiento"][4:])


def test_comparar_curvas_porcentaje_y_costo():
    fig = g.comparar_curvas({"a": [0.5, 0.9542]}, "exactitud (%)", publicado={"a": 0.9})
    curva, referencia = fig.axes[0].get_lines()
    np.testing.assert_allclose(curva.get_ydata(), [50, 95.42])
    assert referencia.get_ydata()[0] == pytest.approx(90)
    assert referencia.get_color() == curva.get_color()
    fig = g.comparar_curvas({"c": [3.0, 2.0, 1.5]}, "costo", porcentaje=False, desde_epoca=2)
    curva = fig.axes[0].get_lines()[0]
    np.testing.assert_allclose(curva.get_xdata(), [2, 3])
    np.testing.assert_allclose(curva.get_ydata(), [2.0, 1.5])


def test_tamano_ordena_y_usa_escala_logaritmica():
    fig = g.exactitud_vs_tamano({1000: 0.85, 100: 0.6})
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    linea = ax.get_lines()[0]
    np.testing.assert_allclose(linea.get_xdata(), [100, 1000])
    np.testing.assert_allclose(linea.get_ydata(), [60, 85])


def test_polinomios_evaluados_con_polyval():
    fig = g.ajustes_polinomicos([0, 1, 2], [0, 1, 4], {"parábola": [1.0, 0.0, 0.0]})
    curva = fig.axes[0].get_lines()[0]
    np.testing.assert_allclose(curva.get_ydata(), curva.get_xdata() ** 2)


def test_activaciones_son_las_del_paquete():
    fig = g.activaciones_ocultas()
    for ax, f in zip(fig.axes, (Sigmoide(), Tanh(), ReLU())):
        valor, derivada = ax.get_lines()[:2]
        z = valor.get_xdata()
        np.testing.assert_allclose(valor.get_ydata(), f(z))
        np.testing.assert_allclose(derivada.get_ydata(), f.prima(z))


def test_calendario_marca_la_mejor_epoca():
    fig = g.calendario_y_parada({"x": {"exactitud_evaluacion": [0.9, 0.95, 0.93], "eta": [1, 1, 0.5]}})
    ax_a, ax_eta = fig.axes
    rombo = ax_a.get_lines()[1]
    assert list(rombo.get_xdata()) == [2] and rombo.get_ydata()[0] == pytest.approx(95)
    assert ax_eta.get_yscale() == "log"


# --- Entradas malas -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("llamada", "error", "fragmento"),
    [
        (lambda: g.neurona_aprendiendo({}), ValueError, "vacío"),
        (lambda: g.neurona_aprendiendo({"a": {"salida": [1, 0.5]}}), ValueError, "costo"),
        (lambda: g.neurona_aprendiendo({"a": {"salida": [1, 0.5], "costo": [1]}}), ValueError,
         "misma longitud"),
        (lambda: g.neurona_aprendiendo({"a": [0.5]}), TypeError, "diccionario"),
        (lambda: g.neurona_aprendiendo({"a": {"salida": [0.5, float("nan")], "costo": [1, 1]}}),
         ValueError, "NaN"),
        (lambda: g.curvas_sobreajuste({"costo_entrenamiento": [1.0]}), ValueError, "faltan"),
        (lambda: g.curvas_sobreajuste(_historial(), desde_epoca=0), ValueError, "desde_epoca"),
        (lambda: g.curvas_sobreajuste(_historial(), publicado={"costo_evaluacion": 0.5}), ValueError,
         "solo admite"),
        (lambda: g.comparar_curvas({"a": [95.4]}, "exactitud (%)"), ValueError, "porcentaje"),
        (lambda: g.comparar_curvas({"a": [0.9]}, ""), TypeError, "eje_y"),
        (lambda: g.comparar_curvas({"a": [1.0, 0.0]}, "costo", porcentaje=False, escala_log=True),
         ValueError, "positivos"),
        (lambda: g.comparar_curvas({"a": "0.9"}, "exactitud (%)"), TypeError, "lista"),
        (lambda: g.exactitud_vs_tamano({}), ValueError, "vacío"),
        (lambda: g.exactitud_vs_tamano({0: 0.5}), ValueError, "entero positivo"),
        (lambda: g.exactitud_vs_tamano({100: 60.0}), ValueError, "porcentaje"),
        (lambda: g.histogramas_z({"a": np.array([1.0, np.inf])}), ValueError, "NaN o infinitos"),
        (lambda: g.ajustes_polinomicos([0, 1], [0], {"r": [1, 0]}), ValueError, "misma longitud"),
        (lambda: g.ajustes_polinomicos([0, 1], [0, 1], {"r": [1, 0]}, x_nuevo=[2]), ValueError, "ninguno"),
        (lambda: g.imagenes_transformadas(np.zeros((2, 784)), ["uno"]), ValueError, "un título por imagen"),
        (lambda: g.imagenes_transformadas(np.zeros((2, 700)), ["a", "b"]), ValueError, "784"),
        (lambda: g.calendario_y_parada({"a": {"exactitud_evaluacion": [0.9], "eta": []}}), ValueError, "faltan"),
        (lambda: g.calendario_y_parada({"a": {"exactitud_evaluacion": [0.9], "eta": [0.0]}}), ValueError,
         "positivos"),
        (lambda: g.animacion_neurona(CASOS, identificador="Mal id"), ValueError, "identificador"),
        (lambda: g.animacion_neurona(CASOS, duracion=0), ValueError, "duracion"),
        (lambda: g.animacion_neurona({"a": {"w": [1], "b": [1], "salida": [0.5], "costo": [0.1]}}),
         ValueError, "≥ 2"),
        (lambda: g.softmax_interactiva([1.0]), ValueError, "entre 2 y 10"),
        (lambda: g.softmax_interactiva([1.0, 9.0]), ValueError, "z_max"),
        (lambda: g.softmax_interactiva([1.0, 2.0], z_min=3, z_max=1), ValueError, "z_min < z_max"),
        (lambda: g.softmax_interactiva([1.0, 2.0], identificador=3), TypeError, "identificador"),
    ],
)
def test_validaciones_con_mensajes_en_espanol(llamada, error, fragmento):
    with pytest.raises(error) as info:
        llamada()
    assert fragmento in str(info.value)


# --- Figuras interactivas -----------------------------------------------------------------------

EXTERNA = re.compile(r"(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)


def _fragmentos() -> dict[str, str]:
    return {"animacion": g.animacion_neurona(CASOS, identificador="anim"),
            "softmax": g.softmax_interactiva([2.5, -1.0, 3.2, 0.5], identificador="sm")}


def test_las_figuras_interactivas_no_nombran_servidores():
    for nombre, fragmento in _fragmentos().items():
        sin_svg = fragmento.replace("http://www.w3.org/2000/svg", "")
        assert not EXTERNA.search(sin_svg), f"{nombre} nombra {EXTERNA.findall(sin_svg)}"
        assert "<link" not in fragmento and " src=" not in fragmento and "@import" not in fragmento
        assert fragmento.count("<script>") == 1 and fragmento.rstrip().endswith("</script>")


def test_sin_javascript_muestran_valores_calculados_por_numpy():
    fragmento = g.softmax_interactiva([2.5, -1.0, 3.2, 0.5], identificador="sm")
    a = softmax(np.array([2.5, -1.0, 3.2, 0.5]))
    for j, aj in enumerate(a, start=1):
        assert re.search(rf'id="sm-a{j}"[^>]*>{aj:.3f}<', fragmento)
        assert f'id="sm-b{j}" style="background:{g.AZUL};height:100%;width:{100 * aj:.1f}%' in fragmento
    animacion = g.animacion_neurona(CASOS, identificador="anim")
    assert re.search(rf'id="anim-salida1"[^>]*>{CASOS["w = b = 2"]["salida"][-1]:.3f}<', animacion)


def test_el_nombre_de_un_caso_se_escapa():
    casos = {"<b>x</b> & y": CASOS["w = b = 2"]}
    fragmento = g.animacion_neurona(casos, identificador="esc")
    assert html.escape("<b>x</b> & y") in fragmento and "<b>x</b>" not in fragmento


PRUEBA_JS = """<script>
window.addEventListener("load", function () {
  var z1 = document.getElementById("sm-z1");
  z1.value = "-4.5"; z1.dispatchEvent(new Event("input"));
  var e = document.getElementById("anim-epoca");
  e.value = "7"; e.dispatchEvent(new Event("input"));
  var r = {softmax: [], suma: document.getElementById("sm-suma").textContent,
           anim: document.getElementById("anim-salida1").textContent,
           costo: document.getElementById("anim-costo0").textContent,
           puntos: document.getElementById("anim-l1-0").getAttribute("points").trim().split(/\\s+/).length};
  for (var j = 1; j <= 4; j++) r.softmax.push(document.getElementById("sm-a" + j).textContent);
  var pre = document.createElement("pre"); pre.id = "REPORTE"; pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
});
</script>"""


@pytest.mark.skipif(not shutil.which("chromium"), reason="sin Chromium para abrir la página")
def test_en_chromium_sin_red_los_deslizadores_recalculan(tmp_path: Path):
    partes = _fragmentos()
    pagina = tmp_path / "interactivas.html"
    pagina.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
                      + partes["animacion"] + partes["softmax"] + PRUEBA_JS + "</body></html>",
                      encoding="utf-8")
    orden = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", f"--user-data-dir={tmp_path / 'perfil'}",
             "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000", "--dump-dom",
             pagina.as_uri()]
    r = subprocess.run(orden, capture_output=True, text=True, timeout=120)
    m = re.search(r'<pre id="REPORTE">(.*?)</pre>', r.stdout, re.S)
    assert m, f"Chromium no produjo el reporte:\n{r.stderr[-3000:]}"
    reporte = json.loads(html.unescape(m.group(1)))
    esperado = softmax(np.array([-4.5, -1.0, 3.2, 0.5]))
    assert [float(a) for a in reporte["softmax"]] == pytest.approx(esperado, abs=6e-4)
    assert reporte["suma"] == "1.000"
    assert float(reporte["anim"]) == pytest.approx(CASOS["w = b = 2"]["salida"][7], abs=6e-4)
    assert float(reporte["costo"].replace("\u2212", "-")) == pytest.approx(CASOS["w = 0.6, b = 0.9"]["costo"][7],
                                                                            abs=6e-4)
    assert reporte["puntos"] == 8  # épocas 0 a 7
