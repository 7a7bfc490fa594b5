"""La red del capítulo 1: neuronas sigmoides, costo cuadrático y SGD por mini-lotes.

Convenciones: un ejemplo por fila. Un mini-lote ``x`` tiene forma (m, n_entrada);
``w[l]`` tiene forma (n_salida, n_entrada) y ``b[l]`` forma (n_salida,), de modo que
la entrada ponderada de una capa es ``z = a @ w.T + b``.
"""

from __future__ import annotations

import time

import numpy as np

from codigo import validacion as v


def sigmoide(z: np.ndarray) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), escrita como (1 + tanh(z/2)) / 2 para que nunca desborde."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def sigmoide_prima(z: np.ndarray) -> np.ndarray:
    """Derivada de la sigmoide: σ'(z) = σ(z) (1 − σ(z))."""
    s = sigmoide(z)
    return s * (1.0 - s)


class Red:
    """Una red prealimentada de neuronas sigmoides.

    Parameters
    ----------
    tamanos
        Neuronas por capa, de la entrada a la salida; por ejemplo ``[784, 30, 10]``.
    semilla
        Semilla del generador de NumPy que inicializa los pesos y baraja los datos.
    dtype
        Tipo real de pesos y cálculos. Por omisión ``np.float32``, el tipo de los
        píxeles de MNIST: basta para entrenar y es casi el doble de rápido que ``np.float64``.
    """

    def __init__(self, tamanos: list[int], semilla: int = 0, dtype: type = np.float32) -> None:
        self.tamanos = v.tamanos_de_capas(tamanos)
        self.rng = np.random.default_rng(v.entero_no_negativo("semilla", semilla))
        self.dtype = v.tipo_real("dtype", dtype)
        # Pesos y sesgos iniciales con distribución normal N(0, 1).
        self.b = [self.rng.standard_normal(n).astype(self.dtype) for n in self.tamanos[1:]]
        self.w = [self.rng.standard_normal((n, k)).astype(self.dtype)
                  for k, n in zip(self.tamanos[:-1], self.tamanos[1:])]

    def prealimentar(self, a: np.ndarray) -> np.ndarray:
        """Salida de la red para las entradas ``a`` (forma (n, n_entrada))."""
        a = v.lote_de_entradas("a", a, self.tamanos[0])
        for b, w in zip(self.b, self.w):
            a = sigmoide(a @ w.T + b)
        return a

    def sgd(self, x: np.ndarray, y: np.ndarray, epocas: int, tam_mini_lote: int,
            eta: float, datos_prueba: tuple[np.ndarray, np.ndarray] | None = None,
            al_terminar_epoca=None) -> dict[str, list]:
        """Entrena con descenso de gradiente estocástico y devuelve el historial.

        ``x`` tiene forma (n, n_entrada) e ``y`` son las etiquetas enteras (n,).
        En cada época se barajan los datos, se parten en mini-lotes de ``tam_mini_lote``
        ejemplos y se da un paso de gradiente por mini-lote. Si hay ``datos_prueba``
        ``(x, y)``, se evalúa la red al final de cada época. ``al_terminar_epoca``, si se
        da, se llama con el registro de cada época (sirve para mostrar el progreso).

        Devuelve un diccionario de listas, una entrada por época: ``segundos`` (tiempo
        de entrenamiento de la época) y, con datos de prueba, ``aciertos`` y ``exactitud``.
        """
        n_salida = self.tamanos[-1]
        x = v.lote_de_entradas("x", x, self.tamanos[0])
        y = v.etiquetas("y", y, len(x), n_salida)
        epocas = v.entero_positivo("epocas", epocas)
        tam_mini_lote = v.tam_mini_lote(tam_mini_lote, len(x))
        eta = v.real_positivo("eta", eta)
        if datos_prueba is not None:
            x_p, y_p = v.par_de_datos("datos_prueba", datos_prueba, self.tamanos[0], n_salida)
        al_terminar_epoca = v.funcion_o_none("al_terminar_epoca", al_terminar_epoca)
        x = x.astype(self.dtype, copy=False)
        salidas = np.eye(n_salida, dtype=self.dtype)[y]  # etiqueta 3 → (0,0,0,1,0,…)
        historial: dict[str, list] = {"segundos": [], "aciertos": [], "exactitud": []}
        for _ in range(epocas):
            inicio = time.perf_counter()
            orden = self.rng.permutation(len(x))
            for k in range(0, len(x), tam_mini_lote):
                lote = orden[k:k + tam_mini_lote]
                self.actualizar_mini_lote(x[lote], salidas[lote], eta)
            historial["segundos"].append(time.perf_counter() - inicio)
            if datos_prueba is not None:
                aciertos = self.evaluar(x_p, y_p)
                historial["aciertos"].append(aciertos)
                historial["exactitud"].append(aciertos / len(x_p))
            if al_terminar_epoca is not None:
                al_terminar_epoca({clave: valores[-1] for clave, valores in historial.items() if valores})
        return historial

    def actualizar_mini_lote(self, x: np.ndarray, y: np.ndarray, eta: float) -> None:
        """Un paso de gradiente con el mini-lote ``(x, y)`` de m ejemplos (``y`` one-hot).

        w → w − (η/m) Σ_x ∂C_x/∂w, e igual con b; el factor η/m ya viene en los nabla.
        """
        eta = v.real_positivo("eta", eta)
        nabla_b, nabla_w = self.retropropagacion(x, y, escala=eta / len(x))
        for w, b, nw, nb in zip(self.w, self.b, nabla_w, nabla_b):
            w -= nw
            b -= nb

    def retropropagacion(self, x: np.ndarray, y: np.ndarray, escala: float = 1.0) -> tuple[list, list]:
        """Gradiente del costo cuadrático, sumado sobre los ejemplos del mini-lote.

        Devuelve ``(nabla_b, nabla_w)``, con las formas de ``b`` y ``w``: ``escala`` por la suma
        sobre las filas de ``x`` de ∂C_x/∂b y ∂C_x/∂w, con C_x = ‖y − a‖² / 2. Todo el mini-lote
        avanza y retrocede a la vez, como una matriz. Los gradientes son lineales en el δ de
        salida: escalar ese δ (m × 10) es más barato que escalar luego las matrices de pesos.
        """
        v.mini_lote(x, y, self.tamanos[0], self.tamanos[-1])
        activaciones = [x]  # capa por capa; cada una de forma (m, n_l)
        for b, w in zip(self.b, self.w):
            activaciones.append(sigmoide(activaciones[-1] @ w.T + b))
        a = activaciones[-1]
        delta = escala * (a - y) * a * (1.0 - a)  # ∇_a C ⊙ σ'(z) en la salida; σ' = a(1 − a)
        nabla_b, nabla_w = [delta.sum(axis=0)], [delta.T @ activaciones[-2]]
        for l in range(2, len(self.tamanos)):
            a = activaciones[-l]
            delta = (delta @ self.w[-l + 1]) * a * (1.0 - a)
            nabla_b.insert(0, delta.sum(axis=0))
            nabla_w.insert(0, delta.T @ activaciones[-l - 1])
        return nabla_b, nabla_w

    def evaluar(self, x: np.ndarray, y: np.ndarray) -> int:
        """Cuántas imágenes de ``x`` clasifica bien la red (la neurona de salida más activa)."""
        x = v.lote_de_entradas("x", x, self.tamanos[0])
        y = v.etiquetas("y", y, len(x), self.tamanos[-1])
        return int(np.sum(np.argmax(self.prealimentar(x), axis=1) == y))
