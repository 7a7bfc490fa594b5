"""Comprobar la retropropagación con diferencias finitas, y medir cuánto cuesta cada método.

La retropropagación de :class:`codigo.red.Red` calcula el gradiente del costo cuadrático
sumado sobre un mini-lote,

    C(w, b) = ½ Σ_x ‖y(x) − a(x)‖²,

en una sola pasada hacia adelante y otra hacia atrás. Las diferencias finitas centradas
estiman cada derivada parcial por separado,

    ∂C/∂p ≈ (C(p + ε) − C(p − ε)) / (2ε),

lo que exige dos pasadas hacia adelante **por parámetro**. Son lentas pero casi imposibles
de programar mal: por eso sirven de juez independiente de la retropropagación.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from codigo import validacion as v
from codigo.red import Red


def costo(red: Red, x: np.ndarray, y: np.ndarray) -> float:
    """Costo cuadrático ½ Σ ‖y − a‖² sumado sobre las filas de ``x``, acumulado en float64."""
    a = red.prealimentar(x).astype(np.float64)
    return 0.5 * float(np.sum((a - y) ** 2))


def gradiente_numerico(red: Red, x: np.ndarray, y: np.ndarray, eps: float = 1e-5) -> tuple[list, list]:
    """Estima ``(nabla_b, nabla_w)`` con diferencias finitas centradas, parámetro por parámetro.

    Cada parámetro se perturba en ``±eps`` en su sitio y luego se restaura, de modo que la
    red queda exactamente como estaba. Devuelve arreglos float64 con las formas de ``b`` y ``w``.
    """
    eps = v.real_positivo("eps", eps)
    x = v.lote_de_entradas("x", x, red.tamanos[0])
    y = v.salidas_deseadas("y", y, len(x), red.tamanos[-1])
    resultado: list[list[np.ndarray]] = [[], []]
    for lista, parametros in zip(resultado, (red.b, red.w)):
        for p in parametros:
            g = np.zeros(p.shape, dtype=np.float64)
            plano, g_plano = p.reshape(-1), g.reshape(-1)  # vistas: modificar plano modifica p
            for i in range(plano.size):
                original = plano[i]
                try:
                    plano[i] = original + eps
                    c_mas = costo(red, x, y)
                    plano[i] = original - eps
                    c_menos = costo(red, x, y)
                finally:
                    plano[i] = original  # pase lo que pase, la red queda como estaba
                g_plano[i] = (c_mas - c_menos) / (2 * eps)
            lista.append(g)
    return resultado[0], resultado[1]


def error_relativo(a: np.ndarray, b: np.ndarray) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖): 0 si coinciden; tiende a 1 si no se parecen en nada."""
    norma = float(np.linalg.norm(a) + np.linalg.norm(b))
    return float(np.linalg.norm(np.asarray(a, np.float64) - b)) / norma if norma > 0 else 0.0


def comparar(red: Red, x: np.ndarray, y: np.ndarray, eps: float = 1e-5) -> list[dict[str, Any]]:
    """Error relativo entre retropropagación y diferencias finitas, capa por capa.

    Devuelve una lista con un diccionario por capa (``capa`` = 2, 3, …, como en el texto):
    ``error_w``, ``error_b`` y el número de parámetros de la capa.
    """
    nb, nw = red.retropropagacion(x, y)
    nb_num, nw_num = gradiente_numerico(red, x, y, eps)
    return [
        {"capa": l + 2, "error_w": error_relativo(nw[l], nw_num[l]),
         "error_b": error_relativo(nb[l], nb_num[l]), "parametros": nw[l].size + nb[l].size}
        for l in range(len(nw))
    ]


def numero_de_parametros(tamanos: list[int]) -> int:
    """Pesos más sesgos de una red con esas capas."""
    return sum(n * (k + 1) for k, n in zip(tamanos[:-1], tamanos[1:]))


def medir_tiempos(tamanos: list[int], x: np.ndarray, y: np.ndarray, semilla: int = 0,
                  repeticiones: int = 5) -> dict[str, Any]:
    """Segundos que tarda el gradiente completo con cada método, para una red de esas capas.

    Las diferencias finitas se miden una vez (son lentas y su tiempo apenas varía); la
    retropropagación, ``repeticiones`` veces, y se toma el mínimo. Se usa float64.
    """
    red = Red(tamanos, semilla=semilla, dtype=np.float64)
    x = x.astype(np.float64)
    inicio = time.perf_counter()
    gradiente_numerico(red, x, y)
    t_numerico = time.perf_counter() - inicio
    tiempos = []
    for _ in range(v.entero_positivo("repeticiones", repeticiones)):
        inicio = time.perf_counter()
        red.retropropagacion(x, y)
        tiempos.append(time.perf_counter() - inicio)
    return {"tamanos": list(tamanos), "parametros": numero_de_parametros(tamanos),
            "segundos_numerico": t_numerico, "segundos_retropropagacion": min(tiempos),
            "cociente": t_numerico / min(tiempos)}
