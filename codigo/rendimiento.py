"""¿Cuánto se gana al procesar el mini-lote como una matriz?

:class:`RedBucle` es una implementación de referencia de la misma red que
:class:`codigo.red.Red` (neuronas sigmoides, costo cuadrático, SGD por mini-lotes), con la
misma inicialización y el mismo barajado para una misma semilla, pero escrita «a la
antigua»: cada ejemplo es un vector columna y un bucle de Python recorre los ejemplos del
mini-lote de uno en uno, sumando sus gradientes. :func:`medir` cronometra una época de cada
una sobre las 50 000 imágenes de entrenamiento y :func:`comparar_gradientes` comprueba
antes que las dos calculan el mismo gradiente.

Las dos usan el mismo tipo real (``float32`` por omisión): así la comparación mide solo la
forma de organizar el cálculo, no la precisión de los números.
"""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Callable
from typing import Any

import numpy as np

from codigo import validacion as v
from codigo.red import Red, sigmoide


class RedBucle:
    """La red de :class:`codigo.red.Red`, un ejemplo a la vez.

    ``w[l]`` tiene forma (n_salida, n_entrada), como en ``Red``; ``b[l]`` es un vector
    columna de forma (n_salida, 1), y cada entrada ``x`` también: forma (n_entrada, 1).
    Con la misma semilla, los pesos y sesgos iniciales son idénticos a los de ``Red``.
    """

    def __init__(self, tamanos: list[int], semilla: int = 0, dtype: type = np.float32) -> None:
        self.tamanos = v.tamanos_de_capas(tamanos)
        self.rng = np.random.default_rng(v.entero_no_negativo("semilla", semilla))
        self.dtype = v.tipo_real("dtype", dtype)
        # Los mismos sorteos y en el mismo orden que Red: primero los sesgos, luego los pesos.
        self.b = [self.rng.standard_normal(n).astype(self.dtype).reshape(n, 1) for n in self.tamanos[1:]]
        self.w = [self.rng.standard_normal((n, k)).astype(self.dtype)
                  for k, n in zip(self.tamanos[:-1], self.tamanos[1:])]

    @classmethod
    def copia_de(cls, red: Red) -> RedBucle:
        """Una ``RedBucle`` con los mismos pesos y sesgos (copiados) que ``red``."""
        copia = cls(list(red.tamanos), dtype=red.dtype)
        copia.w = [w.copy() for w in red.w]
        copia.b = [b.reshape(-1, 1).copy() for b in red.b]
        return copia

    def prealimentar(self, a: np.ndarray) -> np.ndarray:
        """Salida de la red para un solo ejemplo ``a``, vector columna (n_entrada, 1)."""
        for b, w in zip(self.b, self.w):
            a = sigmoide(w @ a + b)
        return a

    def sgd(self, x: np.ndarray, y: np.ndarray, epocas: int, tam_mini_lote: int, eta: float,
            datos_prueba: tuple[np.ndarray, np.ndarray] | None = None,
            al_terminar_epoca: Callable[[dict[str, Any]], None] | None = None) -> dict[str, list]:
        """Entrena como :meth:`codigo.red.Red.sgd` y devuelve el mismo historial.

        Es el mismo bucle de épocas, literalmente: se ejecuta el código de ``Red.sgd`` sobre
        esta red, que tiene lo único que ese bucle usa (``tamanos``, ``dtype``, ``rng``,
        :meth:`actualizar_mini_lote` y :meth:`evaluar`). Así baraja con el mismo generador
        y en el mismo orden que ``Red``, y la única diferencia es que cada mini-lote se
        procesa ejemplo por ejemplo.
        """
        return Red.sgd(self, x, y, epocas, tam_mini_lote, eta,  # type: ignore[arg-type]
                       datos_prueba=datos_prueba, al_terminar_epoca=al_terminar_epoca)

    def actualizar_mini_lote(self, x: np.ndarray, y: np.ndarray, eta: float) -> None:
        """Un paso de gradiente: ``x`` e ``y`` tienen un ejemplo por fila, como en ``Red``."""
        nabla_b, nabla_w = self.gradiente_sumado(x, y)
        paso = eta / len(x)
        for w, b, nw, nb in zip(self.w, self.b, nabla_w, nabla_b):
            w -= paso * nw
            b -= paso * nb

    def gradiente_sumado(self, x: np.ndarray, y: np.ndarray) -> tuple[list, list]:
        """La suma de los gradientes de los ejemplos de ``x`` e ``y`` (uno por fila), de uno en uno.

        Devuelve ``(nabla_b, nabla_w)``, con las formas de ``b`` (vectores columna) y ``w``:
        lo mismo que ``Red.retropropagacion(x, y)``, calculado con un bucle.
        """
        nabla_b = [np.zeros_like(b) for b in self.b]
        nabla_w = [np.zeros_like(w) for w in self.w]
        for x_i, y_i in zip(x, y):  # ejemplo por ejemplo
            delta_nabla_b, delta_nabla_w = self.retropropagacion(x_i.reshape(-1, 1), y_i.reshape(-1, 1))
            for nb, nw, dnb, dnw in zip(nabla_b, nabla_w, delta_nabla_b, delta_nabla_w):
                nb += dnb
                nw += dnw
        return nabla_b, nabla_w

    def retropropagacion(self, x: np.ndarray, y: np.ndarray) -> tuple[list, list]:
        """Gradiente de C_x = ‖y − a‖² / 2 para un solo ejemplo (vectores columna)."""
        activaciones = [x]  # capa por capa; cada una es un vector columna
        for b, w in zip(self.b, self.w):
            activaciones.append(sigmoide(w @ activaciones[-1] + b))
        a = activaciones[-1]
        delta = (a - y) * a * (1.0 - a)  # ∇_a C ⊙ σ'(z^L)
        nabla_b, nabla_w = [delta], [delta @ activaciones[-2].T]
        for l in range(2, len(self.tamanos)):
            a = activaciones[-l]
            delta = (self.w[-l + 1].T @ delta) * a * (1.0 - a)
            nabla_b.insert(0, delta)
            nabla_w.insert(0, delta @ activaciones[-l - 1].T)
        return nabla_b, nabla_w

    def evaluar(self, x: np.ndarray, y: np.ndarray) -> int:
        """Cuántos ejemplos de ``x`` (uno por fila) clasifica bien la red."""
        return sum(int(np.argmax(self.prealimentar(x_i.reshape(-1, 1))) == y_i) for x_i, y_i in zip(x, y))


def comparar_gradientes(tamanos: list[int] | None = None, tam_mini_lote: int = 10,
                        semilla: int = 1) -> float:
    """El mayor error relativo entre los gradientes de ``Red`` y ``RedBucle`` en un mini-lote.

    Usa ``float64``, los mismos pesos y un mini-lote de imágenes de MNIST (o de números
    aleatorios si la capa de entrada no tiene 784 neuronas). Si las dos implementaciones
    hacen la misma matemática, el resultado es del orden del redondeo (≈ 1e-15).
    """
    tamanos = list(tamanos or [784, 30, 10])
    rng = np.random.default_rng(semilla)
    if tamanos[0] == 784:
        from codigo.datos import cargar_mnist

        entrenamiento = cargar_mnist().entrenamiento
        elegidos = rng.choice(len(entrenamiento.x), tam_mini_lote, replace=False)
        x, etiquetas = entrenamiento.x[elegidos].astype(np.float64), entrenamiento.y[elegidos]
    else:
        x = rng.random((tam_mini_lote, tamanos[0]))
        etiquetas = rng.integers(0, tamanos[-1], tam_mini_lote)
    y = np.eye(tamanos[-1])[etiquetas]
    matricial = Red(tamanos, semilla=semilla, dtype=np.float64)
    bucle = RedBucle.copia_de(matricial)
    nabla_b, nabla_w = matricial.retropropagacion(x, y)
    suma_b, suma_w = bucle.gradiente_sumado(x, y)
    errores = [np.max(np.abs(m.ravel() - r.ravel())) / max(np.max(np.abs(r)), 1e-300)
               for m, r in zip(nabla_b + nabla_w, suma_b + suma_w)]
    return float(max(errores))


def medir(epocas_matricial: int = 5, epocas_bucle: int = 3, semilla: int = 1,
          tam_mini_lote: int = 10, eta: float = 3.0,
          avisar: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Segundos por época de ``Red`` y de ``RedBucle`` para la red [784, 30, 10] en MNIST.

    Las dos redes empiezan con los mismos pesos (misma ``semilla``), barajan igual y
    entrenan sobre las 50 000 imágenes con mini-lotes de ``tam_mini_lote``. Se cronometran
    épocas completas (sin contar la evaluación en prueba, que se hace aparte tras cada
    época), alternando una época de cada red para que un cambio de carga del computador
    afecte a las dos por igual, y se informa la mediana de cada una y su cociente.
    ``avisar``, si se da, recibe un texto por cada época terminada.

    Returns
    -------
    dict
        ``segundos_por_epoca_matricial`` y ``segundos_por_epoca_bucle`` (medianas),
        ``cociente`` (bucle / matricial), las listas de segundos y de exactitudes por
        época de cada una, ``error_gradiente`` (de :func:`comparar_gradientes`) y una
        descripción de la máquina (con su carga media, que hace variar los tiempos).
    """
    from codigo.datos import cargar_mnist

    epocas = {"matricial": v.entero_positivo("epocas_matricial", epocas_matricial),
              "bucle": v.entero_positivo("epocas_bucle", epocas_bucle)}
    avisar = avisar or (lambda texto: None)
    mnist = cargar_mnist()
    x, y = mnist.entrenamiento
    prueba = (mnist.prueba.x, mnist.prueba.y)
    capas = [784, 30, 10]

    error = comparar_gradientes(capas, tam_mini_lote, semilla)
    avisar(f"Gradiente de un mini-lote: error relativo máximo entre las dos redes = {error:.1e}.")

    redes = {"matricial": Red(capas, semilla=semilla), "bucle": RedBucle(capas, semilla=semilla)}
    historial: dict[str, dict[str, list]] = {nombre: {"segundos": [], "exactitud": []} for nombre in redes}
    carga_inicial = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    # Llamar a sgd una época cada vez equivale a una sola llamada con varias épocas: el
    # generador de cada red sigue su curso. Así las épocas de las dos redes se alternan.
    for epoca in range(max(epocas.values())):
        for nombre, red in redes.items():
            if epoca < epocas[nombre]:
                h = red.sgd(x, y, 1, tam_mini_lote, eta, datos_prueba=prueba)
                for clave in ("segundos", "exactitud"):
                    historial[nombre][clave] += h[clave]
                avisar(f"{nombre}: época {epoca + 1}/{epocas[nombre]}, {h['segundos'][0]:.3f} s, "
                       f"exactitud en prueba {100 * h['exactitud'][0]:.2f} %")
    t_matricial = statistics.median(historial["matricial"]["segundos"])
    t_bucle = statistics.median(historial["bucle"]["segundos"])
    return {
        "capas": capas,
        "n_entrenamiento": len(x),
        "tam_mini_lote": tam_mini_lote,
        "eta": eta,
        "semilla": semilla,
        "dtype": "float32",
        "error_gradiente": error,
        "segundos_por_epoca_matricial": t_matricial,
        "segundos_por_epoca_bucle": t_bucle,
        "cociente": t_bucle / t_matricial,
        "segundos_matricial": historial["matricial"]["segundos"],
        "segundos_bucle": historial["bucle"]["segundos"],
        "exactitud_matricial": historial["matricial"]["exactitud"],
        "exactitud_bucle": historial["bucle"]["exactitud"],
        "maquina": {
            "procesador": platform.processor() or platform.machine(),
            "nucleos": os.cpu_count(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "carga_media_inicio": carga_inicial,
            "carga_media_fin": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        },
    }


def resumen(resultado: dict[str, Any]) -> str:
    """Un resumen legible de :func:`medir`."""
    r = resultado
    epocas_comunes = min(len(r["exactitud_matricial"]), len(r["exactitud_bucle"]))
    exactitudes = ", ".join(
        f"época {i + 1}: {100 * r['exactitud_matricial'][i]:.2f} % frente a {100 * r['exactitud_bucle'][i]:.2f} %"
        for i in range(epocas_comunes)
    )
    return "\n".join([
        f"Red {r['capas']}, {v.miles(r['n_entrenamiento'])} imágenes, mini-lote de {r['tam_mini_lote']}, "
        f"η = {r['eta']}, semilla {r['semilla']}, {r['dtype']}.",
        f"  matricial (codigo.red.Red): {r['segundos_por_epoca_matricial']:.3f} s por época "
        f"(mediana de {len(r['segundos_matricial'])}; la mejor, {min(r['segundos_matricial']):.3f} s)",
        f"  bucle por ejemplo (RedBucle): {r['segundos_por_epoca_bucle']:.3f} s por época "
        f"(mediana de {len(r['segundos_bucle'])}; la mejor, {min(r['segundos_bucle']):.3f} s)",
        f"  la matricial es {r['cociente']:.1f} veces más rápida",
        f"  mismo gradiente: error relativo máximo {r['error_gradiente']:.1e}",
        f"  carga media del computador: {_carga(r, 'inicio')} al empezar, {_carga(r, 'fin')} al terminar "
        f"({r['maquina']['nucleos']} núcleos; con carga, los tiempos suben)",
        f"  exactitud en prueba (matricial frente a bucle): {exactitudes}",
        "  (en float32 las dos redes suman en distinto orden y sus redondeos separan poco a poco",
        "  las trayectorias; en float64 dan los mismos pesos, como comprueban las pruebas)",
    ])


def _carga(resultado: dict[str, Any], cuando: str) -> str:
    carga = resultado["maquina"].get(f"carga_media_{cuando}")
    return "desconocida" if carga is None else f"{carga:.2f}"
