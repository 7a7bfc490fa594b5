"""Pruebas de ``codigo.gradientes``: la retropropagación coincide con las diferencias finitas.

La comprobación de gradientes es el juez independiente de la retropropagación del capítulo 2:
se repite sobre redes de 2, 3 y 4 capas, estrechas y anchas, con mini-lotes de 1, 3 y 10
ejemplos, en ``float32`` y en ``float64``. Para que se vea que la prueba puede fallar, la misma
comparación se hace con una retropropagación con un error deliberado y debe detectarlo.
Todo usa redes pequeñas y datos sintéticos: las pruebas tardan unos pocos segundos.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from codigo import gradientes
from codigo.datos import vectorizar
from codigo.red import Red, sigmoide

# Tolerancias del error relativo ‖g_rp − g_num‖ / (‖g_rp‖ + ‖g_num‖), capa por capa.
#
# float64: con diferencias centradas y ε = 1e-5, el error de truncamiento es O(ε²) ≈ 1e-10 y el
# de redondeo ≈ 1e-16 / ε ≈ 1e-11; se observa entre 1e-11 y 2e-9. La tolerancia 1e-6 deja tres
# órdenes de margen y sigue lejísimos de lo que da un gradiente equivocado (> 1e-2).
#
# float32: la red calcula con unos 7 dígitos (ε de máquina ≈ 1.2e-7), así que el costo mismo
# trae un error relativo ≈ 1e-7, que las diferencias finitas dividen entre 2ε. Con ε = 1e-5 ese
# redondeo lo taparía todo; con ε = 1e-2 se equilibra con el truncamiento (≈ ε² ≈ 1e-4), y el
# error observado queda entre 5e-6 y 2e-4. Tolerancia 1e-2: dos órdenes por encima de lo
# observado y uno por debajo de lo que da un gradiente equivocado.
EPS = {np.float64: 1e-5, np.float32: 1e-2}
TOLERANCIA = {np.float64: 1e-6, np.float32: 1e-2}

ANCHOS = {"estrecha": (5, 3, 2), "ancha": (20, 16, 10)}
"""(entradas, neuronas por capa oculta, salidas)."""


def _red_y_datos(capas: int, ancho: str, m: int, dtype: type) -> tuple[Red, np.ndarray, np.ndarray]:
    """Una red de ``capas`` capas y un mini-lote aleatorio de ``m`` ejemplos, todo en ``dtype``."""
    n_entrada, n_oculta, n_salida = ANCHOS[ancho]
    tamanos = [n_entrada] + [n_oculta] * (capas - 2) + [n_salida]
    rng = np.random.default_rng(1000 * capas + 10 * m + len(ancho))
    x = rng.random((m, n_entrada)).astype(dtype)
    y = vectorizar(rng.integers(0, n_salida, m), n_salida, dtype=dtype)
    return Red(tamanos, semilla=capas + m, dtype=dtype), x, y


CASOS = list(itertools.product((2, 3, 4), ANCHOS, (1, 3, 10), (np.float32, np.float64)))


@pytest.mark.parametrize(("capas", "ancho", "m", "dtype"), CASOS,
                         ids=[f"{c}capas-{a}-m{m}-{np.dtype(t).name}" for c, a, m, t in CASOS])
def test_retropropagacion_coincide_con_diferencias_finitas(capas, ancho, m, dtype):
    red, x, y = _red_y_datos(capas, ancho, m, dtype)
    resultado = gradientes.comparar(red, x, y, eps=EPS[dtype])
    assert [r["capa"] for r in resultado] == list(range(2, capas + 1))
    assert sum(r["parametros"] for r in resultado) == gradientes.numero_de_parametros(red.tamanos)
    for r in resultado:
        assert r["error_w"] < TOLERANCIA[dtype], r
        assert r["error_b"] < TOLERANCIA[dtype], r
    # La retropropagación calcula en el tipo de la red: float32 no se convierte en silencio.
    nabla_b, nabla_w = red.retropropagacion(x, y)
    assert all(g.dtype == np.dtype(dtype) for g in nabla_b + nabla_w)


def _retropropagacion_sin_sigma_prima(red: Red, x: np.ndarray, y: np.ndarray) -> tuple[list, list]:
    """Una retropropagación con un error típico: olvida el factor σ'(z) de BP2 en las capas ocultas."""
    activaciones = [x]
    for b, w in zip(red.b, red.w):
        activaciones.append(sigmoide(activaciones[-1] @ w.T + b))
    a = activaciones[-1]
    delta = (a - y) * a * (1.0 - a)
    nabla_b, nabla_w = [delta.sum(axis=0)], [delta.T @ activaciones[-2]]
    for l in range(2, len(red.tamanos)):
        delta = delta @ red.w[-l + 1]  # ← falta «* a * (1 - a)»
        nabla_b.insert(0, delta.sum(axis=0))
        nabla_w.insert(0, delta.T @ activaciones[-l - 1])
    return nabla_b, nabla_w


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("capas", [3, 4])
def test_la_comprobacion_detecta_una_retropropagacion_equivocada(capas, dtype):
    red, x, y = _red_y_datos(capas, "ancha", 10, dtype)
    nabla_b, nabla_w = _retropropagacion_sin_sigma_prima(red, x, y)
    num_b, num_w = gradientes.gradiente_numerico(red, x, y, eps=EPS[dtype])
    # La última capa no usa BP2: ahí el gradiente sigue bien...
    assert gradientes.error_relativo(nabla_w[-1], num_w[-1]) < TOLERANCIA[dtype]
    # ...y en las anteriores el error salta muy por encima de la tolerancia.
    for l in range(len(nabla_w) - 1):
        assert gradientes.error_relativo(nabla_w[l], num_w[l]) > 10 * TOLERANCIA[dtype]
        assert gradientes.error_relativo(nabla_b[l], num_b[l]) > 10 * TOLERANCIA[dtype]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gradiente_numerico_deja_la_red_intacta(dtype):
    red, x, y = _red_y_datos(4, "estrecha", 3, dtype)
    objetos_w, objetos_b = list(red.w), list(red.b)
    copias_w, copias_b = [w.copy() for w in red.w], [b.copy() for b in red.b]
    x_antes, y_antes = x.copy(), y.copy()
    nabla_b, nabla_w = gradientes.gradiente_numerico(red, x, y, eps=EPS[dtype])
    # Los mismos arreglos (nadie los reemplazó), con los mismos bits, el mismo tipo y forma.
    assert all(a is b for a, b in zip(red.w + red.b, objetos_w + objetos_b))
    for actual, antes in zip(red.w + red.b, copias_w + copias_b):
        assert actual.dtype == np.dtype(dtype) and actual.shape == antes.shape
        assert np.array_equal(actual, antes)
    np.testing.assert_array_equal(x, x_antes)
    np.testing.assert_array_equal(y, y_antes)
    # El resultado tiene las formas de los parámetros y es float64.
    assert [g.shape for g in nabla_w] == [w.shape for w in red.w]
    assert [g.shape for g in nabla_b] == [b.shape for b in red.b]
    assert all(g.dtype == np.float64 for g in nabla_b + nabla_w)


def test_gradiente_numerico_de_una_funcion_conocida():
    # Red [1, 1]: C = ½ (σ(w x + b) − y)², cuya derivada se escribe a mano.
    red = Red([1, 1], semilla=0, dtype=np.float64)
    red.w[0][:] = 0.7
    red.b[0][:] = -0.3
    x, y = np.array([[2.0]]), np.array([[1.0]])
    z = 0.7 * 2.0 - 0.3
    a = sigmoide(z)
    d_b = (a - 1.0) * a * (1.0 - a)
    nabla_b, nabla_w = gradientes.gradiente_numerico(red, x, y)
    assert nabla_b[0][0] == pytest.approx(d_b, rel=1e-8)
    assert nabla_w[0][0, 0] == pytest.approx(d_b * 2.0, rel=1e-8)


def test_error_relativo():
    a = np.array([1.0, -2.0, 3.0])
    assert gradientes.error_relativo(a, a) == 0.0
    assert gradientes.error_relativo(a, -a) == pytest.approx(1.0)
    assert gradientes.error_relativo(a, 2 * a) == pytest.approx(1 / 3)
    assert gradientes.error_relativo(a, a + 1e-9) == pytest.approx(gradientes.error_relativo(a + 1e-9, a))
    assert gradientes.error_relativo(np.zeros(3), np.zeros(3)) == 0.0


def test_numero_de_parametros_cuenta_pesos_y_sesgos():
    assert gradientes.numero_de_parametros([784, 30, 10]) == 784 * 30 + 30 + 30 * 10 + 10
    for tamanos in ([5, 2], [5, 7, 3, 2], [784, 8, 10]):
        red = Red(tamanos)
        assert gradientes.numero_de_parametros(tamanos) == sum(p.size for p in red.w + red.b)


def test_medir_tiempos_devuelve_segundos_y_cociente():
    rng = np.random.default_rng(0)
    x = rng.random((4, 6))
    y = vectorizar(rng.integers(0, 3, 4), 3)
    r = gradientes.medir_tiempos([6, 4, 3], x, y, semilla=2, repeticiones=2)
    assert r["tamanos"] == [6, 4, 3]
    assert r["parametros"] == gradientes.numero_de_parametros([6, 4, 3])
    assert r["segundos_numerico"] > 0 and r["segundos_retropropagacion"] > 0
    assert r["cociente"] == pytest.approx(r["segundos_numerico"] / r["segundos_retropropagacion"])


# --- Entradas malas: errores claros en español -------------------------------------------------


@pytest.fixture
def red_pequena() -> tuple[Red, np.ndarray, np.ndarray]:
    return _red_y_datos(3, "estrecha", 3, np.float64)


@pytest.mark.parametrize(
    ("cambio", "error", "fragmentos"),
    [
        ({"eps": 0.0}, ValueError, ["«eps»", "real positivo"]),
        ({"eps": -1e-5}, ValueError, ["«eps»", "real positivo"]),
        ({"eps": float("nan")}, ValueError, ["«eps»", "finito"]),
        ({"eps": "1e-5"}, TypeError, ["«eps»", "número real"]),
        ({"eps": True}, TypeError, ["«eps»"]),
        ({"y": "uno-caliente"}, TypeError, ["«y»", "arreglo real", "(3, 2)"]),
        ({"y": np.zeros((3, 2), dtype=np.int64)}, TypeError, ["«y»", "arreglo real"]),
        ({"y": np.zeros((3, 3))}, ValueError, ["«y»", "forma (3, 2)", "(3, 3)"]),
        ({"y": np.zeros((2, 2))}, ValueError, ["«y»", "forma (3, 2)", "(2, 2)"]),
        ({"y": np.zeros(3)}, ValueError, ["«y»", "forma (3, 2)"]),
        ({"x": np.zeros((3, 4))}, ValueError, ["forma (n, 5)", "(3, 4)"]),
        ({"x": np.zeros((5, 3)), "y": np.zeros((5, 2))}, ValueError, ["(n, 5)", "traspuesto"]),
        ({"x": np.zeros((3, 5), dtype=np.int64)}, TypeError, ["tipo real"]),
        ({"x": np.full((3, 5), np.nan)}, ValueError, ["NaN"]),
    ],
)
@pytest.mark.parametrize("funcion", ["gradiente_numerico", "comparar"])
def test_errores_de_validacion_en_espanol(funcion, cambio, error, fragmentos, red_pequena):
    red, x, y = red_pequena
    argumentos = {"x": x, "y": y, "eps": 1e-5} | cambio
    antes = [p.copy() for p in red.w + red.b]
    with pytest.raises(error) as info:
        getattr(gradientes, funcion)(red, **argumentos)
    mensaje = str(info.value)
    for fragmento in fragmentos:
        assert fragmento in mensaje, mensaje
    if "x" not in cambio:  # (las entradas «x» malas, en la prueba siguiente)
        assert all(np.array_equal(p, q) for p, q in zip(red.w + red.b, antes))


# Una «x» mala se rechaza antes de tocar ningún parámetro, y la red queda intacta.
@pytest.mark.parametrize("x_mala", [np.zeros((3, 4)), np.zeros((3, 5), dtype=np.int64),
                                    np.full((3, 5), np.nan)], ids=["forma", "entera", "nan"])
def test_una_x_mala_no_deja_la_red_perturbada_y_se_nombra(x_mala, red_pequena):
    red, _, y = red_pequena
    antes = [p.copy() for p in red.w + red.b]
    with pytest.raises((TypeError, ValueError)) as info:
        gradientes.gradiente_numerico(red, x_mala, y)
    assert all(np.array_equal(p, q) for p, q in zip(red.w + red.b, antes)), "la red quedó perturbada"
    assert "«x»" in str(info.value), str(info.value)


@pytest.mark.parametrize(
    ("repeticiones", "error"), [(0, ValueError), (-1, ValueError), (2.0, TypeError), ("3", TypeError)])
def test_medir_tiempos_valida_repeticiones(repeticiones, error):
    rng = np.random.default_rng(0)
    x, y = rng.random((2, 3)), vectorizar(np.array([0, 1]), 2)
    with pytest.raises(error, match="«repeticiones»"):
        gradientes.medir_tiempos([3, 2], x, y, repeticiones=repeticiones)


# --- El capítulo 2 explica el código que de verdad se ejecuta ---------------------------------


def test_el_capitulo_2_explica_cada_linea_de_retropropagacion():
    """La sección «El código de la retropropagación» de libro/cap02.md cita, entre comillas
    invertidas, cada instrucción de Red.retropropagacion tal como está en codigo/red.py (que el
    capítulo incluye con literalinclude). Si la función cambia, esta prueba pide actualizar el texto."""
    import inspect
    import re
    from pathlib import Path

    texto = (Path(__file__).resolve().parent.parent / "libro" / "cap02.md").read_text(encoding="utf-8")
    inicio = texto.index("## El código de la retropropagación")
    seccion = texto[inicio:texto.index("\n## ", inicio + 1)]
    seccion = re.sub(r"```.*?```", "", seccion, flags=re.S)  # sin los bloques de código
    seccion = re.sub(r"\{[a-z:]+\}`[^`]*`", "", seccion)  # sin los roles {eq}`…`, {glue:text}`…`
    citado = " ".join(re.findall(r"`([^`]+)`", seccion))
    fuente = inspect.getsource(Red.retropropagacion)
    cuerpo = fuente.split('"""')[2]  # sin la firma ni la docstring
    instrucciones = [linea.split("  #")[0].strip().rstrip(":") for linea in cuerpo.splitlines()]
    instrucciones = [i for i in instrucciones if i and not i.startswith("#")]
    assert len(instrucciones) >= 10
    faltan = [i for i in instrucciones if i not in citado]
    assert not faltan, f"el capítulo 2 no explica estas líneas de Red.retropropagacion: {faltan}"
    # Y los párrafos en negrita citan código que existe.
    for cita in re.findall(r"^\*\*`([^`]+)`\.\*\*", seccion, flags=re.M):
        assert cita in fuente, f"el capítulo 2 cita «{cita}», que no está en Red.retropropagacion"
