"""Expandir artificialmente los datos de entrenamiento: imágenes desplazadas y rotadas.

Un «7» movido un píxel a la derecha, o girado unos grados, sigue siendo un «7». Así se
fabrican ejemplos nuevos con la etiqueta de los viejos, y la red aprende que esas
pequeñas deformaciones no cambian el dígito.

Todas las funciones aceptan imágenes cuadradas como filas de píxeles, de forma
(n, lado²) como las de :func:`codigo.datos.cargar_mnist`, o como arreglos (n, lado, lado),
y devuelven la misma forma y el mismo tipo. Trabajan sobre todas las imágenes a la vez,
sin bucles por imagen, y por bloques de ``tam_bloque`` imágenes: además de la salida, la
memoria extra es la de un bloque (unos 60 kB por imagen de 28 × 28 al rotar, unos 30 MB
con el bloque de 500 imágenes por omisión), nunca otra copia del conjunto entero.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np

from codigo import validacion as v

DESPLAZAMIENTOS = ((-1, 0), (1, 0), (0, -1), (0, 1))
"""Los desplazamientos ``(dy, dx)`` de un píxel de :func:`expandir`: arriba, abajo, izquierda, derecha."""


def desplazar(x: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Desplaza cada imagen ``dy`` píxeles hacia abajo y ``dx`` hacia la derecha.

    Los píxeles que salen por un borde se pierden y los que entran por el opuesto son 0
    (fondo). Valores negativos desplazan hacia arriba o hacia la izquierda.

    Parameters
    ----------
    x
        Imágenes de forma (n, lado²) o (n, lado, lado), de tipo real.
    dy, dx
        Enteros con ``|dy|, |dx| < lado``.

    Returns
    -------
    numpy.ndarray
        Las imágenes desplazadas, con la forma y el tipo de ``x``.
    """
    imagenes = _imagenes("x", x)
    lado = imagenes.shape[1]
    dy, dx = _entero_acotado("dy", dy, lado), _entero_acotado("dx", dx, lado)
    salida = np.empty_like(imagenes)
    _desplazar_en(imagenes, dy, dx, salida)
    return salida.reshape(x.shape)


def rotar(x: np.ndarray, grados: float | np.ndarray, tam_bloque: int = 500) -> np.ndarray:
    """Rota cada imagen alrededor de su centro, en sentido antihorario, con interpolación bilineal.

    Cada píxel de la imagen rotada toma el valor del punto de la imagen original que cae
    en su lugar al deshacer la rotación; como ese punto suele caer entre cuatro píxeles,
    se promedian los cuatro con pesos según la cercanía (interpolación bilineal). Lo que
    viene de fuera de la imagen es 0 (fondo).

    Parameters
    ----------
    x
        Imágenes de forma (n, lado²) o (n, lado, lado), de tipo real.
    grados
        Un ángulo para todas las imágenes, o un arreglo (n,) con un ángulo por imagen.
        Positivo: sentido antihorario.
    tam_bloque
        Imágenes que se procesan a la vez (solo cambia la memoria usada, no el resultado).

    Returns
    -------
    numpy.ndarray
        Las imágenes rotadas, con la forma y el tipo de ``x``.
    """
    imagenes = _imagenes("x", x)
    tam_bloque = v.entero_positivo("tam_bloque", tam_bloque)
    grados = _angulos("grados", grados, len(imagenes))
    salida = np.empty_like(imagenes)
    for k in range(0, len(imagenes), tam_bloque):
        bloque = slice(k, k + tam_bloque)
        _rotar_en(imagenes[bloque], grados if grados.size == 1 else grados[bloque], salida[bloque])
    return salida.reshape(x.shape)


def expandir(x: np.ndarray, y: np.ndarray, desplazamientos: bool = True,
             angulos: Iterable[float] = (), rotaciones_al_azar: int = 0, max_grados: float = 15.0,
             semilla: int = 0, tam_bloque: int = 500) -> tuple[np.ndarray, np.ndarray]:
    """Los datos originales más copias desplazadas y rotadas, con sus mismas etiquetas.

    El resultado tiene, en este orden, bloques de n imágenes: las originales; si
    ``desplazamientos``, las desplazadas un píxel arriba, abajo, a la izquierda y a la
    derecha (:data:`DESPLAZAMIENTOS`); una copia rotada por cada ángulo de ``angulos``; y
    ``rotaciones_al_azar`` copias en las que cada imagen gira un ángulo al azar, uniforme
    entre ``−max_grados`` y ``max_grados``. La imagen i de la copia j está en la fila
    ``j·n + i``; su etiqueta es ``y[i]``.

    Parameters
    ----------
    x, y
        Imágenes (n, lado²) o (n, lado, lado) y sus etiquetas enteras (n,).
    desplazamientos
        Si se añaden las cuatro copias desplazadas un píxel.
    angulos
        Ángulos fijos, en grados, de las copias rotadas (por ejemplo ``(-10, 10)``).
    rotaciones_al_azar
        Cuántas copias con ángulos al azar se añaden.
    max_grados
        Ángulo máximo de las rotaciones al azar.
    semilla
        Semilla del generador de esos ángulos: la misma semilla da la misma expansión.
    tam_bloque
        Imágenes que se procesan a la vez (solo cambia la memoria usada, no el resultado).

    Returns
    -------
    tuple[numpy.ndarray, numpy.ndarray]
        ``(x_expandido, y_expandido)``, con k·n ejemplos, donde k es el número de copias
        (contando las originales). La memoria es la de la salida más unos pocos bloques.
    """
    imagenes = _imagenes("x", x)
    n = len(imagenes)
    y = _etiquetas_enteras("y", y, n)
    desplazamientos = v.booleano("desplazamientos", desplazamientos)
    angulos = [_real_finito(f"angulos[{i}]", a) for i, a in enumerate(_lista("angulos", angulos))]
    rotaciones_al_azar = v.entero_no_negativo("rotaciones_al_azar", rotaciones_al_azar)
    max_grados = _real_finito("max_grados", max_grados)
    if max_grados < 0:
        raise ValueError(f"«max_grados» debe ser ≥ 0; se recibió {max_grados}.")
    rng = np.random.default_rng(v.entero_no_negativo("semilla", semilla))
    tam_bloque = v.entero_positivo("tam_bloque", tam_bloque)

    copias = 1 + 4 * desplazamientos + len(angulos) + rotaciones_al_azar
    salida = np.empty((copias * n,) + imagenes.shape[1:], dtype=imagenes.dtype)
    destinos = iter(salida[j * n:(j + 1) * n] for j in range(copias))
    next(destinos)[...] = imagenes
    if desplazamientos:
        for dy, dx in DESPLAZAMIENTOS:
            _desplazar_en(imagenes, dy, dx, next(destinos))  # sin temporales: copia por rebanadas
    giros = [np.full(1, a) for a in angulos]
    giros += [rng.uniform(-max_grados, max_grados, size=n) for _ in range(rotaciones_al_azar)]
    for grados in giros:
        destino = next(destinos)
        for k in range(0, n, tam_bloque):
            bloque = slice(k, k + tam_bloque)
            _rotar_en(imagenes[bloque], grados if grados.size == 1 else grados[bloque], destino[bloque])
    return salida.reshape((copias * n,) + x.shape[1:]), np.tile(y, copias)


# --------------------------------------------------------------------- el trabajo

def _desplazar_en(imagenes: np.ndarray, dy: int, dx: int, destino: np.ndarray) -> None:
    """Escribe en ``destino`` (n, lado, lado) las imágenes desplazadas (dy, dx), rellenando con 0."""
    lado = imagenes.shape[1]
    destino[...] = 0
    destino[:, max(dy, 0):lado + min(dy, 0), max(dx, 0):lado + min(dx, 0)] = \
        imagenes[:, max(-dy, 0):lado - max(dy, 0), max(-dx, 0):lado - max(dx, 0)]


def _rotar_en(imagenes: np.ndarray, grados: np.ndarray, destino: np.ndarray) -> None:
    """Escribe en ``destino`` las ``imagenes`` (m, lado, lado) rotadas ``grados`` (forma (1,) o (m,))."""
    m, lado = imagenes.shape[0], imagenes.shape[1]
    centro = (lado - 1) / 2
    # Un marco de ceros alrededor: girar no aleja un punto del centro, así que ningún punto
    # de origen (ni sus cuatro vecinos) cae fuera del marco y no hace falta comprobar bordes.
    margen = math.ceil(centro * (math.sqrt(2) - 1)) + 2
    ancho = lado + 2 * margen
    enmarcadas = np.zeros((m, ancho, ancho), dtype=imagenes.dtype)
    enmarcadas[:, margen:margen + lado, margen:margen + lado] = imagenes
    # Coordenadas de cada píxel de salida respecto del centro, con el eje vertical hacia arriba.
    fila, columna = np.mgrid[0:lado, 0:lado]
    u, v = columna - centro, centro - fila
    # El punto de la imagen original que la rotación lleva a (u, v) se obtiene girando −θ:
    # (u cos θ + v sen θ, −u sen θ + v cos θ); en filas y columnas del marco, con forma (1 o m, lado, lado):
    theta = np.deg2rad(grados)[:, None, None]
    cos, sen = np.cos(theta), np.sin(theta)
    fila_origen = (centro + margen) + sen * u - cos * v
    columna_origen = (centro + margen) + cos * u + sen * v
    # Son positivas (por el marco), así que truncar a entero es redondear hacia abajo.
    f0, c0 = fila_origen.astype(np.intp), columna_origen.astype(np.intp)
    tf = (fila_origen - f0).astype(imagenes.dtype)  # en [0, 1): cuánto se aleja de la fila f0
    tc = (columna_origen - c0).astype(imagenes.dtype)
    # Índice del vecino de arriba a la izquierda en las imágenes enmarcadas, puestas una tras otra.
    k = f0 * ancho + c0 + (np.arange(m) * ancho * ancho)[:, None, None]
    p = enmarcadas.reshape(-1)
    destino[...] = ((1 - tf) * ((1 - tc) * p[k] + tc * p[k + 1])
                    + tf * ((1 - tc) * p[k + ancho] + tc * p[k + ancho + 1]))


# --------------------------------------------------------------------- validación

def _imagenes(nombre: str, x: object) -> np.ndarray:
    """Las imágenes de ``x`` como arreglo (n, lado, lado) (una vista, sin copiar)."""
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        tipo = (f"un arreglo de forma {x.shape} y tipo {x.dtype}" if isinstance(x, np.ndarray)
                else type(x).__name__)
        raise TypeError(f"«{nombre}» debe ser un arreglo real de imágenes, de forma (n, 784) o "
                        f"(n, 28, 28); se recibió {tipo}.")
    lado = math.isqrt(x.shape[1]) if x.ndim == 2 else (x.shape[1] if x.ndim == 3 else 0)
    if not ((x.ndim == 2 and lado * lado == x.shape[1] and lado > 0)
            or (x.ndim == 3 and x.shape[1] == x.shape[2] and lado > 0)):
        raise ValueError(f"«{nombre}» debe tener forma (n, lado²) o (n, lado, lado), imágenes "
                         f"cuadradas como (n, 784) o (n, 28, 28); se recibió forma {x.shape}.")
    if x.shape[0] == 0:
        raise ValueError(f"«{nombre}» no tiene ninguna imagen (forma {x.shape}).")
    if not (np.isfinite(x.min()) and np.isfinite(x.max())):  # sin crear otro arreglo del tamaño de x
        raise ValueError(f"«{nombre}» contiene valores NaN o infinitos.")
    return x.reshape(x.shape[0], lado, lado)


def _etiquetas_enteras(nombre: str, y: object, n: int) -> np.ndarray:
    """Un arreglo 1-D de ``n`` enteros."""
    if not isinstance(y, np.ndarray) or y.dtype.kind not in "iu":
        raise TypeError(f"«{nombre}» debe ser un arreglo de {n} etiquetas enteras; se recibió "
                        f"{f'tipo {y.dtype}' if isinstance(y, np.ndarray) else type(y).__name__}.")
    if y.shape != (n,):
        raise ValueError(f"«{nombre}» debe tener forma ({n},), una etiqueta por imagen; "
                         f"se recibió forma {y.shape}.")
    return y


def _entero_acotado(nombre: str, valor: object, lado: int) -> int:
    """Un entero con valor absoluto menor que ``lado``."""
    if isinstance(valor, bool) or not isinstance(valor, numbers.Integral):
        raise TypeError(f"«{nombre}» debe ser un entero (píxeles); se recibió {valor!r}.")
    if abs(valor) >= lado:
        raise ValueError(f"«{nombre}» debe estar entre {-(lado - 1)} y {lado - 1} (la imagen mide "
                         f"{lado} píxeles); se recibió {valor}.")
    return int(valor)


def _real_finito(nombre: str, valor: object) -> float:
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real):
        raise TypeError(f"«{nombre}» debe ser un número real (grados); se recibió {valor!r}.")
    if not math.isfinite(valor):
        raise ValueError(f"«{nombre}» debe ser un número finito; se recibió {valor}.")
    return float(valor)


def _lista(nombre: str, valor: object) -> list:
    if isinstance(valor, (str, bytes)) or not isinstance(valor, Iterable):
        raise TypeError(f"«{nombre}» debe ser una lista de ángulos en grados, como (-10, 10); "
                        f"se recibió {valor!r}.")
    return list(valor)


def _angulos(nombre: str, grados: object, n: int) -> np.ndarray:
    """Un ángulo (forma (1,)) o un arreglo de ``n`` ángulos finitos, en float64."""
    if isinstance(grados, np.ndarray) and grados.ndim > 0:
        if grados.dtype.kind not in "iuf" or grados.shape != (n,):
            raise ValueError(f"«{nombre}» debe ser un número o un arreglo de forma ({n},), un ángulo "
                             f"por imagen; se recibió forma {grados.shape} y tipo {grados.dtype}.")
        if not np.all(np.isfinite(grados)):
            raise ValueError(f"«{nombre}» contiene valores NaN o infinitos.")
        return grados.astype(np.float64)
    return np.full(1, _real_finito(nombre, grados.item() if isinstance(grados, np.ndarray) else grados))
