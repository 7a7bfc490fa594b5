"""Funciones de activación de las neuronas ocultas: sigmoide, tanh y ReLU.

Cada activación es un objeto pequeño con dos métodos, su valor ``f(z)`` y su derivada
``prima(z) = f'(z)``, que es lo único que la retropropagación necesita saber de ella.
Se eligen por nombre (``"sigmoide"``, ``"tanh"``, ``"relu"``) con :func:`obtener_activacion`,
y por ese nombre se guardan en JSON.
"""

from __future__ import annotations

import numpy as np

from codigo import validacion as v


class Activacion:
    """Una función de activación ``a = f(z)`` aplicada elemento a elemento, con su derivada."""

    nombre: str = ""

    def __call__(self, z: np.ndarray) -> np.ndarray:
        """La activación ``f(z)``, del mismo tipo y forma que ``z``."""
        raise NotImplementedError

    def prima(self, z: np.ndarray) -> np.ndarray:
        """La derivada ``f'(z)``, del mismo tipo y forma que ``z``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Sigmoide(Activacion):
    """σ(z) = 1 / (1 + e^(−z)), con derivada σ'(z) = σ(z) (1 − σ(z)).

    Se calcula como (1 + tanh(z/2)) / 2, la misma función escrita de modo que ``exp``
    nunca desborde (igual que :func:`codigo.red.sigmoide`).
    """

    nombre = "sigmoide"

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return 0.5 * (1.0 + np.tanh(0.5 * z))

    def prima(self, z: np.ndarray) -> np.ndarray:
        s = self(z)
        return s * (1.0 - s)


class Tanh(Activacion):
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), con derivada 1 − tanh²(z).

    Es una sigmoide reescalada, tanh(z) = 2σ(2z) − 1, con salidas en (−1, 1).
    """

    nombre = "tanh"

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return np.tanh(z)

    def prima(self, z: np.ndarray) -> np.ndarray:
        t = np.tanh(z)
        return 1.0 - t * t


class ReLU(Activacion):
    """Unidad lineal rectificada: max(0, z), con derivada 1 si z > 0 y 0 si no.

    En z = 0 la función no es derivable; se toma 0 como derivada, la convención habitual.
    """

    nombre = "relu"

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return np.maximum(z, 0)

    def prima(self, z: np.ndarray) -> np.ndarray:
        return (z > 0).astype(z.dtype)


ACTIVACIONES: dict[str, type[Activacion]] = {
    clase.nombre: clase for clase in (Sigmoide, Tanh, ReLU)
}
"""Las activaciones disponibles, por nombre."""


def obtener_activacion(activacion: str | Activacion) -> Activacion:
    """La activación pedida, dada por nombre (``"sigmoide"``, ``"tanh"``, ``"relu"``) u objeto.

    Parameters
    ----------
    activacion
        El nombre de una activación de :data:`ACTIVACIONES` o un objeto :class:`Activacion`.

    Returns
    -------
    Activacion
        El objeto correspondiente (el mismo, si ya lo era).

    Raises
    ------
    TypeError
        Si no es ni un nombre ni un objeto :class:`Activacion` (por ejemplo, la clase
        ``Tanh`` en lugar del objeto ``Tanh()``).
    ValueError
        Si el nombre no corresponde a ninguna activación conocida.
    """
    return v.nombre_u_objeto("activacion", activacion, ACTIVACIONES, Activacion, femenino=True)
