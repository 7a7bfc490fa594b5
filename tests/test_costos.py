"""Pruebas de los costos (:mod:`codigo.costos`) y de las activaciones (:mod:`codigo.activaciones`)."""

from __future__ import annotations

import numpy as np
import pytest

from codigo import costos
from codigo.activaciones import ACTIVACIONES, ReLU, Sigmoide, Tanh, obtener_activacion
from codigo.costos import (COSTOS, Cuadratico, EntropiaCruzada, LogVerosimilitud, obtener_costo,
                           softmax)
from codigo.red import sigmoide as sigmoide_cap1

NOMBRES_COSTOS = list(COSTOS)
NOMBRES_ACTIVACIONES = list(ACTIVACIONES)


def salidas_deseadas(etiquetas: np.ndarray, n_clases: int) -> np.ndarray:
    return np.eye(n_clases)[etiquetas]


# --------------------------------------------------------------------- costos

@pytest.mark.parametrize("nombre", NOMBRES_COSTOS)
def test_delta_es_la_derivada_del_costo_respecto_de_z(nombre: str) -> None:
    """δᴸ = ∂C_x/∂zᴸ, comparado con diferencias finitas centradas de valor(salida(z), y)."""
    costo = obtener_costo(nombre)
    rng = np.random.default_rng(3)
    z = rng.normal(0, 2, size=(5, 4))
    y = salidas_deseadas(rng.integers(0, 4, size=5), 4)
    delta = costo.delta(z, costo.salida(z), y)
    eps = 1e-6
    numerico = np.zeros_like(z)
    for indice in np.ndindex(z.shape):
        mas, menos = z.copy(), z.copy()
        mas[indice] += eps
        menos[indice] -= eps
        c_mas, c_menos = costo.valor(costo.salida(mas), y), costo.valor(costo.salida(menos), y)
        numerico[indice] = (c_mas - c_menos) / (2 * eps)
    np.testing.assert_allclose(delta, numerico, rtol=1e-6, atol=1e-9)


def test_entropia_cruzada_finita_y_exacta_cuando_a_es_y_en_0_y_1() -> None:
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    with np.errstate(all="raise"):  # ningún log(0), ninguna división por cero, ningún NaN
        valor = EntropiaCruzada().valor(y.copy(), y)
    assert valor == 0.0


def test_entropia_cruzada_en_float32_con_salidas_saturadas() -> None:
    """a = 1 en float32 (σ saturada) para la salida correcta: costo finito, sin avisos."""
    z = np.array([[40.0, -40.0]], dtype=np.float32)
    a = EntropiaCruzada().salida(z)
    assert a.tolist() == [[1.0, 0.0]]
    with np.errstate(all="raise"):
        assert EntropiaCruzada().valor(a, np.array([[1.0, 0.0]], dtype=np.float32)) == 0.0


def test_entropia_cruzada_totalmente_equivocada_es_infinita() -> None:
    """Si a = 1 exactamente donde y = 0, el costo es +∞ (su valor verdadero), no NaN."""
    valor = EntropiaCruzada().valor(np.array([[1.0, 0.0]]), np.array([[0.0, 0.0]]))
    assert valor == np.inf


def test_entropia_cruzada_contra_la_formula() -> None:
    a = np.array([[0.2, 0.9], [0.6, 0.5]])
    y = np.array([[0.0, 1.0], [1.0, 0.0]])
    esperado = -(np.log(0.8) + np.log(0.9) + np.log(0.6) + np.log(0.5))
    assert EntropiaCruzada().valor(a, y) == pytest.approx(esperado, rel=1e-14)


def test_cuadratico_contra_la_formula() -> None:
    a = np.array([[0.2, 0.9], [0.6, 0.5]])
    y = np.array([[0.0, 1.0], [1.0, 0.0]])
    esperado = 0.5 * (0.2**2 + 0.1**2 + 0.4**2 + 0.5**2)
    assert Cuadratico().valor(a, y) == pytest.approx(esperado, rel=1e-14)


def test_log_verosimilitud_es_menos_log_de_la_probabilidad_correcta() -> None:
    z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0]])
    a = LogVerosimilitud().salida(z)
    etiquetas = np.array([1, 2])
    esperado = -np.log(a[0, 1]) - np.log(a[1, 2])
    assert LogVerosimilitud().valor(a, salidas_deseadas(etiquetas, 3)) == pytest.approx(esperado, rel=1e-14)


def test_softmax_estable_con_entradas_enormes() -> None:
    z = np.array([[1000.0, 1001.0, -1000.0], [-5e4, -5e4, -5e4]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # e^(−2001) = 0 es correcto
        a = softmax(z)
    np.testing.assert_allclose(a.sum(axis=1), 1.0)
    np.testing.assert_allclose(a[0, :2], [1 / (1 + np.e), np.e / (1 + np.e)])
    np.testing.assert_allclose(a[1], [1 / 3, 1 / 3, 1 / 3])
    # Sumar una constante a cada fila no cambia nada.
    z2 = np.random.default_rng(0).normal(size=(4, 6))
    np.testing.assert_allclose(softmax(z2), softmax(z2 + 123.0))


def test_salida_de_cada_costo() -> None:
    z = np.array([[0.5, -1.0, 2.0]])
    np.testing.assert_allclose(Cuadratico().salida(z), sigmoide_cap1(z))
    np.testing.assert_allclose(EntropiaCruzada().salida(z), sigmoide_cap1(z))
    np.testing.assert_allclose(LogVerosimilitud().salida(z), np.exp(z) / np.exp(z).sum())


def test_formas_distintas_se_rechazan() -> None:
    with pytest.raises(ValueError, match="misma forma"):
        EntropiaCruzada().valor(np.zeros((3, 10)), np.zeros(10))
    with pytest.raises(ValueError, match=r"formas \(3, 10\) y \(3, 1\)"):
        Cuadratico().delta(np.zeros((3, 10)), np.zeros((3, 10)), np.zeros((3, 1)))


def test_obtener_costo() -> None:
    assert isinstance(obtener_costo("entropia_cruzada"), EntropiaCruzada)
    objeto = LogVerosimilitud()
    assert obtener_costo(objeto) is objeto
    with pytest.raises(ValueError, match="«costo» desconocido: «entropia».*«entropia_cruzada»"):
        obtener_costo("entropia")
    with pytest.raises(TypeError, match=r"la clase EntropiaCruzada.*EntropiaCruzada\(\)"):
        obtener_costo(EntropiaCruzada)
    with pytest.raises(TypeError, match="«costo» debe ser un nombre"):
        obtener_costo(3)


def test_nombres_de_los_costos() -> None:
    assert NOMBRES_COSTOS == ["cuadratico", "entropia_cruzada", "log_verosimilitud"]
    assert costos.COSTOS["cuadratico"] is Cuadratico


# --------------------------------------------------------------------- activaciones

@pytest.mark.parametrize("nombre", NOMBRES_ACTIVACIONES)
def test_derivada_de_cada_activacion(nombre: str) -> None:
    f = obtener_activacion(nombre)
    z = np.linspace(-4, 4, 41) + 0.013  # sin pasar por 0, donde ReLU no es derivable
    eps = 1e-6
    np.testing.assert_allclose(f.prima(z), (f(z + eps) - f(z - eps)) / (2 * eps), rtol=1e-6, atol=1e-9)


def test_valores_de_las_activaciones() -> None:
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(Sigmoide()(z), 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(Tanh()(z), np.tanh(z))
    np.testing.assert_array_equal(ReLU()(z), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(ReLU().prima(z), [0.0, 0.0, 1.0])  # en 0, derivada 0


def test_sigmoide_sin_desbordes_y_como_la_del_capitulo_1() -> None:
    z = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0], dtype=np.float32)
    with np.errstate(all="raise"):
        a, prima = Sigmoide()(z), Sigmoide().prima(z)
    np.testing.assert_array_equal(a, sigmoide_cap1(z))
    assert a.dtype == np.float32 and prima.dtype == np.float32
    assert a[0] == 0.0 and a[-1] == 1.0 and prima[0] == 0.0


@pytest.mark.parametrize("nombre", NOMBRES_ACTIVACIONES)
def test_activaciones_conservan_el_tipo(nombre: str) -> None:
    z = np.array([[-1.0, 0.5]], dtype=np.float32)
    f = obtener_activacion(nombre)
    assert f(z).dtype == np.float32 and f.prima(z).dtype == np.float32


def test_obtener_activacion() -> None:
    assert isinstance(obtener_activacion("relu"), ReLU)
    objeto = Tanh()
    assert obtener_activacion(objeto) is objeto
    with pytest.raises(ValueError, match="«activacion» desconocida: «softplus».*«sigmoide», «tanh», «relu»"):
        obtener_activacion("softplus")
    with pytest.raises(TypeError, match=r"la clase Tanh.*Tanh\(\)"):
        obtener_activacion(Tanh)
    with pytest.raises(TypeError, match="«activacion» debe ser un nombre"):
        obtener_activacion(None)
