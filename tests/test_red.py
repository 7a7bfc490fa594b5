"""La red del capítulo 1: sigmoide estable, retropropagación exacta, aprendizaje y determinismo.

También la red de referencia de :mod:`codigo.rendimiento`, que debe hacer la misma matemática.
"""

from __future__ import annotations

import numpy as np
import pytest

from codigo.red import Red, sigmoide, sigmoide_prima
from codigo.rendimiento import RedBucle, comparar_gradientes

# ---------------------------------------------------------------- sigmoide


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoide_estable_en_los_extremos(dtype):
    z = np.array([-1000.0, -100.0, -50.0, 0.0, 50.0, 100.0, 1000.0], dtype=dtype)
    with np.errstate(all="raise"):  # cualquier desborde o división entre 0 sería un error
        s = sigmoide(z)
        p = sigmoide_prima(z)
    assert s.dtype == dtype and p.dtype == dtype
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(p))
    assert s[0] == 0.0 and s[-1] == 1.0
    assert s[3] == 0.5
    assert np.all((s >= 0) & (s <= 1)) and np.all(np.diff(s) >= 0)
    assert p[0] == 0.0 and p[-1] == 0.0 and p[3] == 0.25


def test_sigmoide_valores_y_simetria():
    z = np.linspace(-30, 30, 601)
    with np.errstate(all="raise"):
        s = sigmoide(z)
    assert sigmoide(np.array(0.0)) == 0.5
    np.testing.assert_allclose(s, 1.0 / (1.0 + np.exp(-z)), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(sigmoide(-z), 1.0 - s, atol=1e-15)  # σ(−z) = 1 − σ(z)
    np.testing.assert_allclose(sigmoide(np.array([1.0, 2.0])), [0.7310585786300049, 0.8807970779778823], rtol=1e-14)
    np.testing.assert_allclose(sigmoide_prima(z), s * (1 - s), rtol=1e-12, atol=1e-300)


def test_sigmoide_prima_contra_diferencias_finitas():
    z = np.linspace(-8, 8, 33)
    h = 1e-5
    numerica = (sigmoide(z + h) - sigmoide(z - h)) / (2 * h)
    np.testing.assert_allclose(sigmoide_prima(z), numerica, rtol=1e-8, atol=1e-12)


# ---------------------------------------------------------- retropropagación


def costo_total(red: Red, x: np.ndarray, y: np.ndarray) -> float:
    """C = Σ_x ‖y − a‖² / 2, sumado sobre las filas (lo que deriva ``retropropagacion``)."""
    return 0.5 * float(np.sum((red.prealimentar(x) - y) ** 2))


def gradiente_numerico(red: Red, x: np.ndarray, y: np.ndarray, h: float = 1e-6) -> list[np.ndarray]:
    """Diferencias finitas centradas, parámetro por parámetro: [∂C/∂b..., ∂C/∂w...]."""
    resultado = []
    for p in [*red.b, *red.w]:
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            original = p[i]
            p[i] = original + h
            c_mas = costo_total(red, x, y)
            p[i] = original - h
            c_menos = costo_total(red, x, y)
            p[i] = original
            g[i] = (c_mas - c_menos) / (2 * h)
        resultado.append(g)
    return resultado


def error_relativo(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300))


@pytest.mark.parametrize("tamanos", [[3, 4, 2], [5, 7, 3, 2], [4, 3], [2, 6, 6, 6, 3]])
@pytest.mark.parametrize("m", [1, 6])
def test_retropropagacion_contra_diferencias_finitas(tamanos, m):
    rng = np.random.default_rng(sum(tamanos) * 10 + m)
    red = Red(tamanos, semilla=int(rng.integers(1000)), dtype=np.float64)
    x = rng.normal(0.0, 1.0, (m, tamanos[0]))
    y = np.eye(tamanos[-1])[rng.integers(0, tamanos[-1], m)]
    nabla_b, nabla_w = red.retropropagacion(x, y)
    numerico = gradiente_numerico(red, x, y)
    analitico = [*nabla_b, *nabla_w]
    assert [g.shape for g in analitico] == [p.shape for p in [*red.b, *red.w]]
    for g_num, g_ana in zip(numerico, analitico):
        assert error_relativo(g_num, g_ana) < 1e-6
    # Salidas deseadas arbitrarias (no one-hot) también: la fórmula no depende de eso.
    y_real = rng.random((m, tamanos[-1]))
    nabla_b, nabla_w = red.retropropagacion(x, y_real)
    for g_num, g_ana in zip(gradiente_numerico(red, x, y_real), [*nabla_b, *nabla_w]):
        assert error_relativo(g_num, g_ana) < 1e-6


def test_retropropagacion_es_la_suma_de_los_ejemplos():
    rng = np.random.default_rng(7)
    red = Red([6, 5, 3], semilla=2, dtype=np.float64)
    x, y = rng.random((4, 6)), np.eye(3)[[0, 2, 1, 2]]
    nabla_b, nabla_w = red.retropropagacion(x, y)
    por_ejemplo = [red.retropropagacion(x[i:i + 1], y[i:i + 1]) for i in range(4)]
    for capa in range(2):
        np.testing.assert_allclose(nabla_b[capa], sum(nb[capa] for nb, _ in por_ejemplo), rtol=1e-12)
        np.testing.assert_allclose(nabla_w[capa], sum(nw[capa] for _, nw in por_ejemplo), rtol=1e-12)


def test_escala_multiplica_el_gradiente():
    rng = np.random.default_rng(8)
    red = Red([5, 4, 3], semilla=3, dtype=np.float64)
    x, y = rng.random((3, 5)), np.eye(3)[[0, 1, 2]]
    nabla_b, nabla_w = red.retropropagacion(x, y)
    escalado_b, escalado_w = red.retropropagacion(x, y, escala=0.25)
    for g, e in zip([*nabla_b, *nabla_w], [*escalado_b, *escalado_w]):
        np.testing.assert_allclose(e, 0.25 * g, rtol=1e-13)


def test_actualizar_mini_lote_da_el_paso_de_gradiente():
    rng = np.random.default_rng(9)
    red = Red([5, 4, 3], semilla=4, dtype=np.float64)
    x, y = rng.random((4, 5)), np.eye(3)[[0, 1, 2, 0]]
    nabla_b, nabla_w = red.retropropagacion(x, y)
    esperado_w = [w - (0.5 / 4) * nw for w, nw in zip(red.w, nabla_w)]
    esperado_b = [b - (0.5 / 4) * nb for b, nb in zip(red.b, nabla_b)]
    costo_antes = costo_total(red, x, y)
    red.actualizar_mini_lote(x, y, eta=0.5)
    for obtenido, esperado in zip([*red.w, *red.b], [*esperado_w, *esperado_b]):
        np.testing.assert_allclose(obtenido, esperado, rtol=1e-13)
    assert costo_total(red, x, y) < costo_antes  # un paso pequeño baja el costo


# ------------------------------------------------------------ la red en MNIST


def test_inicializacion_normal_y_formas():
    red = Red([784, 30, 10], semilla=5)
    assert [w.shape for w in red.w] == [(30, 784), (10, 30)]
    assert [b.shape for b in red.b] == [(30,), (10,)]
    assert all(p.dtype == np.float32 for p in [*red.w, *red.b])
    pesos = red.w[0].astype(np.float64)
    assert abs(pesos.mean()) < 0.02 and abs(pesos.std() - 1.0) < 0.02  # N(0, 1)


def test_prealimentar_forma_y_rango(mnist):
    red = Red([784, 30, 10], semilla=1)
    a = red.prealimentar(mnist.prueba.x[:7])
    assert a.shape == (7, 10) and a.dtype == np.float32
    assert np.all((a > 0) & (a < 1))


def test_aprende_mnist_en_un_subconjunto(mnist):
    """5000 imágenes y 3 épocas bastan para pasar con holgura del 10 % del azar."""
    x, y = mnist.entrenamiento.x[:5000], mnist.entrenamiento.y[:5000]
    red = Red([784, 30, 10], semilla=1)
    antes = red.evaluar(mnist.prueba.x, mnist.prueba.y) / 10_000
    registros = []
    h = red.sgd(x, y, epocas=3, tam_mini_lote=10, eta=3.0,
                datos_prueba=(mnist.prueba.x, mnist.prueba.y), al_terminar_epoca=registros.append)
    assert len(h["exactitud"]) == len(h["aciertos"]) == len(h["segundos"]) == 3
    assert [r["exactitud"] for r in registros] == h["exactitud"]
    assert h["exactitud"] == [a / 10_000 for a in h["aciertos"]]
    assert antes < 0.3
    assert h["exactitud"][-1] > 0.80  # con la semilla 1 da ≈ 85 %; al azar sería ≈ 10 %
    assert all(s > 0 for s in h["segundos"])


def test_sgd_sin_datos_de_prueba(mnist):
    h = Red([784, 10], semilla=1).sgd(mnist.entrenamiento.x[:200], mnist.entrenamiento.y[:200], 2, 7, 1.0)
    assert len(h["segundos"]) == 2 and h["exactitud"] == [] and h["aciertos"] == []


def test_mini_lote_que_no_divide_a_n(mnist):
    """Con n = 25 y mini-lotes de 10, el último mini-lote tiene 5 ejemplos y cuenta con η/5."""
    x, y = mnist.entrenamiento.x[:25], mnist.entrenamiento.y[:25]
    red = Red([784, 10], semilla=3, dtype=np.float64)
    copia = Red([784, 10], semilla=3, dtype=np.float64)
    red.sgd(x, y, epocas=1, tam_mini_lote=10, eta=2.0)
    orden = copia.rng.permutation(25)
    salidas = np.eye(10)[y]
    for k in range(0, 25, 10):
        lote = orden[k:k + 10]
        copia.actualizar_mini_lote(x[lote].astype(np.float64), salidas[lote], 2.0)
    for p, q in zip([*red.w, *red.b], [*copia.w, *copia.b]):
        np.testing.assert_array_equal(p, q)


def _entrenar(mnist, semilla):
    red = Red([784, 20, 10], semilla=semilla)
    h = red.sgd(mnist.entrenamiento.x[:2000], mnist.entrenamiento.y[:2000], 2, 10, 3.0,
                datos_prueba=(mnist.prueba.x[:2000], mnist.prueba.y[:2000]))
    return red, h


def test_misma_semilla_mismo_resultado(mnist):
    red1, h1 = _entrenar(mnist, 11)
    red2, h2 = _entrenar(mnist, 11)
    assert h1["aciertos"] == h2["aciertos"] and h1["exactitud"] == h2["exactitud"]
    for p, q in zip([*red1.w, *red1.b], [*red2.w, *red2.b]):
        np.testing.assert_array_equal(p, q)


def test_semillas_distintas_resultados_distintos(mnist):
    red1, h1 = _entrenar(mnist, 11)
    red2, h2 = _entrenar(mnist, 12)
    assert h1["aciertos"] != h2["aciertos"]
    assert not np.array_equal(red1.w[0], red2.w[0])


def test_float64_tambien_aprende(mnist):
    red = Red([784, 30, 10], semilla=2, dtype=np.float64)
    red.sgd(mnist.entrenamiento.x[:3000], mnist.entrenamiento.y[:3000], 2, 10, 3.0)
    assert red.w[0].dtype == np.float64
    aciertos = red.evaluar(mnist.prueba.x, mnist.prueba.y)
    assert aciertos > 6000, aciertos  # ≈ 74 % con esta semilla; al azar, ≈ 10 %


# ------------------------------------------------- la red de referencia (bucle)


def test_red_bucle_misma_inicializacion():
    matricial, bucle = Red([8, 5, 3], semilla=4), RedBucle([8, 5, 3], semilla=4)
    for w, wb in zip(matricial.w, bucle.w):
        np.testing.assert_array_equal(w, wb)
    for b, bb in zip(matricial.b, bucle.b):
        np.testing.assert_array_equal(b, bb.ravel())
        assert bb.shape == (len(b), 1)


@pytest.mark.parametrize("tamanos", [[5, 7, 3, 2], [784, 30, 10]])
def test_red_bucle_mismo_gradiente(tamanos):
    assert comparar_gradientes(tamanos, tam_mini_lote=6, semilla=3) < 1e-12


def test_red_bucle_misma_trayectoria_en_float64(mnist):
    """En float64 las dos formas de calcular dan los mismos pesos tras 100 mini-lotes."""
    x, y = mnist.entrenamiento.x[:1000], mnist.entrenamiento.y[:1000]
    matricial = Red([784, 30, 10], semilla=6, dtype=np.float64)
    bucle = RedBucle([784, 30, 10], semilla=6, dtype=np.float64)
    matricial.sgd(x, y, 1, 10, 3.0)
    bucle.sgd(x, y, 1, 10, 3.0)
    for w, wb in zip(matricial.w, bucle.w):
        np.testing.assert_allclose(w, wb, rtol=0, atol=1e-10)
    assert matricial.evaluar(mnist.prueba.x[:500], mnist.prueba.y[:500]) == bucle.evaluar(
        mnist.prueba.x[:500], mnist.prueba.y[:500])


# ------------------------------------------------ entradas malas que antes pasaban

@pytest.mark.parametrize("semilla, error", [(-1, ValueError), (1.5, TypeError), ("a", TypeError),
                                            (None, TypeError), (True, TypeError)])
def test_semilla_invalida(semilla, error):
    with pytest.raises(error, match=r"«semilla» debe ser un entero ≥ 0; se recibió"):
        Red([4, 2], semilla=semilla)
    with pytest.raises(error, match=r"«semilla» debe ser un entero ≥ 0"):
        RedBucle([4, 2], semilla=semilla)


@pytest.mark.parametrize("dtype", [np.float16, "float16", np.longdouble])
def test_dtype_que_no_es_float32_ni_float64(dtype):
    if np.dtype(dtype) == np.float64:  # en algunas plataformas longdouble es float64
        pytest.skip("longdouble es float64 aquí")
    with pytest.raises(TypeError, match=r"«dtype» debe ser un tipo real \(float32 o float64\)"):
        Red([4, 2], dtype=dtype)


def _datos(n=6):
    rng = np.random.default_rng(0)
    return rng.random((n, 4)).astype(np.float32), rng.integers(0, 2, n)


@pytest.mark.parametrize("datos_prueba, patron", [
    (lambda x, y: (x,), r"«datos_prueba» debe ser un par \(x, y\).*tuple de largo 1"),
    (lambda x, y: (x, y, y), r"«datos_prueba» debe ser un par \(x, y\).*tuple de largo 3"),
    (lambda x, y: x, r"«datos_prueba» debe ser un par \(x, y\).*ndarray"),
    (lambda x, y: "xy", r"«datos_prueba» debe ser un par \(x, y\).*str"),
])
def test_sgd_datos_prueba_que_no_son_un_par(datos_prueba, patron):
    x, y = _datos()
    red = Red([4, 3, 2])
    antes = [w.copy() for w in red.w]
    with pytest.raises(TypeError, match=patron):
        red.sgd(x, y, 1, 2, 1.0, datos_prueba=datos_prueba(x, y))
    assert all(np.array_equal(a, w) for a, w in zip(antes, red.w))


@pytest.mark.parametrize("funcion", [3, "imprimir", [print]])
def test_sgd_al_terminar_epoca_no_invocable_falla_antes_de_entrenar(funcion):
    x, y = _datos()
    red = Red([4, 3, 2])
    antes = [w.copy() for w in red.w]
    with pytest.raises(TypeError, match=r"«al_terminar_epoca» debe ser una función o None; se recibió"):
        red.sgd(x, y, 1, 2, 1.0, al_terminar_epoca=funcion)
    assert all(np.array_equal(a, w) for a, w in zip(antes, red.w)), "entrenó antes de fallar"


def test_tam_mini_lote_mayor_que_los_ejemplos():
    x, y = _datos(6)
    with pytest.raises(ValueError, match=r"«tam_mini_lote» = 7 es mayor que el número de ejemplos "
                                         r"de entrenamiento \(6\); se espera un entero entre 1 y 6"):
        Red([4, 3, 2]).sgd(x, y, 1, 7, 1.0)
    Red([4, 3, 2]).sgd(x, y, 1, 6, 1.0)  # el límite justo vale


@pytest.mark.parametrize("eta, error", [(0.0, ValueError), (-1.0, ValueError), (float("nan"), ValueError),
                                        (float("inf"), ValueError), ("3", TypeError), (None, TypeError)])
def test_actualizar_mini_lote_eta_invalida(eta, error):
    x, y = _datos()
    red = Red([4, 3, 2])
    antes = [w.copy() for w in red.w]
    with pytest.raises(error, match=r"«eta» debe ser un número real positivo"):
        red.actualizar_mini_lote(x, np.eye(2, dtype=np.float32)[y], eta)
    assert all(np.array_equal(a, w) for a, w in zip(antes, red.w))
