"""Pruebas de la expansión artificial de los datos (:mod:`codigo.expansion`)."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from codigo.expansion import DESPLAZAMIENTOS, desplazar, expandir, rotar


def imagenes_al_azar(n: int, lado: int = 28, semilla: int = 0) -> np.ndarray:
    return np.random.default_rng(semilla).random((n, lado, lado)).astype(np.float32)


# --------------------------------------------------------------------- desplazar

def test_un_desplazamiento_mueve_los_pixeles() -> None:
    x = np.zeros((2, 28, 28), dtype=np.float32)
    x[0, 5, 7] = 1.0
    x[1, 0, 27] = 0.5  # en la esquina de arriba a la derecha
    abajo = desplazar(x, 1, 0)
    assert abajo[0, 6, 7] == 1.0 and abajo[0].sum() == 1.0
    assert abajo[1, 1, 27] == 0.5
    izquierda = desplazar(x, 0, -1)
    assert izquierda[0, 5, 6] == 1.0 and izquierda[1, 0, 26] == 0.5
    derecha = desplazar(x, 0, 1)
    assert derecha[0, 5, 8] == 1.0
    assert derecha[1].sum() == 0.0  # salió por el borde derecho: se pierde
    arriba = desplazar(x, -1, 0)
    assert arriba[0, 4, 7] == 1.0 and arriba[1].sum() == 0.0


def test_desplazar_rellena_con_ceros_y_conserva_forma_y_tipo() -> None:
    x = np.ones((3, 784), dtype=np.float32)
    d = desplazar(x, -2, 1)
    assert d.shape == (3, 784) and d.dtype == np.float32
    imagen = d[0].reshape(28, 28)
    assert imagen[-2:].sum() == 0 and imagen[:, 0].sum() == 0  # entró fondo por abajo y por la izquierda
    assert imagen[:-2, 1:].min() == 1.0
    np.testing.assert_array_equal(desplazar(x, 0, 0), x)


def test_ida_y_vuelta_de_un_desplazamiento() -> None:
    x = imagenes_al_azar(4)
    vuelta = desplazar(desplazar(x, 1, -1), -1, 1)
    np.testing.assert_array_equal(vuelta[:, :-1, 1:], x[:, :-1, 1:])  # salvo lo que se perdió por el borde


# --------------------------------------------------------------------- rotar

def test_rotar_cero_grados_no_cambia_nada() -> None:
    x = imagenes_al_azar(3)
    np.testing.assert_array_equal(rotar(x, 0.0), x)


@pytest.mark.parametrize("grados,veces", [(90, 1), (-90, -1), (180, 2), (270, 3)])
def test_rotar_angulos_rectos_es_rot90(grados: float, veces: int) -> None:
    """Sentido antihorario, como ``np.rot90``; en ángulos rectos no hay nada que interpolar."""
    x = imagenes_al_azar(3)
    np.testing.assert_allclose(rotar(x, grados), np.rot90(x, veces, axes=(1, 2)), atol=1e-6)


def test_rotar_interpola_bilinealmente() -> None:
    """Un punto aislado se reparte entre vecinos y la suma se conserva si no toca el borde."""
    x = np.zeros((1, 28, 28), dtype=np.float32)
    x[0, 8, 14] = 1.0  # 5.5 filas por encima del centro (13.5, 13.5)
    r = rotar(x, 10.0)[0]
    assert r.sum() == pytest.approx(1.0, abs=0.1)
    assert np.count_nonzero(r) > 1 and r.max() < 1.0
    # Antihorario: un punto de arriba se mueve hacia la izquierda.
    filas, columnas = np.nonzero(r)
    assert np.average(columnas, weights=r[filas, columnas]) < 14


def test_rotar_un_angulo_por_imagen() -> None:
    x = imagenes_al_azar(5)
    grados = np.array([-12.0, 0.0, 7.5, 90.0, 3.0])
    juntas = rotar(x, grados, tam_bloque=2)
    for i in range(5):
        np.testing.assert_allclose(juntas[i], rotar(x[i:i + 1], float(grados[i]))[0], atol=1e-6)


def test_rotar_conserva_forma_y_tipo() -> None:
    x = imagenes_al_azar(2).reshape(2, 784).astype(np.float64)
    r = rotar(x, 15.0)
    assert r.shape == (2, 784) and r.dtype == np.float64


# --------------------------------------------------------------------- expandir

def test_expandir_conserva_etiquetas_y_formas() -> None:
    x = imagenes_al_azar(7).reshape(7, 784)
    y = np.arange(7) % 10
    x_exp, y_exp = expandir(x, y, angulos=(-10, 10), rotaciones_al_azar=2)
    copias = 1 + 4 + 2 + 2
    assert x_exp.shape == (copias * 7, 784) and x_exp.dtype == np.float32
    np.testing.assert_array_equal(y_exp, np.tile(y, copias))
    np.testing.assert_array_equal(x_exp[:7], x)
    for j, (dy, dx) in enumerate(DESPLAZAMIENTOS, start=1):
        np.testing.assert_array_equal(x_exp[j * 7:(j + 1) * 7], desplazar(x, dy, dx))
    np.testing.assert_allclose(x_exp[5 * 7:6 * 7], rotar(x, -10.0), atol=1e-6)
    np.testing.assert_allclose(x_exp[6 * 7:7 * 7], rotar(x, 10.0), atol=1e-6)


def test_expandir_como_el_original_cinco_copias() -> None:
    x = imagenes_al_azar(4)
    x_exp, y_exp = expandir(x, np.array([3, 1, 4, 1]))
    assert x_exp.shape == (20, 28, 28) and y_exp.tolist() == [3, 1, 4, 1] * 5


def test_expandir_es_determinista_con_semilla() -> None:
    x = imagenes_al_azar(6)
    y = np.zeros(6, dtype=np.int64)
    a, _ = expandir(x, y, desplazamientos=False, rotaciones_al_azar=1, semilla=3)
    b, _ = expandir(x, y, desplazamientos=False, rotaciones_al_azar=1, semilla=3, tam_bloque=4)
    c, _ = expandir(x, y, desplazamientos=False, rotaciones_al_azar=1, semilla=4)
    np.testing.assert_array_equal(a, b)  # el tamaño de bloque no cambia el resultado
    assert not np.array_equal(a[6:], c[6:])


def test_expandir_no_copia_el_conjunto_entero_de_mas() -> None:
    """Memoria: la salida más unos pocos bloques, no varias copias completas."""
    x = imagenes_al_azar(3000).reshape(3000, 784)
    y = np.zeros(3000, dtype=np.int64)
    tracemalloc.start()
    x_exp, y_exp = expandir(x, y, angulos=(8,), rotaciones_al_azar=1, tam_bloque=50)
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert pico < x_exp.nbytes + y_exp.nbytes + 0.5 * x.nbytes


# --------------------------------------------------------------------- validación

@pytest.mark.parametrize("llamada,error,mensaje", [
    (lambda: desplazar(np.zeros((2, 28, 28), dtype=np.uint8), 1, 0), TypeError, "«x» debe ser un arreglo real"),
    (lambda: desplazar(np.zeros((2, 780), dtype=np.float32), 1, 0), ValueError,
     r"imágenes cuadradas.*se recibió forma \(2, 780\)"),
    (lambda: desplazar(np.zeros((0, 784), dtype=np.float32), 1, 0), ValueError, "ninguna imagen"),
    (lambda: desplazar(np.full((1, 784), np.nan, dtype=np.float32), 1, 0), ValueError, "NaN"),
    (lambda: desplazar(np.zeros((2, 784), dtype=np.float32), 28, 0), ValueError,
     "«dy» debe estar entre -27 y 27"),
    (lambda: desplazar(np.zeros((2, 784), dtype=np.float32), 0, 1.0), TypeError, "«dx» debe ser un entero"),
    (lambda: rotar(np.zeros((2, 784), dtype=np.float32), np.zeros(3)), ValueError,
     r"«grados» debe ser un número o un arreglo de forma \(2,\)"),
    (lambda: rotar(np.zeros((2, 784), dtype=np.float32), float("nan")), ValueError,
     "«grados» debe ser un número finito"),
    (lambda: rotar(np.zeros((2, 784), dtype=np.float32), "10"), TypeError, "«grados» debe ser un número real"),
    (lambda: rotar(np.zeros((2, 784), dtype=np.float32), 5, tam_bloque=0), ValueError,
     "«tam_bloque» debe ser un entero positivo"),
    (lambda: expandir(np.zeros((2, 784), dtype=np.float32), np.zeros(3, dtype=int)), ValueError,
     r"«y» debe tener forma \(2,\)"),
    (lambda: expandir(np.zeros((2, 784), dtype=np.float32), np.zeros(2)), TypeError,
     "«y» debe ser un arreglo de 2 etiquetas enteras"),
    (lambda: expandir(np.zeros((2, 784), dtype=np.float32), np.zeros(2, dtype=int), angulos=10), TypeError,
     "«angulos» debe ser una lista"),
    (lambda: expandir(np.zeros((2, 784), dtype=np.float32), np.zeros(2, dtype=int), rotaciones_al_azar=-1),
     ValueError, "«rotaciones_al_azar» debe ser un entero ≥ 0"),
    (lambda: expandir(np.zeros((2, 784), dtype=np.float32), np.zeros(2, dtype=int), max_grados=-5),
     ValueError, "«max_grados» debe ser ≥ 0"),
    (lambda: expandir(np.zeros((2, 784), dtype=np.float32), np.zeros(2, dtype=int), desplazamientos="sí"),
     TypeError, "«desplazamientos» debe ser True o False"),
])
def test_errores(llamada, error: type, mensaje: str) -> None:
    with pytest.raises(error, match=mensaje):
        llamada()
