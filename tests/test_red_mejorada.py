"""Pruebas de la red mejorada del capítulo 3 (:mod:`codigo.red_mejorada`).

El juez de la retropropagación es independiente de ella: las diferencias finitas centradas
del costo total, en float64, para cada combinación de costo, activación y regularización.
"""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest

from codigo.activaciones import ACTIVACIONES
from codigo.costos import COSTOS, Costo, EntropiaCruzada
from codigo.red import Red
from codigo.red_mejorada import DIVISOR_ETA_FINAL, Historial, RedMejorada

NOMBRES_COSTOS = list(COSTOS)
NOMBRES_ACTIVACIONES = list(ACTIVACIONES)


def datos_al_azar(n: int, n_entrada: int, n_clases: int, semilla: int = 0,
                  dtype: type = np.float64) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(semilla)
    return rng.random((n, n_entrada)).astype(dtype), rng.integers(0, n_clases, size=n)


def gradiente_numerico(red: RedMejorada, costo: callable, eps: float = 1e-6) -> tuple[list, list]:
    """∂costo/∂p por diferencias finitas centradas, parámetro por parámetro (y restaurándolo)."""
    resultado: list[list[np.ndarray]] = [[], []]
    for lista, parametros in zip(resultado, (red.b, red.w)):
        for p in parametros:
            g = np.zeros(p.shape)
            plano, g_plano = p.reshape(-1), g.reshape(-1)
            for i in range(plano.size):
                original = plano[i]
                plano[i] = original + eps
                c_mas = costo()
                plano[i] = original - eps
                c_menos = costo()
                plano[i] = original
                g_plano[i] = (c_mas - c_menos) / (2 * eps)
            lista.append(g)
    return resultado[0], resultado[1]


def comparar_gradientes(analitico: tuple[list, list], numerico: tuple[list, list]) -> None:
    for nombre, lista_a, lista_n in zip(("nabla_b", "nabla_w"), analitico, numerico):
        for l, (a, n) in enumerate(zip(lista_a, lista_n)):
            np.testing.assert_allclose(a, n, rtol=1e-5, atol=1e-8, err_msg=f"{nombre}[{l}]")


# --------------------------------------------------------------------- gradientes

@pytest.mark.parametrize("regularizacion", [None, "L2", "L1"])
@pytest.mark.parametrize("activacion", NOMBRES_ACTIVACIONES)
@pytest.mark.parametrize("costo", NOMBRES_COSTOS)
def test_gradiente_contra_diferencias_finitas(costo: str, activacion: str,
                                              regularizacion: str | None) -> None:
    """El gradiente del costo regularizado de un mini-lote, contra diferencias finitas."""
    red = RedMejorada([4, 5, 3, 3], costo=costo, activacion=activacion, semilla=7, dtype=np.float64)
    if regularizacion == "L1":  # |w| no es derivable en 0: ningún peso cerca de 0
        for w in red.w:
            w[np.abs(w) < 0.05] = 0.05
    x, y = datos_al_azar(6, 4, 3, semilla=1)
    lmbda = 0.0 if regularizacion is None else 0.7
    n_entrenamiento = 10  # ≠ len(x): la penalización usa el tamaño del conjunto de entrenamiento
    analitico = red.gradiente(x, y, lmbda, n_entrenamiento, regularizacion)
    numerico = gradiente_numerico(
        red, lambda: red.costo_total(x, y, lmbda, n_entrenamiento, regularizacion))
    comparar_gradientes(analitico, numerico)


@pytest.mark.parametrize("activacion", NOMBRES_ACTIVACIONES)
def test_gradiente_con_mascaras_de_abandono(activacion: str) -> None:
    """Con máscaras fijas, la retropropagación deriva la red con neuronas apagadas."""
    red = RedMejorada([4, 6, 5, 3], costo="log_verosimilitud", activacion=activacion,
                      semilla=2, dtype=np.float64)
    x, y = datos_al_azar(7, 4, 3, semilla=4)
    mascaras = red.mascaras_abandono(len(x), 0.5)
    assert all((m == 0).any() for m in mascaras)

    def costo_con_mascaras() -> float:  # la pasada hacia adelante escrita de nuevo, a mano
        a = x
        for l, (w, b) in enumerate(zip(red.w, red.b)):
            z = a @ w.T + b
            a = red.costo.salida(z) if l == len(red.w) - 1 else red.activacion(z) * mascaras[l]
        return red.costo.valor(a, np.eye(3)[y])

    comparar_gradientes(red.retropropagacion(x, y, mascaras), gradiente_numerico(red, costo_con_mascaras))


# --------------------------------------------------------------------- el paso de gradiente

def test_con_costo_cuadratico_e_inicializacion_grande_es_la_red_del_capitulo_1() -> None:
    x, y = datos_al_azar(200, 20, 4, semilla=3, dtype=np.float32)
    original = Red([20, 8, 4], semilla=5)
    mejorada = RedMejorada([20, 8, 4], costo="cuadratico", activacion="sigmoide",
                           inicializacion="grande", semilla=5)
    for w, w2, b, b2 in zip(original.w, mejorada.w, original.b, mejorada.b):
        np.testing.assert_array_equal(w, w2)
        np.testing.assert_array_equal(b, b2)
    original.sgd(x, y, 2, 10, 3.0)
    mejorada.sgd(x, y, 2, 10, 3.0)
    for w, w2 in zip(original.w, mejorada.w):
        np.testing.assert_allclose(w, w2, rtol=1e-4, atol=1e-5)


def test_normalizada_es_grande_dividida_por_raiz_de_n_entrada() -> None:
    grande = RedMejorada([9, 4, 2], inicializacion="grande", semilla=3)
    normalizada = RedMejorada([9, 4, 2], inicializacion="normalizada", semilla=3)
    np.testing.assert_allclose(normalizada.w[0], grande.w[0] / 3, rtol=1e-6)
    np.testing.assert_allclose(normalizada.w[1], grande.w[1] / 2, rtol=1e-6)
    np.testing.assert_array_equal(normalizada.b[0], grande.b[0])
    grande = RedMejorada([784, 100, 10], inicializacion="grande", semilla=0)
    normalizada = RedMejorada([784, 100, 10], semilla=0)
    assert np.std(grande.w[0]) == pytest.approx(1.0, rel=0.01)
    assert np.std(normalizada.w[0]) == pytest.approx(1 / 28, rel=0.01)


@pytest.mark.parametrize("regularizacion", ["L2", "L1"])
def test_paso_regularizado(regularizacion: str) -> None:
    """L2: w → (1 − ηλ/n) w − (η/m) Σ∇C_x; L1: w → w − (ηλ/n) sgn(w) − (η/m) Σ∇C_x."""
    red = RedMejorada([5, 4, 3], semilla=1, dtype=np.float64)
    x, y = datos_al_azar(8, 5, 3, semilla=2)
    eta, lmbda, n = 0.5, 3.0, 1000
    nabla_b, nabla_w = red.retropropagacion(x, y)
    w_antes, b_antes = [w.copy() for w in red.w], [b.copy() for b in red.b]
    red.actualizar_mini_lote(x, y, eta, lmbda, n, regularizacion)
    for w, w0, nw, b, b0, nb in zip(red.w, w_antes, nabla_w, red.b, b_antes, nabla_b):
        if regularizacion == "L2":
            esperado = (1 - eta * lmbda / n) * w0 - eta / len(x) * nw
        else:
            esperado = w0 - eta * lmbda / n * np.sign(w0) - eta / len(x) * nw
        np.testing.assert_allclose(w, esperado, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(b, b0 - eta / len(x) * nb, rtol=1e-12, atol=1e-15)  # sin regularizar


def test_paso_con_momento() -> None:
    """v → μv − η∇C y w → w + v: el segundo paso arrastra μ veces la velocidad del primero."""
    red = RedMejorada([5, 4, 3], semilla=1, dtype=np.float64)
    x, y = datos_al_azar(8, 5, 3, semilla=2)
    eta, mu = 0.5, 0.9
    velocidades = [np.zeros_like(p) for p in red.w + red.b]
    w0 = red.w[0].copy()
    g1 = red.gradiente(x, y)[1][0]
    red.actualizar_mini_lote(x, y, eta, momento=mu, velocidades=velocidades)
    np.testing.assert_allclose(red.w[0], w0 - eta * g1, rtol=1e-12)
    g2 = red.gradiente(x, y)[1][0]
    red.actualizar_mini_lote(x, y, eta, momento=mu, velocidades=velocidades)
    np.testing.assert_allclose(velocidades[0], mu * (-eta * g1) - eta * g2, rtol=1e-12)
    np.testing.assert_allclose(red.w[0], w0 - eta * g1 + mu * (-eta * g1) - eta * g2, rtol=1e-12)


# --------------------------------------------------------------------- el costo total

def red_diminuta(costo: str) -> RedMejorada:
    red = RedMejorada([2, 2, 2], costo=costo, dtype=np.float64)
    red.w = [np.array([[0.5, -1.0], [2.0, 0.25]]), np.array([[1.5, -0.5], [-2.0, 1.0]])]
    red.b = [np.array([0.1, -0.2]), np.array([0.3, 0.0])]
    return red


X_DIMINUTA = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]])
Y_DIMINUTA = np.array([0, 1, 1])


def salidas_a_mano(costo: str) -> list[list[float]]:
    """La pasada hacia adelante de la red diminuta escrita escalar por escalar."""
    sig = lambda t: 1 / (1 + math.exp(-t))  # noqa: E731
    salidas = []
    for x1, x2 in X_DIMINUTA:
        h1 = sig(0.5 * x1 - 1.0 * x2 + 0.1)
        h2 = sig(2.0 * x1 + 0.25 * x2 - 0.2)
        z1, z2 = 1.5 * h1 - 0.5 * h2 + 0.3, -2.0 * h1 + 1.0 * h2
        if costo == "log_verosimilitud":
            salidas.append([math.exp(z1) / (math.exp(z1) + math.exp(z2)),
                            math.exp(z2) / (math.exp(z1) + math.exp(z2))])
        else:
            salidas.append([sig(z1), sig(z2)])
    return salidas


@pytest.mark.parametrize("regularizacion", ["L2", "L1"])
@pytest.mark.parametrize("costo", NOMBRES_COSTOS)
def test_costo_total_contra_calculo_a_mano(costo: str, regularizacion: str) -> None:
    red = red_diminuta(costo)
    total = 0.0
    for (a1, a2), etiqueta in zip(salidas_a_mano(costo), Y_DIMINUTA):
        y1, y2 = (1.0, 0.0) if etiqueta == 0 else (0.0, 1.0)
        if costo == "cuadratico":
            total += 0.5 * ((a1 - y1) ** 2 + (a2 - y2) ** 2)
        elif costo == "entropia_cruzada":
            total -= y1 * math.log(a1) + (1 - y1) * math.log(1 - a1)
            total -= y2 * math.log(a2) + (1 - y2) * math.log(1 - a2)
        else:
            total -= math.log(a1 if etiqueta == 0 else a2)
    pesos = [0.5, -1.0, 2.0, 0.25, 1.5, -0.5, -2.0, 1.0]
    lmbda, n_entrenamiento = 0.6, 1000  # n de entrenamiento, no los 3 ejemplos que se miden
    if regularizacion == "L2":
        penalizacion = lmbda / (2 * n_entrenamiento) * sum(p * p for p in pesos)
    else:
        penalizacion = lmbda / n_entrenamiento * sum(abs(p) for p in pesos)
    esperado = total / 3 + penalizacion
    obtenido = red.costo_total(X_DIMINUTA, Y_DIMINUTA, lmbda, n_entrenamiento, regularizacion)
    assert obtenido == pytest.approx(esperado, rel=1e-12)
    assert red.costo_total(X_DIMINUTA, Y_DIMINUTA) == pytest.approx(total / 3, rel=1e-12)


def test_los_costos_monitoreados_usan_el_n_de_entrenamiento() -> None:
    x, y = datos_al_azar(40, 6, 3, semilla=8, dtype=np.float32)
    x_ev, y_ev = datos_al_azar(15, 6, 3, semilla=9, dtype=np.float32)
    red = RedMejorada([6, 5, 3], semilla=2)
    historial = red.sgd(x, y, 2, 5, 0.5, lmbda=4.0, datos_evaluacion=(x_ev, y_ev),
                        monitorear_costo_entrenamiento=True, monitorear_costo_evaluacion=True)
    assert historial.costo_evaluacion[-1] == pytest.approx(red.costo_total(x_ev, y_ev, 4.0, 40), rel=1e-12)
    assert historial.costo_entrenamiento[-1] == pytest.approx(red.costo_total(x, y, 4.0, 40), rel=1e-12)
    penalizacion_40 = red.penalizacion(4.0, 40)
    assert red.costo_total(x_ev, y_ev, 4.0, 15) != pytest.approx(red.costo_total(x_ev, y_ev, 4.0, 40))
    sin_penalizacion = red.costo_total(x_ev, y_ev)
    assert red.costo_total(x_ev, y_ev, 4.0, 40) == pytest.approx(sin_penalizacion + penalizacion_40)


# --------------------------------------------------------------------- abandono

def test_mascaras_de_abandono_por_capa_y_por_semilla() -> None:
    red = RedMejorada([4, 50, 50, 3], semilla=1)
    mascaras = red.mascaras_abandono(40, 0.5)
    assert [m.shape for m in mascaras] == [(40, 50), (40, 50)]
    assert not np.array_equal(mascaras[0], mascaras[1])            # cada capa, su flujo
    assert set(np.unique(mascaras[0])) == {0.0, 2.0}                # 0 o 1/(1 − p)
    assert np.mean(mascaras[0] == 0) == pytest.approx(0.5, abs=0.05)
    siguientes = red.mascaras_abandono(40, 0.5)
    assert not np.array_equal(mascaras[0], siguientes[0])           # cada mini-lote, otra máscara
    misma = RedMejorada([4, 50, 50, 3], semilla=1).mascaras_abandono(40, 0.5)
    otra = RedMejorada([4, 50, 50, 3], semilla=2).mascaras_abandono(40, 0.5)
    for m, m_misma, m_otra in zip(mascaras, misma, otra):
        np.testing.assert_array_equal(m, m_misma)
        assert not np.array_equal(m, m_otra)
    assert mascaras[0].dtype == np.float32


def test_abandono_no_cambia_el_barajado_ni_la_evaluacion() -> None:
    x, y = datos_al_azar(30, 6, 3, semilla=1, dtype=np.float32)
    con = RedMejorada([6, 8, 3], semilla=4)
    sin = RedMejorada([6, 8, 3], semilla=4)
    con.sgd(x, y, 1, 5, 0.1, abandono=0.3)
    sin.sgd(x, y, 1, 5, 0.1)
    assert con.rng.random() == sin.rng.random()  # el abandono tiene sus propios generadores
    np.testing.assert_array_equal(con.prealimentar(x), con.prealimentar(x))


# --------------------------------------------------------------------- guardar y cargar

@pytest.mark.parametrize("costo,activacion", list(itertools.product(NOMBRES_COSTOS, NOMBRES_ACTIVACIONES)))
def test_guardar_y_cargar_da_salidas_identicas(tmp_path, costo: str, activacion: str) -> None:
    x, y = datos_al_azar(50, 7, 4, semilla=2, dtype=np.float32)
    red = RedMejorada([7, 6, 5, 4], costo=costo, activacion=activacion, inicializacion="grande", semilla=3)
    red.sgd(x, y, 2, 10, 0.1, lmbda=0.5, momento=0.5)
    ruta = tmp_path / "red.json"
    red.guardar(ruta)
    cargada = RedMejorada.cargar(ruta)
    np.testing.assert_array_equal(cargada.prealimentar(x), red.prealimentar(x))
    assert (cargada.tamanos, cargada.costo.nombre, cargada.activacion.nombre, cargada.inicializacion,
            cargada.dtype) == ((7, 6, 5, 4), costo, activacion, "grande", np.float32)
    contenido = json.loads(ruta.read_text(encoding="utf-8"))  # JSON plano: nombres, no clases
    assert contenido["costo"] == costo and contenido["activacion"] == activacion
    assert contenido["tamanos"] == [7, 6, 5, 4]


def test_guardar_y_cargar_en_float64(tmp_path) -> None:
    red = RedMejorada([3, 4, 2], semilla=9, dtype=np.float64)
    red.guardar(tmp_path / "red.json")
    cargada = RedMejorada.cargar(tmp_path / "red.json")
    assert cargada.dtype == np.float64
    for w, w2 in zip(red.w, cargada.w):
        np.testing.assert_array_equal(w, w2)


def test_cargar_archivos_malos(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="No existe el archivo de red"):
        RedMejorada.cargar(tmp_path / "no_existe.json")
    (tmp_path / "roto.json").write_text("{ no es json", encoding="utf-8")
    with pytest.raises(ValueError, match="no es un JSON válido"):
        RedMejorada.cargar(tmp_path / "roto.json")
    (tmp_path / "otro.json").write_text('{"tamanos": [2, 2]}', encoding="utf-8")
    with pytest.raises(ValueError, match="no es una red guardada con RedMejorada.guardar"):
        RedMejorada.cargar(tmp_path / "otro.json")
    red = RedMejorada([3, 4, 2])
    red.guardar(tmp_path / "red.json")
    contenido = json.loads((tmp_path / "red.json").read_text(encoding="utf-8"))
    contenido["w"][1] = [[1.0, 2.0]]
    (tmp_path / "red.json").write_text(json.dumps(contenido), encoding="utf-8")
    with pytest.raises(ValueError, match=r"«w\[1\]».*forma \(1, 2\).*se espera \(2, 4\)"):
        RedMejorada.cargar(tmp_path / "red.json")
    del contenido["costo"]
    (tmp_path / "red.json").write_text(json.dumps(contenido), encoding="utf-8")
    with pytest.raises(ValueError, match=r"le faltan las claves \['costo'\]"):
        RedMejorada.cargar(tmp_path / "red.json")


def test_no_se_guarda_lo_que_no_se_podria_cargar(tmp_path) -> None:
    class MiCosto(EntropiaCruzada):
        nombre = "mi_costo"

    with pytest.raises(ValueError, match="No se puede guardar: el costo MiCosto"):
        RedMejorada([3, 2], costo=MiCosto()).guardar(tmp_path / "red.json")
    red = RedMejorada([3, 2])
    red.w[0][0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN o infinitos"):
        red.guardar(tmp_path / "red.json")
    assert not (tmp_path / "red.json").exists()


# --------------------------------------------------------------------- parada temprana y calendario de η

def red_que_no_mejora() -> tuple[RedMejorada, dict]:
    """Con η diminuta los pesos casi no cambian: la exactitud de evaluación no mejora nunca."""
    x, y = datos_al_azar(40, 5, 3, semilla=1)
    red = RedMejorada([5, 4, 3], semilla=2, dtype=np.float64)
    return red, {"x": x, "y": y, "tam_mini_lote": 10, "eta": 1e-10, "datos_evaluacion": (x, y)}


def test_parada_temprana_sin_mejora() -> None:
    red, datos = red_que_no_mejora()
    historial = red.sgd(epocas=50, parada_temprana=3, **datos)
    assert historial.epocas == 4  # la mejor es la 1.ª; la 2.ª, 3.ª y 4.ª no mejoran
    assert historial.motivo_parada == "parada_temprana" and historial.mejor_epoca == 1
    assert len(historial.exactitud_evaluacion) == 4 and len(set(historial.exactitud_evaluacion)) == 1


def test_calendario_de_eta_sin_mejora() -> None:
    red, datos = red_que_no_mejora()
    historial = red.sgd(epocas=50, paciencia_eta=1, **datos)
    # η se divide entre 2 tras cada época sin mejora, hasta llegar a η/128.
    assert historial.eta == pytest.approx([1e-10 / 2**k for k in (0, 0, 1, 2, 3, 4, 5, 6)], rel=1e-12)
    assert historial.motivo_parada == "eta_minima" and DIVISOR_ETA_FINAL == 128


def test_parada_temprana_con_exactitudes_dictadas() -> None:
    x, y = datos_al_azar(20, 5, 3)
    red = RedMejorada([5, 4, 3])
    dictadas = iter([10, 12, 12, 14, 13, 14, 13, 20, 20])
    red._aciertos = lambda x, y: next(dictadas)  # la exactitud de cada época la decide la prueba
    historial = red.sgd(x, y, 50, 10, 0.1, parada_temprana=3, datos_evaluacion=(x, y))
    assert historial.exactitud_evaluacion == [a / 20 for a in (10, 12, 12, 14, 13, 14, 13)]
    assert historial.mejor_epoca == 4 and historial.motivo_parada == "parada_temprana"


def test_calendario_de_eta_con_exactitudes_dictadas() -> None:
    x, y = datos_al_azar(20, 5, 3)
    red = RedMejorada([5, 4, 3])
    dictadas = itertools.chain([10, 10, 10, 12, 12, 11, 14], itertools.repeat(14))
    red._aciertos = lambda x, y: next(dictadas)
    historial = red.sgd(x, y, 50, 10, 0.8, paciencia_eta=2, datos_evaluacion=(x, y))
    divisores = [1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 16, 16, 32, 32, 64, 64]  # una mejora reinicia la cuenta
    assert historial.eta == pytest.approx([0.8 / d for d in divisores])
    assert historial.motivo_parada == "eta_minima"


def test_sin_parada_se_hacen_todas_las_epocas() -> None:
    red, datos = red_que_no_mejora()
    historial = red.sgd(epocas=5, parada_temprana=10, paciencia_eta=10, **datos)
    assert historial.epocas == 5 and historial.motivo_parada == "epocas"
    assert historial.eta == [1e-10] * 5


# --------------------------------------------------------------------- historial y monitoreo

def test_cada_curva_se_mide_una_vez_por_epoca() -> None:
    x, y = datos_al_azar(30, 5, 3, dtype=np.float32)
    red = RedMejorada([5, 4, 3])
    llamadas = {"costo": 0, "aciertos": 0}
    costo_original, aciertos_original = red._costo_datos, red._aciertos

    def costo_contado(*args):
        llamadas["costo"] += 1
        return costo_original(*args)

    def aciertos_contados(*args):
        llamadas["aciertos"] += 1
        return aciertos_original(*args)

    red._costo_datos, red._aciertos = costo_contado, aciertos_contados
    vistas = []
    historial = red.sgd(x, y, 3, 10, 0.5, lmbda=1.0, parada_temprana=100, paciencia_eta=100,
                        datos_evaluacion=(x[:10], y[:10]), monitorear_costo_entrenamiento=True,
                        monitorear_exactitud_entrenamiento=True, monitorear_costo_evaluacion=True,
                        monitorear_exactitud_evaluacion=True, al_terminar_epoca=vistas.append)
    assert llamadas == {"costo": 6, "aciertos": 6}  # 2 por época: entrenamiento y evaluación
    assert isinstance(historial, Historial)
    for curva in ("costo_entrenamiento", "exactitud_entrenamiento", "costo_evaluacion",
                  "exactitud_evaluacion", "eta", "segundos"):
        assert len(getattr(historial, curva)) == 3
    assert [v["epoca"] for v in vistas] == [1, 2, 3]
    assert vistas[-1]["costo_evaluacion"] == historial.costo_evaluacion[-1]
    texto = json.dumps(historial.como_dict())  # se puede escribir en JSON
    assert json.loads(texto)["motivo_parada"] == "epocas"


def test_sin_monitoreo_las_curvas_quedan_vacias() -> None:
    x, y = datos_al_azar(30, 5, 3, dtype=np.float32)
    historial = RedMejorada([5, 4, 3]).sgd(x, y, 2, 10, 0.5)
    assert historial.costo_entrenamiento == [] and historial.exactitud_evaluacion == []
    assert historial.epocas == 2 and historial.mejor_epoca is None


# --------------------------------------------------------------------- aprende MNIST

@pytest.fixture(scope="module")
def mnist_pequeno():
    from codigo.datos import cargar_mnist

    mnist = cargar_mnist()
    x, y = mnist.entrenamiento
    x_v, y_v = mnist.validacion
    return x[:5000], y[:5000], x_v[:2000], y_v[:2000]


@pytest.mark.parametrize("opciones", [
    {"costo": "entropia_cruzada", "activacion": "sigmoide", "eta": 0.5},
    {"costo": "log_verosimilitud", "activacion": "relu", "eta": 0.03, "lmbda": 1.0,
     "momento": 0.5, "abandono": 0.2},
    {"costo": "cuadratico", "activacion": "tanh", "eta": 0.5, "lmbda": 1.0, "regularizacion": "L1"},
], ids=["entropia-sigmoide", "softmax-relu-abandono-momento", "cuadratico-tanh-L1"])
def test_aprende_mnist_muy_por_encima_del_azar(mnist_pequeno, opciones: dict) -> None:
    x, y, x_v, y_v = mnist_pequeno
    opciones = dict(opciones)
    red = RedMejorada([784, 30, 10], costo=opciones.pop("costo"), activacion=opciones.pop("activacion"),
                      semilla=1)
    historial = red.sgd(x, y, 3, 10, opciones.pop("eta"), datos_evaluacion=(x_v, y_v),
                        monitorear_exactitud_evaluacion=True, monitorear_costo_evaluacion=True,
                        **opciones)
    assert historial.exactitud_evaluacion[-1] > 0.8  # el azar acierta 0.1
    assert all(math.isfinite(c) for c in historial.costo_evaluacion)
    assert historial.costo_evaluacion[-1] < historial.costo_evaluacion[0] * 1.05


# --------------------------------------------------------------------- validación

X3, Y3 = datos_al_azar(10, 3, 2, dtype=np.float32)


@pytest.mark.parametrize("argumentos,error,mensaje", [
    ({"costo": "entropia"}, ValueError, "«costo» desconocido: «entropia»"),
    ({"costo": EntropiaCruzada}, TypeError, "se recibió la clase EntropiaCruzada"),
    ({"activacion": "sigmoid"}, ValueError, "«activacion» desconocida: «sigmoid»"),
    ({"inicializacion": "pequena"}, ValueError, "«inicializacion» debe ser uno de «normalizada», «grande»"),
    ({"semilla": -1}, ValueError, "«semilla» debe ser un entero ≥ 0"),
    ({"semilla": 1.5}, TypeError, "«semilla» debe ser un entero"),
    ({"dtype": np.int32}, TypeError, "«dtype» debe ser un tipo real"),
    ({"tamanos": [3]}, ValueError, "al menos dos capas"),
])
def test_errores_al_crear_la_red(argumentos: dict, error: type, mensaje: str) -> None:
    argumentos = {"tamanos": [3, 4, 2]} | argumentos
    with pytest.raises(error, match=mensaje):
        RedMejorada(**argumentos)


@pytest.mark.parametrize("argumentos,error,mensaje", [
    ({"lmbda": -0.1}, ValueError, r"«lmbda» debe ser un número real ≥ 0 y finito; se recibió -0.1"),
    ({"lmbda": "5"}, TypeError, "«lmbda» debe ser un número real"),
    ({"lmbda": 1.0, "regularizacion": None}, ValueError, "«regularizacion» es None"),
    ({"regularizacion": "l2"}, ValueError, "«regularizacion» debe ser uno de «L2», «L1», None; se recibió 'l2'"),
    ({"abandono": 1.0}, ValueError, r"«abandono» debe estar en el intervalo \[0, 1\); se recibió 1.0"),
    ({"abandono": -0.1}, ValueError, r"«abandono» debe estar en el intervalo \[0, 1\)"),
    ({"momento": 1.0}, ValueError, r"«momento» debe estar en el intervalo \[0, 1\)"),
    ({"momento": True}, TypeError, "«momento» debe ser un número real"),
    ({"paciencia_eta": 0}, ValueError, "«paciencia_eta» debe ser un entero positivo"),
    ({"parada_temprana": 2.0}, TypeError, "«parada_temprana» debe ser un entero positivo"),
    ({"parada_temprana": 3}, ValueError, "«parada_temprana» necesita «datos_evaluacion»"),
    ({"paciencia_eta": 3}, ValueError, "«paciencia_eta» necesita «datos_evaluacion»"),
    ({"monitorear_costo_evaluacion": True}, ValueError,
     "«monitorear_costo_evaluacion» necesita «datos_evaluacion»"),
    ({"monitorear_exactitud_entrenamiento": 1}, TypeError,
     "«monitorear_exactitud_entrenamiento» debe ser True o False"),
    ({"datos_evaluacion": X3}, TypeError, "«datos_evaluacion» debe ser un par"),
    ({"datos_evaluacion": (X3, np.eye(2)[Y3])}, TypeError, r"«datos_evaluacion\[1\]» debe contener enteros"),
    ({"y": np.eye(2)[Y3]}, TypeError, "«y» debe contener enteros"),
    ({"y": np.eye(2, dtype=int)[Y3]}, ValueError, r"«y» debe tener forma \(10,\)"),
    ({"x": X3.T}, ValueError, "Parece traspuesto"),
    ({"eta": 0}, ValueError, "«eta» debe ser un número real positivo"),
    ({"epocas": 0}, ValueError, "«epocas» debe ser un entero positivo"),
    ({"tam_mini_lote": 2.5}, TypeError, "«tam_mini_lote» debe ser un entero positivo"),
    ({"al_terminar_epoca": "imprimir"}, TypeError, "«al_terminar_epoca» debe ser una función"),
])
def test_errores_de_sgd(argumentos: dict, error: type, mensaje: str) -> None:
    argumentos = {"x": X3, "y": Y3, "epocas": 1, "tam_mini_lote": 5, "eta": 0.1} | argumentos
    with pytest.raises(error, match=mensaje):
        RedMejorada([3, 4, 2]).sgd(**argumentos)


def test_abandono_sin_capas_ocultas() -> None:
    with pytest.raises(ValueError, match=r"«abandono» apaga neuronas ocultas, pero la red \[3, 2\]"):
        RedMejorada([3, 2]).sgd(X3, Y3, 1, 5, 0.1, abandono=0.5)


def test_errores_del_costo_total_y_la_evaluacion() -> None:
    red = RedMejorada([3, 4, 2])
    with pytest.raises(ValueError, match="«n_entrenamiento» hace falta cuando lmbda > 0"):
        red.costo_total(X3, Y3, lmbda=1.0)
    with pytest.raises(ValueError, match="«n_entrenamiento» debe ser un entero positivo"):
        red.costo_total(X3, Y3, lmbda=1.0, n_entrenamiento=0)
    with pytest.raises(ValueError, match="«lmbda» debe ser un número real ≥ 0"):
        red.costo_total(X3, Y3, lmbda=-1.0, n_entrenamiento=10)
    with pytest.raises(ValueError, match=r"«y» debe contener enteros entre 0 y 1; se encontró el intervalo 0 … 5"):
        red.evaluar(X3, np.arange(10) % 6)
    with pytest.raises(ValueError, match=r"«a» debe tener forma \(n, 3\)"):
        red.prealimentar(np.zeros((2, 4), dtype=np.float32))
    with pytest.raises(TypeError, match="«a» debe tener tipo real"):
        red.prealimentar(np.zeros((2, 3), dtype=np.uint8))


def test_errores_del_mini_lote() -> None:
    red = RedMejorada([3, 4, 2])
    with pytest.raises(TypeError, match="«y» debe contener enteros"):
        red.retropropagacion(X3, np.eye(2, dtype=np.float32)[Y3])
    with pytest.raises(ValueError, match=r"«y» debe tener forma \(10,\)"):
        red.gradiente(X3, Y3[:4])
    with pytest.raises(ValueError, match=r"«x» debe tener forma \(n, 3\)"):
        red.actualizar_mini_lote(X3[:, :2], Y3, 0.1)
    with pytest.raises(ValueError, match="«momento» > 0 necesita «velocidades»"):
        red.actualizar_mini_lote(X3, Y3, 0.1, momento=0.5)


def test_costo_propio_como_objeto() -> None:
    """Cualquier objeto Costo sirve para entrenar (guardarlo por nombre es otra cosa)."""
    class CuadraticoRapido(Costo):
        nombre = "cuadratico_rapido"

        def valor(self, a, y):
            return 0.5 * float(np.sum((a - y) ** 2))

        def delta(self, z, a, y):
            return (a - y) * a * (1 - a)

    red = RedMejorada([3, 4, 2], costo=CuadraticoRapido(), dtype=np.float64)
    x, y = datos_al_azar(5, 3, 2)
    comparar_gradientes(red.gradiente(x, y), gradiente_numerico(red, lambda: red.costo_total(x, y)))
    assert "cuadratico_rapido" in repr(red)


# --------------------------------------------------------------------- entradas malas que antes pasaban

@pytest.mark.parametrize("valor, patron", [
    (None, r"«w\[0\]».*debe ser una lista de números; contiene null"),
    (float("nan"), r"«w\[0\]».*NaN, infinitos"),
    (float("inf"), r"«w\[0\]».*NaN, infinitos"),
    ("1.5", r"«w\[0\]».*debe ser una lista de números; contiene el texto '1.5'"),
    (1e300, r"«w\[0\]».*no caben en float32"),
    (True, r"«w\[0\]».*contiene true"),
    (10 ** 400, r"«w\[0\]».*entero demasiado grande"),
])
def test_cargar_pesos_que_no_son_numeros_finitos(tmp_path, valor, patron) -> None:
    red = RedMejorada([3, 4, 2])
    red.guardar(tmp_path / "red.json")
    contenido = json.loads((tmp_path / "red.json").read_text(encoding="utf-8"))
    contenido["w"][0][1][2] = valor
    (tmp_path / "red.json").write_text(json.dumps(contenido), encoding="utf-8")
    with pytest.raises(ValueError, match=patron):
        RedMejorada.cargar(tmp_path / "red.json")


def test_cargar_capa_que_no_es_lista(tmp_path) -> None:
    red = RedMejorada([3, 2])
    red.guardar(tmp_path / "red.json")
    contenido = json.loads((tmp_path / "red.json").read_text(encoding="utf-8"))
    contenido["b"][0] = "cero"
    (tmp_path / "red.json").write_text(json.dumps(contenido), encoding="utf-8")
    with pytest.raises(ValueError, match=r"«b\[0\]».*debe ser una lista de números; contiene el texto 'cero'"):
        RedMejorada.cargar(tmp_path / "red.json")


def test_guardar_y_cargar_rutas_malas(tmp_path) -> None:
    red = RedMejorada([3, 2])
    with pytest.raises(ValueError, match=r"No se puede guardar la red en «.*no_existe.*»: la carpeta no existe"):
        red.guardar(tmp_path / "no_existe" / "red.json")
    with pytest.raises(ValueError, match=r"No se puede guardar la red en .*es una carpeta, no un archivo"):
        red.guardar(tmp_path)
    with pytest.raises(ValueError, match=r"No se puede leer la red de .*es una carpeta, no un archivo"):
        RedMejorada.cargar(tmp_path)


@pytest.mark.parametrize("etiqueta", [-1, 2, 10])
@pytest.mark.parametrize("metodo", ["retropropagacion", "gradiente", "actualizar_mini_lote"])
def test_etiquetas_fuera_de_rango_en_el_mini_lote(metodo, etiqueta) -> None:
    red = RedMejorada([3, 4, 2])
    antes = [w.copy() for w in red.w]
    x = np.zeros((2, 3), dtype=np.float32)
    y = np.array([0, etiqueta])
    args = (x, y, 0.5) if metodo == "actualizar_mini_lote" else (x, y)
    with pytest.raises(ValueError, match=rf"«y» debe contener enteros entre 0 y 1; se encontró el intervalo"):
        getattr(red, metodo)(*args)
    assert all(np.array_equal(a, w) for a, w in zip(antes, red.w))


@pytest.mark.parametrize("abandono, error", [(1.0, ValueError), (1.5, ValueError), (-0.1, ValueError),
                                             ("0.5", TypeError)])
def test_abandono_fuera_de_rango_en_actualizar_y_mascaras(abandono, error) -> None:
    red = RedMejorada([3, 4, 2])
    x, y = np.zeros((2, 3), dtype=np.float32), np.array([0, 1])
    with pytest.raises(error, match=r"«abandono» debe"):
        red.actualizar_mini_lote(x, y, 0.5, abandono=abandono)
    with pytest.raises(error, match=r"«abandono» debe"):
        red.mascaras_abandono(2, abandono)


def test_mascaras_abandono_m_invalido() -> None:
    with pytest.raises(ValueError, match=r"«m» debe ser un entero positivo"):
        RedMejorada([3, 4, 2]).mascaras_abandono(0, 0.5)


@pytest.mark.parametrize("cambio, error, patron", [
    ({"regularizacion": "foo"}, ValueError, r"«regularizacion» debe ser uno de «L2», «L1», None; se recibió 'foo'"),
    ({"regularizacion": None, "lmbda": 1.0}, ValueError, r"«lmbda» = 1.0 pide regularizar"),
    ({"lmbda": -1.0}, ValueError, r"«lmbda» debe ser un número real ≥ 0"),
    ({"eta": float("nan")}, ValueError, r"«eta» debe ser un número real positivo"),
    ({"momento": 1.0}, ValueError, r"«momento» debe estar en el intervalo \[0, 1\)"),
])
def test_actualizar_mini_lote_opciones_invalidas(cambio, error, patron) -> None:
    red = RedMejorada([3, 4, 2])
    args = {"x": np.zeros((2, 3), dtype=np.float32), "y": np.array([0, 1]), "eta": 0.5} | cambio
    with pytest.raises(error, match=patron):
        red.actualizar_mini_lote(**args)


def test_sgd_tam_mini_lote_y_al_terminar_epoca() -> None:
    x, y = datos_al_azar(5, 3, 2, dtype=np.float32)
    with pytest.raises(ValueError, match=r"«tam_mini_lote» = 6 es mayor que el número de ejemplos"):
        RedMejorada([3, 2]).sgd(x, y, 1, 6, 0.5)
    with pytest.raises(TypeError, match=r"«al_terminar_epoca» debe ser una función o None"):
        RedMejorada([3, 2]).sgd(x, y, 1, 2, 0.5, al_terminar_epoca=3)
    with pytest.raises(TypeError, match=r"«datos_evaluacion» debe ser un par \(x, y\)"):
        RedMejorada([3, 2]).sgd(x, y, 1, 2, 0.5, datos_evaluacion=(x,))
