"""Clasificadores de referencia del capítulo 1, para comparar con la red.

- :func:`oscuridad_media`: adivina el dígito cuya oscuridad media más se parece a la de la imagen.
- :func:`svm`: una máquina de vectores de soporte (usa scikit-learn, que no es dependencia
  de ``codigo``: se instala con el grupo ``libro``).
"""

from __future__ import annotations

import numpy as np


def oscuridad_media(x: np.ndarray, y: np.ndarray, x_prueba: np.ndarray) -> np.ndarray:
    """Predice, para cada imagen de ``x_prueba``, el dígito de oscuridad media más cercana.

    La oscuridad de una imagen es la suma de sus píxeles. Con los datos ``(x, y)`` se calcula
    la oscuridad media de cada dígito; una imagen nueva se asigna al dígito cuya media
    está más cerca de su oscuridad.
    """
    oscuridad = x.sum(axis=1, dtype=np.float64)
    medias = np.array([oscuridad[y == digito].mean() for digito in range(10)])
    nueva = x_prueba.sum(axis=1, dtype=np.float64)
    return np.argmin(np.abs(nueva[:, None] - medias[None, :]), axis=1)


def svm(x: np.ndarray, y: np.ndarray, x_prueba: np.ndarray) -> np.ndarray:
    """Predicciones de ``sklearn.svm.SVC`` con ``gamma='auto'`` (el valor por omisión antiguo)."""
    try:
        from sklearn.svm import SVC
    except ImportError as error:  # pragma: no cover - depende del entorno
        raise ImportError(
            "La SVM de referencia necesita scikit-learn, que no es dependencia de «codigo». "
            "Instálalo con «pip install codigo[libro]» o «pip install scikit-learn»."
        ) from error
    return SVC(gamma="auto").fit(x, y).predict(x_prueba)
