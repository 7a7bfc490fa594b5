"""El cargador de MNIST: formas, tipos, hechos conocidos de las etiquetas y errores claros."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from codigo import datos
from codigo.datos import ErrorDatos, cargar_mnist

TAMANOS = {"entrenamiento": 50_000, "validacion": 10_000, "prueba": 10_000}


@pytest.mark.parametrize("nombre", list(TAMANOS))
def test_formas_y_tipos(mnist, nombre):
    x, y = getattr(mnist, nombre)
    n = TAMANOS[nombre]
    assert x.shape == (n, 784) and y.shape == (n,)
    assert x.dtype == np.float32 and y.dtype == np.int64
    assert x.min() >= 0.0 and x.max() < 1.0
    assert x.max() > 0.99  # hay píxeles casi negros: no se dividió entre 65 536 ni nada raro
    assert set(np.unique(y)) == set(range(10))


def test_pixeles_son_multiplos_de_1_256(mnist):
    for x, _ in mnist:
        k = x * np.float32(256.0)
        assert np.array_equal(k, np.round(k))
        assert k.max() <= 255


def test_primeras_etiquetas(mnist):
    assert mnist.entrenamiento.y[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert mnist.prueba.y[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]


def test_conteos_de_prueba_por_digito(mnist):
    conteos = np.bincount(mnist.prueba.y, minlength=10)
    assert conteos.tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_particiones_distintas(mnist):
    # La validación y la prueba no son copias del entrenamiento.
    assert not np.array_equal(mnist.entrenamiento.x[:100], mnist.validacion.x[:100])
    assert not np.array_equal(mnist.validacion.x[:100], mnist.prueba.x[:100])


def test_arreglos_de_solo_lectura(mnist):
    for x, y in mnist:
        assert not x.flags.writeable and not y.flags.writeable
    with pytest.raises(ValueError):
        mnist.entrenamiento.x[0, 0] = 1.0
    with pytest.raises(ValueError):
        mnist.prueba.y[0] = 3


def test_carga_en_cache_devuelve_los_mismos_arreglos(mnist):
    assert cargar_mnist().entrenamiento.x is mnist.entrenamiento.x


def test_sha256_del_archivo(raiz):
    assert datos.sha256(raiz / "datos" / "mnist.npz") == datos.SHA256_MNIST


def test_vectorizar():
    v = datos.vectorizar(np.array([3, 0, 9]))
    assert v.shape == (3, 10)
    assert np.array_equal(np.argmax(v, axis=1), [3, 0, 9])
    assert v.sum() == 3


def test_codigo_datos_inexistente_es_un_error(monkeypatch, tmp_path):
    falta = tmp_path / "no_esta" / "mnist.npz"
    monkeypatch.setenv("CODIGO_DATOS", str(falta))
    with pytest.raises(ErrorDatos, match="CODIGO_DATOS") as error:
        cargar_mnist()
    assert str(falta) in str(error.value)
    assert "no existe" in str(error.value)


def test_ruta_explicita_inexistente(tmp_path):
    with pytest.raises(ErrorDatos, match=r"No existe el archivo de datos .*datos/ del repositorio"):
        cargar_mnist(tmp_path / "mnist.npz")


def test_codigo_datos_valido(monkeypatch, raiz, tmp_path):
    copia = tmp_path / "otra_copia.npz"
    shutil.copyfile(raiz / "datos" / "mnist.npz", copia)
    monkeypatch.setenv("CODIGO_DATOS", str(copia))
    assert datos.ruta_mnist() == copia
    assert cargar_mnist().prueba.y[:3].tolist() == [7, 2, 1]


def test_paquete_sin_datos(tmp_path, python, entorno, raiz):
    """Una copia del paquete sin ``_datos/`` ni ``../datos/``: el error dice qué hacer."""
    shutil.copytree(raiz / "codigo", tmp_path / "codigo", ignore=shutil.ignore_patterns("__pycache__", "_datos"))
    entorno["PYTHONPATH"] = str(tmp_path)
    programa = (
        "from codigo.datos import cargar_mnist, ErrorDatos\n"
        "try:\n    cargar_mnist()\nexcept ErrorDatos as e:\n    print(e)\nelse:\n    print('SIN ERROR')\n"
    )
    salida = subprocess.run([python, "-c", programa], cwd=tmp_path, env=entorno,
                            capture_output=True, text=True, timeout=120, check=True).stdout
    assert "No encuentro el archivo de datos mnist.npz" in salida
    assert str(tmp_path / "codigo" / "_datos" / "mnist.npz") in salida
    assert "CODIGO_DATOS" in salida and "git checkout" in salida


def test_archivo_corrupto(tmp_path, raiz, monkeypatch):
    copia = tmp_path / "mnist.npz"
    contenido = bytearray((raiz / "datos" / "mnist.npz").read_bytes())
    contenido[len(contenido) // 2] ^= 0x01  # un solo bit distinto
    copia.write_bytes(bytes(contenido))
    with pytest.raises(ErrorDatos, match=r"dañado.*SHA-256") as error:
        cargar_mnist(copia)
    assert datos.SHA256_MNIST in str(error.value)
    assert "git checkout" in str(error.value)
    monkeypatch.setenv("CODIGO_DATOS", str(copia))  # también por la variable de entorno
    with pytest.raises(ErrorDatos, match="SHA-256"):
        cargar_mnist()


def test_archivo_truncado(tmp_path, raiz):
    copia = tmp_path / "mnist.npz"
    copia.write_bytes((raiz / "datos" / "mnist.npz").read_bytes()[:1000])
    with pytest.raises(ErrorDatos, match="SHA-256"):
        cargar_mnist(copia)


def test_sin_pickle():
    """El cargador nunca importa pickle ni permite pickle al leer el ``.npz``."""
    arbol = ast.parse(Path(datos.__file__).read_text(encoding="utf-8"))
    importados = set()
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Import):
            importados |= {a.name.split(".")[0] for a in nodo.names}
        elif isinstance(nodo, ast.ImportFrom):
            importados |= {(nodo.module or "").split(".")[0], *(a.name for a in nodo.names)}
    assert not importados & {"pickle", "cPickle", "_pickle", "dill", "joblib", "shelve"}
    llamadas_load = []
    for nodo in ast.walk(arbol):
        if isinstance(nodo, ast.Call):
            for kw in nodo.keywords:
                if kw.arg == "allow_pickle":
                    assert isinstance(kw.value, ast.Constant) and kw.value.value is False
            if isinstance(nodo.func, ast.Attribute) and nodo.func.attr == "load":
                llamadas_load.append(nodo)
    # Cada np.load dice explícitamente allow_pickle=False.
    assert llamadas_load
    for llamada in llamadas_load:
        assert any(kw.arg == "allow_pickle" for kw in llamada.keywords)


# --------------------------------------------------------------- entradas malas que antes pasaban

@pytest.mark.parametrize("y, error, patron", [
    (np.array([3, -1]), ValueError, r"«y» debe contener enteros entre 0 y 9; se encontró el intervalo -1 … 3"),
    (np.array([10, 0]), ValueError, r"«y» debe contener enteros entre 0 y 9; se encontró el intervalo 0 … 10"),
    (np.array([1.0, 2.0]), TypeError, r"«y» debe contener enteros \(0 … 9\); se recibió tipo float64"),
    ([1, 2], TypeError, r"«y» debe ser un arreglo de NumPy de etiquetas enteras.*list"),
    (np.array([[1, 2]]), ValueError, r"«y» debe tener forma \(1,\)"),
])
def test_vectorizar_etiquetas_malas(y, error, patron):
    with pytest.raises(error, match=patron):
        datos.vectorizar(y)


def test_vectorizar_n_clases_y_dtype():
    with pytest.raises(ValueError, match=r"«n_clases» debe ser un entero positivo"):
        datos.vectorizar(np.array([0]), n_clases=0)
    with pytest.raises(TypeError, match=r"«dtype» debe ser un tipo real"):
        datos.vectorizar(np.array([0]), dtype=np.int64)
    assert datos.vectorizar(np.array([], dtype=np.int64)).shape == (0, 10)


@pytest.mark.parametrize("ruta", [3, 2.5, b"/tmp/mnist.npz", ["mnist.npz"]])
def test_cargar_mnist_ruta_de_tipo_malo(ruta):
    with pytest.raises(TypeError, match=r"«ruta» debe ser la ruta de un archivo \(texto o pathlib.Path\) o None; "
                                        r"se recibió"):
        cargar_mnist(ruta)


def test_cargar_mnist_de_una_carpeta(tmp_path, monkeypatch):
    with pytest.raises(ErrorDatos, match=r"es una carpeta, no un archivo"):
        cargar_mnist(str(tmp_path))
    monkeypatch.setenv("CODIGO_DATOS", str(tmp_path))
    with pytest.raises(ErrorDatos, match=r"CODIGO_DATOS indica .* que es una carpeta, no un archivo"):
        cargar_mnist()
