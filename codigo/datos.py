"""MNIST para el libro: arreglos de NumPy leídos de ``datos/mnist.npz``, sin pickle.

El archivo guarda cada píxel como el entero ``k = 256 x`` (``uint8``); aquí se
recupera ``x = k / 256`` en ``float32``, exactamente los valores del MNIST original,
en el intervalo [0, 1). Antes de leerlo se verifica su SHA-256.
"""

from __future__ import annotations

import functools
import hashlib
import os
import zipfile
from pathlib import Path
from typing import NamedTuple

import numpy as np

from codigo import validacion as v

SHA256_MNIST = "9317d91b760de71a485ad5bb7cbada870e7a1d2cec7a1fc4301302edcc64fda3"
"""Suma SHA-256 de ``mnist.npz`` (la misma que anota ``datos/LEEME.md``)."""

NOMBRE_ARCHIVO = "mnist.npz"
PARTICIONES = ("entrenamiento", "validacion", "prueba")


class Particion(NamedTuple):
    """Una partición de MNIST: ``x`` de forma (n, 784) en float32 y ``y`` de forma (n,)."""

    x: np.ndarray
    y: np.ndarray


class MNIST(NamedTuple):
    """Las tres particiones clásicas: 50 000, 10 000 y 10 000 imágenes."""

    entrenamiento: Particion
    validacion: Particion
    prueba: Particion


class ErrorDatos(RuntimeError):
    """El archivo de datos falta, no se puede leer o no es el esperado."""


def ubicaciones_posibles() -> list[Path]:
    """Dónde se busca ``mnist.npz``, en orden.

    1. La variable de entorno ``CODIGO_DATOS`` (ruta al archivo), si existe.
    2. Junto al paquete instalado: ``codigo/_datos/mnist.npz``.
    3. En una copia del repositorio: ``datos/mnist.npz`` junto a ``codigo/``.
    """
    paquete = Path(__file__).resolve().parent
    rutas = [paquete / "_datos" / NOMBRE_ARCHIVO, paquete.parent / "datos" / NOMBRE_ARCHIVO]
    if os.environ.get("CODIGO_DATOS"):
        rutas.insert(0, Path(os.environ["CODIGO_DATOS"]))
    return rutas


def ruta_mnist() -> Path:
    """La primera ubicación de :func:`ubicaciones_posibles` que existe.

    Si la variable ``CODIGO_DATOS`` está definida, manda: si su archivo no existe es un
    error (no se busca en otro sitio a escondidas).
    """
    explicita = os.environ.get("CODIGO_DATOS")
    if explicita and Path(explicita).is_dir():
        raise ErrorDatos(
            f"La variable de entorno CODIGO_DATOS indica {explicita}, que es una carpeta, no un "
            f"archivo. Corrígela para que apunte al archivo {NOMBRE_ARCHIVO}."
        )
    if explicita and not Path(explicita).is_file():
        raise ErrorDatos(
            f"La variable de entorno CODIGO_DATOS indica el archivo {explicita}, pero no existe.\n"
            f"Corrígela para que apunte a {NOMBRE_ARCHIVO}, o bórrala («unset CODIGO_DATOS») para "
            "usar el archivo que viene con el paquete o con el repositorio."
        )
    rutas = ubicaciones_posibles()
    for ruta in rutas:
        if ruta.is_file():
            return ruta
    lista = "\n".join(f"  - {r}" for r in rutas)
    raise ErrorDatos(
        f"No encuentro el archivo de datos {NOMBRE_ARCHIVO}. Lo busqué en:\n{lista}\n"
        "Viene en la carpeta datos/ del repositorio: clónalo de nuevo o restáuralo con "
        "«git checkout -- datos/mnist.npz», o indica su ruta en la variable CODIGO_DATOS."
    )


def sha256(ruta: Path) -> str:
    """La suma SHA-256 (en hexadecimal) del archivo ``ruta``."""
    h = hashlib.sha256()
    with open(ruta, "rb") as f:
        for bloque in iter(lambda: f.read(1 << 20), b""):
            h.update(bloque)
    return h.hexdigest()


def cargar_mnist(ruta: str | os.PathLike[str] | None = None) -> MNIST:
    """Carga MNIST y devuelve sus tres particiones como arreglos de NumPy.

    Parameters
    ----------
    ruta
        Archivo ``.npz`` que leer; si se omite, se busca con :func:`ruta_mnist`.

    Returns
    -------
    MNIST
        ``entrenamiento``, ``validacion`` y ``prueba``; cada una con ``x`` (float32,
        forma (n, 784), valores en [0, 1)) e ``y`` (int64, forma (n,), dígitos 0–9).
        Los arreglos son de solo lectura: cópialos si necesitas modificarlos.

    Raises
    ------
    ErrorDatos
        Si el archivo falta, está dañado o su SHA-256 no es el esperado.
    """
    if ruta is not None and not isinstance(ruta, (str, os.PathLike)):
        raise TypeError(f"«ruta» debe ser la ruta de un archivo (texto o pathlib.Path) o None; "
                        f"se recibió {ruta!r} (de tipo {type(ruta).__name__}).")
    return _cargar(Path(ruta) if ruta is not None else ruta_mnist())


@functools.lru_cache(maxsize=2)
def _cargar(ruta: Path) -> MNIST:
    if ruta.is_dir():
        raise ErrorDatos(
            f"{ruta} es una carpeta, no un archivo. Indica la ruta del archivo {NOMBRE_ARCHIVO} "
            "(viene en la carpeta datos/ del repositorio) o llama a cargar_mnist() sin argumentos."
        )
    if not ruta.is_file():
        raise ErrorDatos(
            f"No existe el archivo de datos {ruta}. Indica la ruta de {NOMBRE_ARCHIVO} "
            "(viene en la carpeta datos/ del repositorio) o llama a cargar_mnist() sin argumentos."
        )
    suma = sha256(ruta)
    if suma != SHA256_MNIST:
        raise ErrorDatos(
            f"El archivo {ruta} está dañado o no es el MNIST del libro: su SHA-256 es\n  {suma}\n"
            f"y debería ser\n  {SHA256_MNIST}\n"
            "Restáuralo desde el repositorio («git checkout -- datos/mnist.npz») o vuelve a clonarlo."
        )
    try:
        with np.load(ruta, allow_pickle=False) as npz:
            crudo = {clave: npz[clave] for clave in npz.files}
    except (OSError, ValueError, zipfile.BadZipFile) as error:  # pragma: no cover - la suma ya lo evita
        raise ErrorDatos(f"No pude leer {ruta}: {error}") from error
    particiones = []
    for nombre in PARTICIONES:
        x = crudo[f"x_{nombre}"].astype(np.float32) / np.float32(256.0)
        y = crudo[f"y_{nombre}"].astype(np.int64)
        x.setflags(write=False)
        y.setflags(write=False)
        particiones.append(Particion(x, y))
    return MNIST(*particiones)


def vectorizar(y: np.ndarray, n_clases: int = 10, dtype: type = np.float64) -> np.ndarray:
    """Convierte etiquetas enteras (n,) en vectores *one-hot* de forma (n, n_clases).

    Raises
    ------
    TypeError, ValueError
        Si ``y`` no es un arreglo 1-D de enteros entre 0 y ``n_clases − 1`` (una etiqueta −1
        no se toma en silencio como la última clase), o si ``n_clases`` o ``dtype`` no valen.
    """
    n_clases = v.entero_positivo("n_clases", n_clases)
    if not isinstance(y, np.ndarray):
        raise TypeError(f"«y» debe ser un arreglo de NumPy de etiquetas enteras (0 … {n_clases - 1}); "
                        f"se recibió {y!r} (de tipo {type(y).__name__}).")
    y = v.etiquetas("y", y, y.shape[0] if y.ndim else 1, n_clases)
    dtype = v.tipo_real("dtype", dtype)
    salida = np.zeros((len(y), n_clases), dtype=dtype)
    salida[np.arange(len(y)), y] = 1.0
    return salida
