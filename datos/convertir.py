"""Convierte ``mnist.pkl.gz`` (pickle de Python 2) en ``datos/mnist.npz``, sin pickle.

Este guion se ejecutó **una sola vez** para crear el archivo que está en el repositorio;
el libro, las pruebas y la línea de comandos nunca lo ejecutan ni leen pickles.
Se guarda aquí como constancia de cómo se obtuvo ``mnist.npz`` y para que cualquiera
pueda repetir la conversión y comprobar la suma SHA-256::

    python datos/convertir.py RUTA/A/mnist.pkl.gz datos/mnist.npz

La conversión no pierde nada: cada píxel del original es un múltiplo exacto de 1/256,
así que se guarda el entero ``k = 256 x`` (0…255) como ``uint8``, y el cargador
recupera ``x = k / 256`` en ``float32`` bit a bit. El ZIP se escribe con fecha fija,
de modo que el resultado es idéntico byte a byte en cualquier máquina.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import pickle  # solo aquí, en la conversión única; nunca en tiempo de ejecución
import sys
import zipfile
from pathlib import Path

import numpy as np

PARTICIONES = ("entrenamiento", "validacion", "prueba")


def convertir(origen: Path, destino: Path) -> str:
    """Escribe ``destino`` a partir de ``origen`` y devuelve su SHA-256."""
    with gzip.open(origen, "rb") as f:
        conjuntos = pickle.load(f, encoding="latin1")
    arreglos: dict[str, np.ndarray] = {}
    for nombre, (x, y) in zip(PARTICIONES, conjuntos, strict=True):
        k = np.rint(x.astype(np.float64) * 256.0)
        if k.min() < 0 or k.max() > 255:
            raise ValueError(f"{nombre}: hay píxeles fuera de [0, 1)")
        k = k.astype(np.uint8)
        if not np.array_equal(k.astype(np.float32) / np.float32(256.0), x):
            raise ValueError(f"{nombre}: la conversión a uint8 perdería información")
        arreglos[f"x_{nombre}"] = k
        arreglos[f"y_{nombre}"] = y.astype(np.uint8)
    with zipfile.ZipFile(destino, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for clave, arreglo in arreglos.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, arreglo, allow_pickle=False)
            info = zipfile.ZipInfo(f"{clave}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, buf.getvalue(), compresslevel=9)
    return hashlib.sha256(destino.read_bytes()).hexdigest()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("uso: python datos/convertir.py ORIGEN.pkl.gz DESTINO.npz")
    print(convertir(Path(sys.argv[1]), Path(sys.argv[2])))
