"""Comprobaciones de entrada en la frontera pública del paquete.

Cada función devuelve el valor ya comprobado (y convertido cuando hace falta) o lanza
``TypeError``/``ValueError`` con un mensaje en español que nombra el argumento, lo que
recibió y lo que se espera. Nada se transmite (*broadcast*) ni se recorta en silencio.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import TypeVar

import numpy as np


_T = TypeVar("_T")


def miles(n: int) -> str:
    """Un entero con espacio fino entre grupos de tres cifras, para los mensajes: «50 000»."""
    return f"{int(n):,}".replace(",", "\u2009")


def _con_tipo(valor: object) -> str:
    """El valor tal como se escribe en Python y su tipo: «2.5 (de tipo float)»."""
    return f"{valor!r} (de tipo {type(valor).__name__})"


def _describir(valor: object) -> str:
    if isinstance(valor, np.ndarray):
        return f"un arreglo de forma {valor.shape} y tipo {valor.dtype}"
    return _con_tipo(valor)


def entero_positivo(nombre: str, valor: object) -> int:
    """Un entero (no booleano) mayor que cero."""
    if isinstance(valor, bool) or not isinstance(valor, numbers.Integral):
        raise TypeError(f"«{nombre}» debe ser un entero positivo; se recibió {_describir(valor)}.")
    if valor <= 0:
        raise ValueError(f"«{nombre}» debe ser un entero positivo; se recibió {valor}.")
    return int(valor)


def entero_no_negativo(nombre: str, valor: object) -> int:
    """Un entero (no booleano) mayor o igual que cero, como una semilla o un número de copias."""
    if isinstance(valor, bool) or not isinstance(valor, numbers.Integral):
        raise TypeError(f"«{nombre}» debe ser un entero ≥ 0; se recibió {_con_tipo(valor)}.")
    if valor < 0:
        raise ValueError(f"«{nombre}» debe ser un entero ≥ 0; se recibió {valor}.")
    return int(valor)


def real_positivo(nombre: str, valor: object) -> float:
    """Un número real finito mayor que cero."""
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real):
        raise TypeError(f"«{nombre}» debe ser un número real positivo; se recibió {_describir(valor)}.")
    if not math.isfinite(valor) or valor <= 0:
        raise ValueError(f"«{nombre}» debe ser un número real positivo y finito; se recibió {valor}.")
    return float(valor)


def real_no_negativo(nombre: str, valor: object) -> float:
    """Un número real finito mayor o igual que cero, como el parámetro de regularización λ."""
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real):
        raise TypeError(f"«{nombre}» debe ser un número real ≥ 0; se recibió {_con_tipo(valor)}.")
    if not np.isfinite(valor) or valor < 0:
        raise ValueError(f"«{nombre}» debe ser un número real ≥ 0 y finito; se recibió {valor}.")
    return float(valor)


def booleano(nombre: str, valor: object) -> bool:
    """``True`` o ``False`` (también los booleanos de NumPy), nada más: ni 0 ni 1 ni textos."""
    if not isinstance(valor, (bool, np.bool_)):
        raise TypeError(f"«{nombre}» debe ser True o False; se recibió {_con_tipo(valor)}.")
    return bool(valor)


def nombre_u_objeto(nombre: str, valor: object, registro: Mapping[str, type[_T]], clase: type[_T],
                    femenino: bool = False) -> _T:
    """Un objeto de ``clase`` dado tal cual o por su nombre en ``registro``.

    Sirve para los argumentos que se eligen por nombre u objeto, como el costo
    (:data:`codigo.costos.COSTOS`) o la activación (:data:`codigo.activaciones.ACTIVACIONES`).

    Parameters
    ----------
    nombre
        Nombre del argumento, para los mensajes (``"costo"``).
    valor
        Un objeto de ``clase`` (se devuelve el mismo) o un nombre de ``registro``.
    registro
        Nombre → subclase de ``clase`` con atributo ``nombre``; se crea un objeto nuevo de
        la subclase sin argumentos.
    clase
        La clase base que deben tener los objetos.
    femenino
        Si el argumento es femenino, para la concordancia del mensaje: «activación
        desconocida», «una de»; si no, «costo desconocido», «uno de».

    Returns
    -------
    object
        El objeto de ``clase`` (el mismo, si ya lo era).

    Raises
    ------
    TypeError
        Si no es ni un nombre ni un objeto de ``clase`` (por ejemplo, una subclase en
        lugar de un objeto suyo).
    ValueError
        Si el nombre no está en ``registro``.
    """
    if isinstance(valor, clase):
        return valor
    opciones = ", ".join(f"«{clave}»" for clave in registro)
    if isinstance(valor, type) and issubclass(valor, clase):
        raise TypeError(
            f"«{nombre}» debe ser un nombre o un objeto; se recibió la clase {valor.__name__}. "
            f"Usa {valor.__name__}() o el nombre «{getattr(valor, 'nombre', '')}»."
        )
    if not isinstance(valor, str):
        raise TypeError(
            f"«{nombre}» debe ser un nombre ({opciones}) o un objeto {clase.__name__}; "
            f"se recibió {_con_tipo(valor)}."
        )
    if valor not in registro:
        o = "a" if femenino else "o"
        raise ValueError(f"«{nombre}» desconocid{o}: «{valor}»; se espera un{o} de {opciones}.")
    return registro[valor]()


def tipo_real(nombre: str, valor: object) -> np.dtype:
    """``np.float32`` o ``np.float64`` (también por nombre, ``"float64"``); ni float16 ni longdouble."""
    try:
        tipo = None if valor is None else np.dtype(valor)  # type: ignore[call-overload]
    except TypeError:
        tipo = None
    if tipo is None or tipo.name not in ("float32", "float64"):
        raise TypeError(f"«{nombre}» debe ser un tipo real (float32 o float64); se recibió {valor!r}.")
    return tipo


def tamanos_de_capas(valor: object) -> tuple[int, ...]:
    """Una lista de al menos dos enteros positivos: neuronas por capa, de entrada a salida."""
    if isinstance(valor, (str, bytes)) or not isinstance(valor, (Sequence, np.ndarray)):
        raise TypeError(
            "«tamanos» debe ser una lista de enteros positivos, como [784, 30, 10]; "
            f"se recibió {_describir(valor)}."
        )
    if len(valor) < 2:
        raise ValueError(
            "«tamanos» necesita al menos dos capas (entrada y salida), como [784, 30, 10]; "
            f"se recibió {list(valor)}."
        )
    return tuple(entero_positivo(f"tamanos[{i}]", n) for i, n in enumerate(valor))


def lote_de_entradas(nombre: str, x: object, n_entrada: int) -> np.ndarray:
    """Un arreglo real 2-D de forma ``(n, n_entrada)``: un ejemplo por fila, sin NaN."""
    if type(x) is not np.ndarray:
        pista = ""
        if isinstance(x, np.ndarray):  # np.matrix, arreglos enmascarados: no se comportan igual
            pista = f" Se recibió la subclase {type(x).__name__}; conviértela con np.asarray(x)."
        raise TypeError(
            f"«{nombre}» debe ser un arreglo de NumPy de forma (n, {n_entrada}); "
            f"se recibió {_describir(x)}.{pista}"
        )
    if x.dtype.kind != "f":
        raise TypeError(
            f"«{nombre}» debe tener tipo real (float32 o float64); se recibió tipo {x.dtype}. "
            "Si son píxeles enteros 0…255, divídelos antes entre 256."
        )
    if x.ndim != 2 or x.shape[1] != n_entrada:
        pista = ""
        if x.ndim == 1 and x.shape[0] == n_entrada:
            pista = f" Para un solo ejemplo usa x.reshape(1, {n_entrada})."
        elif x.ndim == 2 and x.shape[0] == n_entrada:
            pista = " Parece traspuesto: pon un ejemplo por fila (usa x.T)."
        raise ValueError(
            f"«{nombre}» debe tener forma (n, {n_entrada}), un ejemplo por fila; "
            f"se recibió forma {x.shape}.{pista}"
        )
    if x.shape[0] == 0:
        raise ValueError(f"«{nombre}» no tiene ningún ejemplo (forma {x.shape}).")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"«{nombre}» contiene valores NaN o infinitos.")
    return x


def etiquetas(nombre: str, y: object, n: int, n_clases: int) -> np.ndarray:
    """Un arreglo 1-D de ``n`` enteros en ``0 … n_clases − 1``."""
    if not isinstance(y, np.ndarray):
        raise TypeError(
            f"«{nombre}» debe ser un arreglo de NumPy de {n} etiquetas enteras; "
            f"se recibió {_describir(y)}."
        )
    if y.dtype.kind not in "iu":
        raise TypeError(f"«{nombre}» debe contener enteros (0 … {n_clases - 1}); se recibió tipo {y.dtype}.")
    if y.ndim != 1 or y.shape[0] != n:
        raise ValueError(
            f"«{nombre}» debe tener forma ({n},), una etiqueta por ejemplo; se recibió forma {y.shape}."
        )
    if y.size and (y.min() < 0 or y.max() >= n_clases):
        raise ValueError(
            f"«{nombre}» debe contener enteros entre 0 y {n_clases - 1}; "
            f"se encontró el intervalo {int(y.min())} … {int(y.max())}."
        )
    return y


def salidas_deseadas(nombre: str, y: object, n: int, n_salida: int) -> np.ndarray:
    """Un arreglo real de forma ``(n, n_salida)``: la salida deseada de cada ejemplo."""
    if not isinstance(y, np.ndarray) or y.dtype.kind != "f":
        raise TypeError(
            f"«{nombre}» debe ser un arreglo real de forma ({n}, {n_salida}); se recibió {_describir(y)}."
        )
    if y.shape != (n, n_salida):
        raise ValueError(f"«{nombre}» debe tener forma ({n}, {n_salida}); se recibió forma {y.shape}.")
    return y


def mini_lote(x: object, y: object, n_entrada: int, n_salida: int) -> None:
    """Comprobación barata de un mini-lote: ``x`` real (m, n_entrada) e ``y`` real (m, n_salida).

    Pensada para el bucle de entrenamiento, que la llama miles de veces: solo mira tipos y
    formas (no recorre los datos buscando NaN; eso lo hace :func:`lote_de_entradas` una vez
    por época). Si algo falla, da el mismo mensaje detallado que las demás comprobaciones.
    """
    if (type(x) is np.ndarray and type(y) is np.ndarray and x.dtype.kind == "f"
            and y.dtype.kind == "f" and x.ndim == 2 and x.shape[0] > 0 and x.shape[1] == n_entrada
            and y.shape == (x.shape[0], n_salida)):
        return
    lote_de_entradas("x", x, n_entrada)
    salidas_deseadas("y", y, len(x), n_salida)  # type: ignore[arg-type]


def tam_mini_lote(valor: object, n: int) -> int:
    """Un entero positivo que no pase de ``n``, el número de ejemplos de entrenamiento."""
    valor = entero_positivo("tam_mini_lote", valor)
    if valor > n:
        raise ValueError(
            f"«tam_mini_lote» = {valor} es mayor que el número de ejemplos de entrenamiento ({n}); "
            f"se espera un entero entre 1 y {n}."
        )
    return valor


def par_de_datos(nombre: str, datos: object, n_entrada: int, n_clases: int) -> tuple[np.ndarray, np.ndarray]:
    """Un par ``(x, y)`` (tupla, lista o :class:`codigo.datos.Particion`) de entradas y etiquetas.

    Devuelve ``x`` comprobado con :func:`lote_de_entradas` e ``y`` con :func:`etiquetas`.
    """
    if isinstance(datos, (str, bytes)) or not isinstance(datos, (tuple, list)) or len(datos) != 2:
        largo = f" de largo {len(datos)}" if isinstance(datos, (tuple, list)) else ""
        raise TypeError(f"«{nombre}» debe ser un par (x, y) de entradas y etiquetas; "
                        f"se recibió un {type(datos).__name__}{largo}.")
    x = lote_de_entradas(f"{nombre}[0]", datos[0], n_entrada)
    return x, etiquetas(f"{nombre}[1]", datos[1], len(x), n_clases)


def funcion_o_none(nombre: str, valor: _T) -> _T:
    """Algo que se pueda llamar (una función) o ``None``."""
    if valor is not None and not callable(valor):
        raise TypeError(f"«{nombre}» debe ser una función o None; se recibió {_con_tipo(valor)}.")
    return valor


def etiquetas_en_rango(nombre: str, y: np.ndarray, n_clases: int) -> None:
    """Comprobación barata (min y max) de que las etiquetas enteras están en ``0 … n_clases − 1``.

    Sin ella, una etiqueta −1 tomaría en silencio la última clase al indexar.
    """
    menor, mayor = int(y.min()), int(y.max())
    if menor < 0 or mayor >= n_clases:
        raise ValueError(
            f"«{nombre}» debe contener enteros entre 0 y {n_clases - 1}; "
            f"se encontró el intervalo {menor} … {mayor}."
        )
