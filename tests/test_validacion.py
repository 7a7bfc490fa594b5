"""Cada entrada mala da un TypeError o ValueError en español que nombra el argumento."""

from __future__ import annotations

import numpy as np
import pytest

from codigo import validacion as v
from codigo.experimentos import Configuracion
from codigo.red import Red


@pytest.fixture(scope="module")
def red() -> Red:
    return Red([4, 3, 2], semilla=0)


@pytest.fixture(scope="module")
def datos():
    rng = np.random.default_rng(0)
    return rng.random((6, 4), dtype=np.float32), rng.integers(0, 2, 6)


# --------------------------------------------------------------- construcción

@pytest.mark.parametrize("tamanos, error, patron", [
    ([784], ValueError, r"«tamanos» necesita al menos dos capas"),
    ([], ValueError, r"«tamanos» necesita al menos dos capas"),
    ([784, 0, 10], ValueError, r"«tamanos\[1\]» debe ser un entero positivo; se recibió 0"),
    ([784, -3, 10], ValueError, r"«tamanos\[1\]» debe ser un entero positivo"),
    ([784, 30.0, 10], TypeError, r"«tamanos\[1\]» debe ser un entero positivo.*float"),
    ([784, True, 10], TypeError, r"«tamanos\[1\]» debe ser un entero positivo.*bool"),
    ("784 30 10", TypeError, r"«tamanos» debe ser una lista de enteros"),
    (784, TypeError, r"«tamanos» debe ser una lista de enteros"),
    (None, TypeError, r"«tamanos» debe ser una lista de enteros"),
])
def test_tamanos_invalidos(tamanos, error, patron):
    with pytest.raises(error, match=patron):
        Red(tamanos)


def test_tamanos_de_numpy_valen():
    assert Red(np.array([4, 3, 2])).tamanos == (4, 3, 2)
    assert Red((4, np.int64(3), 2)).tamanos == (4, 3, 2)


@pytest.mark.parametrize("dtype", [np.int32, np.uint8, bool, "banana", None, np.complex128])
def test_dtype_invalido(dtype):
    with pytest.raises(TypeError, match=r"«dtype» debe ser un tipo real \(float32 o float64\)"):
        Red([4, 2], dtype=dtype)


# ---------------------------------------------------------------- entradas

@pytest.mark.parametrize("crear, error, patron", [
    (lambda: [[0.0] * 4], TypeError, r"«a» debe ser un arreglo de NumPy de forma \(n, 4\).*list"),
    (lambda: np.zeros((2, 4), dtype=np.int64), TypeError, r"«a» debe tener tipo real.*int64.*256"),
    (lambda: np.zeros((2, 4), dtype=bool), TypeError, r"«a» debe tener tipo real.*bool"),
    (lambda: np.zeros(4), ValueError, r"«a» debe tener forma \(n, 4\).*\(4,\).*reshape\(1, 4\)"),
    (lambda: np.zeros((4, 2)), ValueError, r"«a».*forma \(4, 2\).*traspuesto.*x\.T"),
    (lambda: np.zeros((2, 5)), ValueError, r"«a» debe tener forma \(n, 4\).*\(2, 5\)"),
    (lambda: np.zeros((2, 2, 4)), ValueError, r"«a» debe tener forma \(n, 4\)"),
    (lambda: np.zeros((0, 4)), ValueError, r"«a» no tiene ningún ejemplo"),
    (lambda: np.array([[0.0, np.nan, 0.0, 0.0]]), ValueError, r"«a» contiene valores NaN o infinitos"),
    (lambda: np.array([[0.0, np.inf, 0.0, 0.0]]), ValueError, r"«a» contiene valores NaN o infinitos"),
])
def test_prealimentar_entradas_invalidas(red, crear, error, patron):
    with pytest.raises(error, match=patron):
        red.prealimentar(crear())


def test_traspuesto_del_tamano_justo(red):
    """(4, 4) tiene la forma correcta: se acepta (no hay forma de saber que está traspuesto)."""
    assert red.prealimentar(np.zeros((4, 4))).shape == (4, 2)


# ------------------------------------------------------------------- sgd

@pytest.mark.parametrize("cambio, error, patron", [
    ({"epocas": 0}, ValueError, r"«epocas» debe ser un entero positivo; se recibió 0"),
    ({"epocas": -2}, ValueError, r"«epocas» debe ser un entero positivo"),
    ({"epocas": 1.5}, TypeError, r"«epocas» debe ser un entero positivo.*float"),
    ({"epocas": True}, TypeError, r"«epocas» debe ser un entero positivo.*bool"),
    ({"epocas": "3"}, TypeError, r"«epocas» debe ser un entero positivo.*str"),
    ({"tam_mini_lote": 0}, ValueError, r"«tam_mini_lote» debe ser un entero positivo"),
    ({"tam_mini_lote": 2.0}, TypeError, r"«tam_mini_lote» debe ser un entero positivo"),
    ({"eta": 0}, ValueError, r"«eta» debe ser un número real positivo y finito; se recibió 0"),
    ({"eta": -1.0}, ValueError, r"«eta» debe ser un número real positivo"),
    ({"eta": float("nan")}, ValueError, r"«eta» debe ser un número real positivo y finito"),
    ({"eta": float("inf")}, ValueError, r"«eta» debe ser un número real positivo y finito"),
    ({"eta": "3.0"}, TypeError, r"«eta» debe ser un número real positivo.*str"),
    ({"eta": True}, TypeError, r"«eta» debe ser un número real positivo.*bool"),
    ({"eta": None}, TypeError, r"«eta» debe ser un número real positivo"),
])
def test_sgd_hiperparametros_invalidos(red, datos, cambio, error, patron):
    x, y = datos
    argumentos = {"epocas": 1, "tam_mini_lote": 2, "eta": 1.0} | cambio
    with pytest.raises(error, match=patron):
        red.sgd(x, y, **argumentos)


def test_sgd_acepta_enteros_y_reales_de_numpy(datos):
    x, y = datos
    h = Red([4, 3, 2], semilla=0).sgd(x, y, np.int64(1), np.int32(3), np.float32(0.5))
    assert len(h["segundos"]) == 1


@pytest.mark.parametrize("y, error, patron", [
    (np.array([0, 1, 2, 0, 1, 0]), ValueError, r"«y» debe contener enteros entre 0 y 1; se encontró el intervalo 0 … 2"),
    (np.array([0, 1, -1, 0, 1, 0]), ValueError, r"«y» debe contener enteros entre 0 y 1"),
    (np.array([0, 1, 1]), ValueError, r"«y» debe tener forma \(6,\), una etiqueta por ejemplo; se recibió forma \(3,\)"),
    (np.zeros((6, 2), dtype=np.int64), ValueError, r"«y» debe tener forma \(6,\)"),
    (np.array([0.0, 1, 1, 0, 1, 0]), TypeError, r"«y» debe contener enteros.*float64"),
    (np.array([True, False] * 3), TypeError, r"«y» debe contener enteros.*bool"),
    ([0, 1, 1, 0, 1, 0], TypeError, r"«y» debe ser un arreglo de NumPy de 6 etiquetas.*list"),
])
def test_sgd_etiquetas_invalidas(red, datos, y, error, patron):
    x, _ = datos
    with pytest.raises(error, match=patron):
        red.sgd(x, y, 1, 2, 1.0)


def test_sgd_entradas_invalidas(red, datos):
    x, y = datos
    with pytest.raises(ValueError, match=r"«x» debe tener forma \(n, 4\).*traspuesto"):
        red.sgd(x.T.copy(), y, 1, 2, 1.0)
    with pytest.raises(ValueError, match=r"«x» contiene valores NaN"):
        red.sgd(np.where(x > 0.5, np.nan, x), y, 1, 2, 1.0)
    with pytest.raises(TypeError, match=r"«x» debe tener tipo real"):
        red.sgd((x * 255).astype(np.uint8), y, 1, 2, 1.0)


def test_sgd_datos_de_prueba_invalidos(red, datos):
    x, y = datos
    with pytest.raises(ValueError, match=r"«datos_prueba\[0\]» debe tener forma \(n, 4\)"):
        red.sgd(x, y, 1, 2, 1.0, datos_prueba=(np.zeros((3, 5)), np.zeros(3, dtype=int)))
    with pytest.raises(ValueError, match=r"«datos_prueba\[1\]» debe tener forma \(3,\)"):
        red.sgd(x, y, 1, 2, 1.0, datos_prueba=(np.zeros((3, 4)), np.zeros(2, dtype=int)))


def test_un_error_no_cambia_la_red(datos):
    x, y = datos
    red = Red([4, 3, 2], semilla=0)
    antes = [p.copy() for p in [*red.w, *red.b]]
    with pytest.raises(ValueError):
        red.sgd(x, y, 1, 2, -1.0)
    for p, q in zip(antes, [*red.w, *red.b]):
        np.testing.assert_array_equal(p, q)


# --------------------------------------------- retropropagación y evaluación

@pytest.mark.parametrize("x, y, error, patron", [
    (np.zeros(4), np.zeros((1, 2)), ValueError, r"«x» debe tener forma \(n, 4\).*reshape"),
    (np.zeros((4, 3)), np.zeros((3, 2)), ValueError, r"«x».*traspuesto"),
    (np.zeros((3, 4)), np.zeros(2), ValueError, r"«y» debe tener forma \(3, 2\); se recibió forma \(2,\)"),
    (np.zeros((3, 4)), np.zeros((2, 3)), ValueError, r"«y» debe tener forma \(3, 2\)"),
    (np.zeros((3, 4)), np.zeros((3, 2), dtype=int), TypeError, r"«y» debe ser un arreglo real de forma \(3, 2\)"),
    (np.zeros((3, 4), dtype=int), np.zeros((3, 2)), TypeError, r"«x» debe tener tipo real"),
    ([[0.0] * 4], np.zeros((1, 2)), TypeError, r"«x» debe ser un arreglo de NumPy"),
])
def test_retropropagacion_y_actualizar_validan_formas(red, x, y, error, patron):
    with pytest.raises(error, match=patron):
        red.retropropagacion(x, y)
    with pytest.raises(error, match=patron):
        red.actualizar_mini_lote(x, y, 1.0)


def test_evaluar_valida(red, datos):
    x, y = datos
    assert 0 <= red.evaluar(x, y) <= 6
    with pytest.raises(ValueError, match=r"«y» debe tener forma \(6,\)"):
        red.evaluar(x, y[:4])
    with pytest.raises(ValueError, match=r"«y» debe contener enteros entre 0 y 1"):
        red.evaluar(x, y + 5)
    with pytest.raises(ValueError, match=r"«x» debe tener forma \(n, 4\)"):
        red.evaluar(x[:, :3], y)


# ------------------------------------------------------------ configuración

@pytest.mark.parametrize("cambio, error, patron", [
    ({"tipo": "bosque"}, ValueError, r"«tipo» debe ser uno de"),
    ({"capas": (784,)}, ValueError, r"«tamanos» necesita al menos dos capas"),
    ({"epocas": 0}, ValueError, r"«epocas» debe ser un entero positivo"),
    ({"tam_mini_lote": -1}, ValueError, r"«tam_mini_lote» debe ser un entero positivo"),
    ({"eta": 0.0}, ValueError, r"«eta» debe ser un número real positivo"),
    ({"semilla": -1}, ValueError, r"«semilla» debe ser un entero no negativo"),
    ({"semilla": True}, ValueError, r"«semilla» debe ser un entero no negativo"),
    ({"n_entrenamiento": 0}, ValueError, r"«n_entrenamiento» debe ser un entero positivo"),
    ({"n_entrenamiento": 60_000}, ValueError, "«n_entrenamiento» no puede pasar de 50\u2009000; se recibió 60\u2009000"),
    ({"costo": "coste"}, ValueError, r"«costo» debe ser uno de «cuadratico», .*; se recibió 'coste'"),
    ({"activacion": "softplus"}, ValueError, r"«activacion» debe ser uno de «sigmoide».*'softplus'"),
    ({"inicializacion": "cero"}, ValueError, r"«inicializacion» debe ser uno de «normalizada», «grande»"),
    ({"regularizacion": "L3"}, ValueError, r"«regularizacion» debe ser uno de «L2», «L1», None; se recibió 'L3'"),
    ({"lmbda": -0.1}, ValueError, r"«lmbda» debe ser un número real ≥ 0"),
    ({"lmbda": "5"}, TypeError, r"«lmbda» debe ser un número real ≥ 0"),
    ({"lmbda": 5.0, "regularizacion": None}, ValueError, r"«lmbda» = 5.0 pide regularizar"),
    ({"abandono": 1.0}, ValueError, r"«abandono» debe estar en el intervalo \[0, 1\); se recibió 1.0"),
    ({"abandono": -0.5}, ValueError, r"«abandono» debe estar en el intervalo \[0, 1\)"),
    ({"momento": 1}, ValueError, r"«momento» debe estar en el intervalo \[0, 1\)"),
    ({"momento": None}, TypeError, r"«momento» debe ser un número real en \[0, 1\)"),
    ({"paciencia_eta": 0}, ValueError, r"«paciencia_eta» debe ser un entero positivo"),
    ({"parada_temprana": 2.5}, TypeError, r"«parada_temprana» debe ser un entero positivo"),
    ({"capas": (100, 30, 10)}, ValueError, r"«capas» = \[100, 30, 10\] no sirve para MNIST.*784.*10"),
    ({"capas": (784, 30, 2), "tipo": "mejorada"}, ValueError, r"«capas» = \[784, 30, 2\] no sirve para MNIST"),
    ({"tam_mini_lote": 200, "n_entrenamiento": 100}, ValueError,
     r"«tam_mini_lote» = 200 es mayor que el número de imágenes de entrenamiento \(100\)"),
])
def test_configuracion_invalida(cambio, error, patron):
    with pytest.raises(error, match=patron):
        Configuracion(**cambio)


def test_funciones_de_validacion_devuelven_el_valor():
    assert v.entero_positivo("n", np.int16(3)) == 3 and type(v.entero_positivo("n", np.int16(3))) is int
    assert v.real_positivo("eta", 2) == 2.0
    assert v.tipo_real("dtype", "float32") == np.float32
    x = np.ones((2, 3))
    assert v.lote_de_entradas("x", x, 3) is x


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix avisa al crearse
@pytest.mark.parametrize("crear", [
    lambda: np.asmatrix(np.zeros((2, 4))),
    lambda: np.ma.masked_array(np.zeros((2, 4)), mask=[[0, 1, 0, 0], [0, 0, 0, 0]]),
])
def test_subclases_de_ndarray_se_rechazan(red, crear):
    x = crear()
    with pytest.raises(TypeError, match=rf"«a» debe ser un arreglo de NumPy.*subclase {type(x).__name__}"
                                        r".*np\.asarray"):
        red.prealimentar(x)
    with pytest.raises(TypeError, match=r"«x» debe ser un arreglo de NumPy.*subclase"):
        red.retropropagacion(x, np.zeros((2, 2)))


def test_funciones_nuevas_devuelven_el_valor():
    assert v.tam_mini_lote(np.int64(3), 3) == 3
    assert v.funcion_o_none("f", None) is None and v.funcion_o_none("f", print) is print
    x, y = np.zeros((2, 4)), np.array([0, 1])
    xx, yy = v.par_de_datos("d", [x, y], 4, 2)
    assert xx is x and yy is y
    v.etiquetas_en_rango("y", y, 2)
    with pytest.raises(ValueError, match=r"«y» debe contener enteros entre 0 y 1; se encontró el intervalo -1 … 1"):
        v.etiquetas_en_rango("y", np.array([-1, 1]), 2)


def test_configuracion_valida_de_otros_tipos_ignora_las_capas():
    assert Configuracion(tipo="svm", capas=(2, 3)).capas == (2, 3)
    assert Configuracion(tipo="mejorada", tam_mini_lote=500, n_entrenamiento=100,
                         expansion="desplazamientos").tam_mini_lote == 500
