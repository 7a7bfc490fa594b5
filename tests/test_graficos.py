"""Pruebas de ``codigo.graficos``: cada figura se crea, se guarda sin avisos y habla español.

Se ejecutan con ``MPLBACKEND=Agg`` y datos sintéticos, para que sean rápidas.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from codigo import graficos as g

RAIZ = Path(__file__).resolve().parent.parent
FIRMA_PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def digitos() -> tuple[np.ndarray, np.ndarray]:
    """40 «imágenes» sintéticas de 784 píxeles en [0, 1) con etiquetas 0…9."""
    rng = np.random.default_rng(0)
    x = rng.random((40, 784), dtype=np.float32)
    y = np.arange(40, dtype=np.int64) % 10
    return x, y


def _textos(fig: Figure) -> list[str]:
    """Todos los textos visibles de la figura (títulos, ejes, rótulos, leyenda, marcas)."""
    fig.draw_without_rendering()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def _fabricas(digitos):
    x, y = digitos
    pred = y.copy()
    pred[[3, 7, 11]] = (pred[[3, 7, 11]] + 1) % 10
    return {
        "escalon_vs_sigmoide": lambda: g.escalon_vs_sigmoide(),
        "perceptron": lambda: g.perceptron(),
        "diagrama_red": lambda: g.diagrama_red([784, 30, 10]),
        "sumador_nand": lambda: g.sumador_nand(),
        "muestra_digitos": lambda: g.muestra_digitos(x, y, n_filas=1, n_columnas=10),
        "valle_costo": lambda: g.valle_costo(),
        "exactitud_por_epoca": lambda: g.exactitud_por_epoca(
            {"[784, 30, 10]": [0.90, 0.92, 0.93], "[784, 100, 10]": [0.85, 0.90]},
            publicado={"[784, 30, 10]": 0.9504},
        ),
        "digitos_mal_clasificados": lambda: g.digitos_mal_clasificados(x, y, pred),
    }


# Textos que cada figura debe mostrar (en español).
ESPERADOS = {
    "escalon_vs_sigmoide": ["entrada ponderada", "salida", "perceptrón", "sigmoide"],
    "perceptron": ["salida", "sesgo", "$x_{1}$", "$w_{3}$"],
    "diagrama_red": ["capa de entrada", "capa oculta", "capa de salida", "784 neuronas", "⋮"],
    "sumador_nand": ["NAND", "suma", "acarreo", "\u22122", "sesgo 3"],
    "muestra_digitos": ["0", "9"],
    "valle_costo": ["$v_1$", "$v_2$", "mínimo"],
    "exactitud_por_epoca": ["época", "exactitud (%)", "publicado", "95.04\u00a0%"],
    "digitos_mal_clasificados": ["verdadero: 3", "red: 4"],
}
INGLES = ("epoch", "accuracy", "layer", "input", "output", "hidden", "weight", "bias", "cost", "sum", "carry")


@pytest.mark.parametrize("nombre", list(ESPERADOS))
def test_cada_figura_se_crea_y_se_guarda_sin_avisos(nombre, digitos, tmp_path):
    antes = dict(matplotlib.rcParams)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = _fabricas(digitos)[nombre]()
        ruta = tmp_path / f"{nombre}.png"
        fig.savefig(ruta)
    assert isinstance(fig, Figure)
    assert ruta.read_bytes().startswith(FIRMA_PNG) and ruta.stat().st_size > 5_000
    # El estilo se aplica solo dentro de la figura: los rcParams globales no cambian.
    assert dict(matplotlib.rcParams) == antes


@pytest.mark.parametrize("nombre", list(ESPERADOS))
def test_los_textos_estan_en_espanol(nombre, digitos):
    textos = _textos(_fabricas(digitos)[nombre]())
    todo = "\n".join(textos)
    for esperado in ESPERADOS[nombre]:
        assert esperado in todo, f"falta «{esperado}» en {textos}"
    palabras = set(todo.lower().replace("\n", " ").split())
    assert not palabras & set(INGLES), f"texto en inglés: {palabras & set(INGLES)}"


def test_se_muestra_como_png_sin_pyplot():
    # myst-nb «glue» y Jupyter muestran la figura por _repr_png_ aunque el backend sea Agg.
    fig = g.perceptron(2)
    png = fig._repr_png_()
    assert png.startswith(FIRMA_PNG) and len(png) > 5_000


def test_escalon_usa_la_sigmoide_de_la_red():
    from codigo.red import sigmoide
    fig = g.escalon_vs_sigmoide()
    linea = max(fig.axes[1].get_lines(), key=lambda l: len(l.get_xdata()))
    z, a = linea.get_xdata(), linea.get_ydata()
    np.testing.assert_allclose(a, sigmoide(z))


def test_sumador_calcula_suma_y_acarreo():
    # El circuito dibujado, evaluado con perceptrones de pesos −2 y sesgo 3, es un sumador.
    for x1 in (0, 1):
        for x2 in (0, 1):
            valores = g._evaluar_sumador(x1, x2)
            assert valores["g4"] == x1 ^ x2
            assert valores["g5"] == x1 & x2
    assert sum(len(entradas) for entradas, _ in g._SUMADOR.values()) == 10  # 5 NAND × 2 entradas


def test_valle_trayectoria_es_descenso_de_gradiente_real():
    camino = g._trayectoria_descenso()
    c = g._costo_valle(camino[:, 0], camino[:, 1])
    assert np.all(np.diff(c) < 0), "el costo debe bajar en cada paso"
    assert c[-1] < 1e-2 * c[0]
    # Cada paso es v − η ∇C(v), con el gradiente comprobado por diferencias finitas.
    v0, h = camino[0], 1e-6
    numerico = np.array([(g._costo_valle(v0[0] + h, v0[1]) - g._costo_valle(v0[0] - h, v0[1])) / (2 * h),
                         (g._costo_valle(v0[0], v0[1] + h) - g._costo_valle(v0[0], v0[1] - h)) / (2 * h)])
    np.testing.assert_allclose(g._gradiente_valle(v0), numerico, rtol=1e-6)
    gradientes = np.array([g._gradiente_valle(v) for v in camino[:-1]])
    etas = (camino[:-1] - camino[1:]) / gradientes
    np.testing.assert_allclose(etas, etas[0, 0])  # la misma η en cada paso y en cada coordenada


def test_exactitud_en_porcentaje_y_publicado_punteado():
    fig = g.exactitud_por_epoca({"a": [0.5, 0.75, 0.9542]}, publicado={"a": 0.9, "b": 0.8})
    ax = fig.axes[0]
    curva, *referencias = ax.get_lines()
    np.testing.assert_allclose(curva.get_xdata(), [1, 2, 3])
    np.testing.assert_allclose(curva.get_ydata(), [50, 75, 95.42])
    assert [r.get_ydata()[0] for r in referencias] == pytest.approx([90, 80])
    assert all(r.get_linestyle() != "-" for r in referencias)
    assert referencias[0].get_color() == curva.get_color()  # mismo nombre, mismo color
    assert referencias[1].get_color() != curva.get_color()


def test_mal_clasificados_elige_los_errores_en_orden(digitos):
    x, y = digitos
    pred = y.copy()
    pred[[5, 2, 30]] = [9, 8, 7]  # y[2] = 2, y[5] = 5, y[30] = 0
    fig = g.digitos_mal_clasificados(x, y, list(map(int, pred)), n=24, n_columnas=8)
    titulos = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titulos == ["verdadero: 2", "verdadero: 5", "verdadero: 0"]
    assert [ax.get_xlabel() for ax in fig.axes if ax.get_xlabel()] == ["red: 8", "red: 9", "red: 7"]
    # Con n = 2 se muestran solo los dos primeros errores.
    fig = g.digitos_mal_clasificados(x, y, pred, n=2)
    assert [ax.get_title() for ax in fig.axes] == ["verdadero: 2", "verdadero: 5"]


def test_mal_clasificados_sin_errores_lo_dice(digitos):
    x, y = digitos
    textos = _textos(g.digitos_mal_clasificados(x, y, y.copy()))
    assert any("Ninguna" in t for t in textos)


def test_imagenes_en_grises_invertidos(digitos):
    x, y = digitos
    fig = g.muestra_digitos(x, y, n_filas=1, n_columnas=3)
    imagenes = [im for ax in fig.axes for im in ax.get_images()]
    assert len(imagenes) == 3
    assert all(im.get_cmap().name == "gray_r" and im.get_array().shape == (28, 28) for im in imagenes)
    np.testing.assert_array_equal(imagenes[2].get_array(), x[2].reshape(28, 28))


def test_dibujar_red_devuelve_posiciones_y_abrevia():
    fig = Figure()
    ax = fig.add_subplot()
    posiciones = g.dibujar_red(ax, [784, 30, 10], max_neuronas=12, rotulos={(0, 783): "$x_{784}$"})
    assert [len(capa) for capa in posiciones] == [11, 11, 10]
    assert 0 in posiciones[0] and 783 in posiciones[0] and 6 not in posiciones[0]
    assert posiciones[0][0][1] > posiciones[0][783][1]  # la neurona 0 arriba
    textos = _textos(fig)
    assert "784 neuronas" in textos and "30 neuronas" in textos and "$x_{784}$" in textos
    # Los extremos de cada conexión quedan sobre los bordes de los círculos.
    a, b = g._puntos_en_bordes((0, 0), (3, 4), 0.5, 0.25, desplazamiento=0.1)
    assert np.hypot(*a) == pytest.approx(0.5)
    assert np.hypot(b[0] - 3, b[1] - 4) == pytest.approx(0.25)


def test_diagrama_red_sin_nombres_ni_abreviar():
    textos = _textos(g.diagrama_red([3, 4, 1], nombres_capas=False))
    assert not any("capa" in t for t in textos)
    textos = _textos(g.diagrama_red([784, 10], nombres_capas=False))
    assert "784 neuronas" in textos  # la capa abreviada siempre dice cuántas neuronas tiene


@pytest.mark.parametrize(
    ("llamada", "error", "fragmento"),
    [
        (lambda d: g.perceptron(0), ValueError, "n_entradas"),
        (lambda d: g.perceptron(9), ValueError, "entre 1 y 8"),
        (lambda d: g.perceptron("3"), TypeError, "n_entradas"),
        (lambda d: g.perceptron(True), TypeError, "n_entradas"),
        (lambda d: g.diagrama_red([784]), ValueError, "al menos dos capas"),
        (lambda d: g.diagrama_red([784, 0, 10]), ValueError, "tamanos[1]"),
        (lambda d: g.diagrama_red("784,30,10"), TypeError, "tamanos"),
        (lambda d: g.diagrama_red([4, 2], max_neuronas=2), ValueError, "max_neuronas"),
        (lambda d: g.diagrama_red([4, 2], nombres_capas="sí"), TypeError, "nombres_capas"),
        (lambda d: g.muestra_digitos(d[0], d[1][:-1]), ValueError, "no coinciden"),
        (lambda d: g.muestra_digitos(d[0][:, :700], d[1]), ValueError, "784"),
        (lambda d: g.muestra_digitos(d[0] * 255, d[1]), ValueError, "entre 0 y 1"),
        (lambda d: g.muestra_digitos(d[0], d[1].astype(float)), TypeError, "enteros"),
        (lambda d: g.muestra_digitos(d[0], d[1], n_filas=5, n_columnas=9), ValueError, "necesita 45"),
        (lambda d: g.digitos_mal_clasificados(d[0], d[1], d[1][:10]), ValueError, "no coinciden"),
        (lambda d: g.digitos_mal_clasificados(d[0], d[1], d[1] + 10), ValueError, "entre 0 y 9"),
        (lambda d: g.digitos_mal_clasificados(d[0], d[1], d[1], n=0), ValueError, "«n»"),
        (lambda d: g.exactitud_por_epoca({}), ValueError, "vacío"),
        (lambda d: g.exactitud_por_epoca([0.9]), TypeError, "diccionario"),
        (lambda d: g.exactitud_por_epoca({"a": []}), ValueError, "no vacía"),
        (lambda d: g.exactitud_por_epoca({"a": [95.4]}), ValueError, "porcentaje"),
        (lambda d: g.exactitud_por_epoca({"a": [0.9, float("nan")]}), ValueError, "fracción"),
        (lambda d: g.exactitud_por_epoca({"a": [0.9]}, publicado={"a": 95.04}), ValueError, "porcentaje"),
        (lambda d: g.exactitud_por_epoca({"a": "0.9"}), TypeError, "lista"),
        (lambda d: g.dibujar_red(Figure().add_subplot(), [3, 2], nombres_capas=["solo una"]),
         ValueError, "un nombre por capa"),
        (lambda d: g.dibujar_red(Figure().add_subplot(), [30, 2], rotulos={(0, 10): "x"}),
         ValueError, "no existe o no se dibuja"),
    ],
)
def test_validaciones_con_mensajes_en_espanol(llamada, error, fragmento, digitos):
    with pytest.raises(error, match=None) as info:
        llamada(digitos)
    assert fragmento in str(info.value)


def test_graficos_no_usa_pyplot_y_el_resto_no_usa_matplotlib():
    codigo = (
        "import sys\n"
        "import codigo, codigo.datos, codigo.red, codigo.validacion, codigo.experimentos, codigo.referencias\n"
        "assert 'matplotlib' not in sys.modules, 'codigo importa matplotlib fuera de graficos'\n"
        "import codigo.graficos as g\n"
        "g.sumador_nand()._repr_png_()\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'graficos importa pyplot'\n"
    )
    entorno = {**os.environ, "PYTHONPATH": str(RAIZ), "MPLBACKEND": "Agg"}
    subprocess.run([sys.executable, "-c", codigo], check=True, cwd=RAIZ, env=entorno)


def test_el_modulo_no_elige_backend_ni_muestra():
    fuente = (RAIZ / "codigo" / "graficos.py").read_text(encoding="utf-8")
    assert "matplotlib.use(" not in fuente
    assert ".show(" not in fuente
    assert "rcParams[" not in fuente and "rcParams.update" not in fuente


# --- Capítulo 2 -----------------------------------------------------------------------------

def _comparaciones_cap2() -> dict:
    return {
        "[5, 7, 3, 2]": [{"capa": 2, "error_w": 8e-10, "error_b": 2e-10, "parametros": 42},
                         {"capa": 3, "error_w": 1e-10, "error_b": 0.0, "parametros": 24}],
        "con un error": [{"capa": 2, "error_w": 0.4, "error_b": 0.3, "parametros": 42}],
    }


def _mediciones_cap2() -> list[dict]:
    return [{"parametros": p, "segundos_numerico": 4e-5 * p, "segundos_retropropagacion": 2e-5 + 1e-9 * p}
            for p in (3190, 1600, 6370)]  # desordenadas a propósito


FABRICAS_CAP2 = {
    "notacion_pesos": lambda: g.notacion_pesos(),
    "notacion_activaciones": lambda: g.notacion_activaciones(),
    "perturbacion_capas": lambda: g.perturbacion_capas(),
    "perturbacion_capas_neurona": lambda: g.perturbacion_capas((3, 4, 4, 2), capa=2, neurona=3,
                                                               desde="neurona"),
    "errores_gradiente": lambda: g.errores_gradiente(_comparaciones_cap2()),
    "tiempos_gradiente": lambda: g.tiempos_gradiente(_mediciones_cap2()),
    "barras_tiempos": lambda: g.barras_tiempos({"bucle por ejemplo": 0.35, "mini-lote matricial": 0.035}),
}
ESPERADOS_CAP2 = {
    "notacion_pesos": ["$w^l_{jk}$", "capa $l - 1$", "capa $l$", "fila $j$", "columna $k$", "$w_{23}$"],
    "notacion_activaciones": ["$b^l_j$", "$a^l_j$", "$a^{l-1}_{1}$", "capa $l + 1$", "\\sigma"],
    "perturbacion_capas": ["$\\Delta w^l_{jk}$", "$\\Delta a^l_j$", "$\\Delta C$", "$C$", "capa $L$", "costo"],
    "perturbacion_capas_neurona": ["$\\Delta z^l_j$", "capa $l - 2$", "capa $L$"],
    "errores_gradiente": ["error relativo", "capa 2", "[5, 7, 3, 2]", "pesos $w$", "sesgos $b$",
                          "umbral de las pruebas ($10^{-6}$)", "0"],
    "tiempos_gradiente": ["diferencias finitas", "retropropagación", "segundos por gradiente", "parámetros"],
    "barras_tiempos": ["bucle por ejemplo", "mini-lote matricial", "segundos por época", "0.35 s"],
}


@pytest.mark.parametrize("nombre", list(FABRICAS_CAP2))
def test_figuras_del_capitulo_2_sin_avisos_y_en_espanol(nombre, tmp_path):
    antes = dict(matplotlib.rcParams)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = FABRICAS_CAP2[nombre]()
        ruta = tmp_path / f"{nombre}.png"
        fig.savefig(ruta)
        png = fig._repr_png_()
    assert isinstance(fig, g.FiguraLibro)
    assert ruta.read_bytes().startswith(FIRMA_PNG) and ruta.stat().st_size > 5_000
    assert png.startswith(FIRMA_PNG)
    assert dict(matplotlib.rcParams) == antes
    textos = _textos(fig)
    todo = "\n".join(textos)
    for esperado in ESPERADOS_CAP2[nombre]:
        assert esperado in todo, f"falta «{esperado}» en {textos}"
    palabras = set(todo.lower().replace("\n", " ").split())
    assert not palabras & set(INGLES), f"texto en inglés: {palabras & set(INGLES)}"


def test_notacion_pesos_resalta_la_fila_j_y_la_columna_k():
    # En la matriz dibujada, la casilla resaltada es la de la fila j = 2 y la columna k = 3: la
    # misma conexión que la flecha resaltada, de la neurona 3 (capa l − 1) a la neurona 2 (capa l).
    fig = g.notacion_pesos()
    resaltadas = [p for p in fig.axes[0].patches
                  if isinstance(p, matplotlib.patches.Rectangle) and p.get_linewidth() > 1]
    assert len(resaltadas) == 1
    casilla = [t for t in fig.axes[0].texts if t.get_position() == pytest.approx(
        (resaltadas[0].get_x() + resaltadas[0].get_width() / 2,
         resaltadas[0].get_y() + resaltadas[0].get_height() / 2))]
    assert [t.get_text() for t in casilla] == ["$w_{23}$"]


def test_perturbacion_resalta_solo_lo_que_queda_aguas_abajo():
    # Red (4, 5, 5, 3), neurona j de la capa 1: se resaltan las 5 conexiones de j a la capa
    # siguiente, las 5 × 3 de ahí a la salida y la del peso perturbado: 21 en total.
    from matplotlib.collections import LineCollection

    fig = g.perturbacion_capas((4, 5, 5, 3), capa=1, neurona=1, desde="peso")
    colecciones = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    grises = [c for c in colecciones if c.get_zorder() == 2]
    resaltadas = [c for c in colecciones if c.get_zorder() > 2]
    assert sum(len(c.get_segments()) for c in grises) == 4 * 5 + 5 * 5 + 5 * 3
    assert sum(len(c.get_segments()) for c in resaltadas) == 5 + 5 * 3 + 1
    fig = g.perturbacion_capas((4, 5, 5, 3), capa=1, neurona=1, desde="neurona")
    resaltadas = [c for c in fig.axes[0].collections if isinstance(c, LineCollection) and c.get_zorder() > 2]
    assert sum(len(c.get_segments()) for c in resaltadas) == 5 + 5 * 3


def test_errores_gradiente_dibuja_cada_error_a_su_altura():
    fig = g.errores_gradiente(_comparaciones_cap2(), referencia=1e-6)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    suelo = ax.get_ylim()[0]
    alturas = [b.get_y() + b.get_height() for b in ax.patches]
    # Pesos y sesgos de cada capa, en orden; el 0 se dibuja al pie (y lleva el rótulo «0»).
    assert alturas[:3] == pytest.approx([8e-10, 2e-10, 1e-10])
    assert alturas[3] < 1e-10 and alturas[3] == pytest.approx(1.5 * suelo)
    assert alturas[4:] == pytest.approx([0.4, 0.3])
    assert [l.get_ydata()[0] for l in ax.get_lines()] == pytest.approx([1e-6])
    assert g.errores_gradiente(_comparaciones_cap2(), referencia=None).axes[0].get_lines() == []


def test_tiempos_gradiente_ordena_y_escribe_el_cociente():
    fig = g.tiempos_gradiente(_mediciones_cap2())
    ax = fig.axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    numerico, retro = ax.get_lines()
    np.testing.assert_allclose(numerico.get_xdata(), [1600, 3190, 6370])
    np.testing.assert_allclose(numerico.get_ydata(), [4e-5 * p for p in (1600, 3190, 6370)])
    cociente = 4e-5 * 6370 / (2e-5 + 1e-9 * 6370)
    assert f"× {g._miles(cociente)}" in _textos(fig)
    assert g._miles(25450) == "25\u2009450"


@pytest.mark.parametrize(
    ("llamada", "error", "fragmento"),
    [
        (lambda: g.perturbacion_capas((4, 5)), ValueError, "entre 3 y 6 capas"),
        (lambda: g.perturbacion_capas((4, 9, 3)), ValueError, "de 1 a 8 neuronas"),
        (lambda: g.perturbacion_capas(capa=0), ValueError, "«capa»"),
        (lambda: g.perturbacion_capas(capa=3), ValueError, "«capa»"),
        (lambda: g.perturbacion_capas(neurona=5), ValueError, "«neurona»"),
        (lambda: g.perturbacion_capas(origen=-1), ValueError, "«origen»"),
        (lambda: g.perturbacion_capas(desde="sesgo"), ValueError, "«desde»"),
        (lambda: g.perturbacion_capas(capa=1.0), TypeError, "«capa»"),
        (lambda: g.errores_gradiente({}), ValueError, "vacío"),
        (lambda: g.errores_gradiente([1e-9]), TypeError, "diccionario"),
        (lambda: g.errores_gradiente({"a": []}), TypeError, "lista no vacía"),
        (lambda: g.errores_gradiente({"a": [{"capa": 2, "error_w": 1e-9}]}), ValueError, "«error_b»"),
        (lambda: g.errores_gradiente({"a": [{"capa": 2, "error_w": -1e-9, "error_b": 0}]}),
         ValueError, "mayor o igual que 0"),
        (lambda: g.errores_gradiente({"a": [{"capa": 2, "error_w": float("nan"), "error_b": 0}]}),
         ValueError, "finito"),
        (lambda: g.errores_gradiente({"a": [{"capa": 2, "error_w": "0", "error_b": 0}]}), TypeError, "real"),
        (lambda: g.errores_gradiente(_comparaciones_cap2(), referencia=0), ValueError, "referencia"),
        (lambda: g.tiempos_gradiente([]), ValueError, "vacía"),
        (lambda: g.tiempos_gradiente({"parametros": 3}), TypeError, "lista"),
        (lambda: g.tiempos_gradiente([{"parametros": 10}]), ValueError, "segundos_numerico"),
        (lambda: g.tiempos_gradiente([{"parametros": 10, "segundos_numerico": 0.0,
                                       "segundos_retropropagacion": 1.0}]), ValueError, "positivo"),
        (lambda: g.barras_tiempos({}), ValueError, "vacío"),
        (lambda: g.barras_tiempos({"a": -1.0}), ValueError, "positivo"),
        (lambda: g.barras_tiempos({"a": 1.0}, unidad=3), TypeError, "unidad"),
    ],
)
def test_validaciones_del_capitulo_2(llamada, error, fragmento):
    with pytest.raises(error) as info:
        llamada()
    assert fragmento in str(info.value)
