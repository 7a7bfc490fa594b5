"""Funciones de costo: cuadrático, entropía cruzada y log-verosimilitud con salida softmax.

Cada costo es un objeto pequeño dueño de tres cosas sobre la capa de salida:

- ``salida(z)``: la activación de las neuronas de salida (sigmoide o softmax);
- ``valor(a, y)``: el costo, sumado sobre los ejemplos (uno por fila);
- ``delta(z, a, y)``: el error de salida δᴸ = ∂C_x/∂zᴸ de cada ejemplo.

Así, cambiar el costo cuadrático por la entropía cruzada cambia un argumento, no la
retropropagación. Aquí ``y`` es la salida deseada, del mismo tamaño que ``a`` (para MNIST,
el vector con un 1 en el lugar del dígito correcto); la red convierte sola sus etiquetas
enteras en esos vectores. Los costos se eligen por nombre (``"cuadratico"``,
``"entropia_cruzada"``, ``"log_verosimilitud"``) con :func:`obtener_costo`, y por ese
nombre se guardan en JSON.
"""

from __future__ import annotations

import numpy as np

from codigo import validacion as v
from codigo.activaciones import Sigmoide

_sigmoide = Sigmoide()


def softmax(z: np.ndarray) -> np.ndarray:
    """La función softmax de cada fila: a_j = e^(z_j) / Σ_k e^(z_k).

    Se resta antes el máximo de cada fila, lo que no cambia el resultado (numerador y
    denominador se multiplican por el mismo e^(−máx)) pero evita que ``exp`` desborde:
    el mayor exponente es 0.
    """
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _x_ln_y(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x · ln y elemento a elemento, con 0 · ln y = 0 aunque y sea 0 (el límite de x ln x)."""
    hay_x = x != 0
    with np.errstate(divide="ignore"):  # ln 0 = −∞ solo donde x ≠ 0: el costo es infinito de verdad
        return np.where(hay_x, x * np.log(np.where(hay_x, y, 1.0)), 0.0)


def _comprobar_formas(a: np.ndarray, y: np.ndarray) -> None:
    """Nada de transmitir (*broadcast*) en silencio: ``a`` e ``y`` deben tener la misma forma."""
    if a.shape != y.shape:
        raise ValueError(
            f"«a» e «y» deben tener la misma forma (un ejemplo por fila); "
            f"se recibieron las formas {a.shape} y {y.shape}."
        )


class Costo:
    """Una función de costo C = Σ_x C_x, con la activación de salida que le corresponde."""

    nombre: str = ""

    def salida(self, z: np.ndarray) -> np.ndarray:
        """La activación ``aᴸ`` de la capa de salida a partir de su entrada ponderada ``zᴸ``."""
        return _sigmoide(z)

    def valor(self, a: np.ndarray, y: np.ndarray) -> float:
        """El costo Σ_x C_x de las salidas ``a`` frente a las deseadas ``y``, sumado en float64."""
        raise NotImplementedError

    def delta(self, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        """El error de salida δᴸ = ∂C_x/∂zᴸ de cada ejemplo, de la forma de ``a``."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Cuadratico(Costo):
    """Costo cuadrático C_x = ½ ‖y − a‖², con neuronas de salida sigmoides.

    Su error de salida δᴸ = (a − y) ⊙ σ'(zᴸ) lleva el factor σ'(z), casi nulo cuando la
    neurona está saturada (a cerca de 0 o de 1): por eso aprende despacio justo cuando
    más se equivoca.
    """

    nombre = "cuadratico"

    def valor(self, a: np.ndarray, y: np.ndarray) -> float:
        a, y = np.asarray(a, np.float64), np.asarray(y, np.float64)
        _comprobar_formas(a, y)
        diferencia = a - y
        return 0.5 * float(np.sum(diferencia * diferencia))

    def delta(self, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        _comprobar_formas(a, y)
        return (a - y) * _sigmoide.prima(z)


class EntropiaCruzada(Costo):
    """Entropía cruzada C_x = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)], salidas sigmoides.

    Con neuronas de salida sigmoides, σ'(z) se cancela y el error de salida es
    simplemente δᴸ = a − y: cuanto mayor el error, más rápido aprende la neurona.

    El valor es finito y exacto cuando ``a = y`` vale exactamente 0 o 1 (se toma
    0 · ln 0 = 0, su límite, sin calcular nunca ln 0); solo es infinito cuando una salida
    vale exactamente lo contrario de la deseada, que es su valor verdadero.
    """

    nombre = "entropia_cruzada"

    def valor(self, a: np.ndarray, y: np.ndarray) -> float:
        a, y = np.asarray(a, np.float64), np.asarray(y, np.float64)
        _comprobar_formas(a, y)
        return -float(np.sum(_x_ln_y(y, a) + _x_ln_y(1.0 - y, 1.0 - a)))

    def delta(self, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        _comprobar_formas(a, y)
        return a - y


class LogVerosimilitud(Costo):
    """Log-verosimilitud C_x = −ln a_y con capa de salida softmax.

    ``a`` es la distribución de probabilidad que da la softmax sobre las clases y a_y la
    probabilidad de la clase correcta; con ``y`` como vector de un solo 1, C_x = −Σ_j y_j ln a_j.
    Como con la entropía cruzada y las sigmoides, el error de salida es δᴸ = a − y.
    """

    nombre = "log_verosimilitud"

    def salida(self, z: np.ndarray) -> np.ndarray:
        return softmax(z)

    def valor(self, a: np.ndarray, y: np.ndarray) -> float:
        a, y = np.asarray(a, np.float64), np.asarray(y, np.float64)
        _comprobar_formas(a, y)
        return -float(np.sum(_x_ln_y(y, a)))

    def delta(self, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> np.ndarray:
        _comprobar_formas(a, y)
        return a - y


COSTOS: dict[str, type[Costo]] = {
    clase.nombre: clase for clase in (Cuadratico, EntropiaCruzada, LogVerosimilitud)
}
"""Los costos disponibles, por nombre."""


def obtener_costo(costo: str | Costo) -> Costo:
    """El costo pedido, dado por nombre u objeto.

    Parameters
    ----------
    costo
        ``"cuadratico"``, ``"entropia_cruzada"`` o ``"log_verosimilitud"``, o un objeto
        :class:`Costo`.

    Returns
    -------
    Costo
        El objeto correspondiente (el mismo, si ya lo era).

    Raises
    ------
    TypeError
        Si no es ni un nombre ni un objeto :class:`Costo` (por ejemplo, la clase
        ``EntropiaCruzada`` en lugar del objeto ``EntropiaCruzada()``).
    ValueError
        Si el nombre no corresponde a ningún costo conocido.
    """
    return v.nombre_u_objeto("costo", costo, COSTOS, Costo)
