"""La red mejorada del capítulo 3: mejores costos, regularización, abandono, momento y más.

La estructura es la de :class:`codigo.red.Red` (un ejemplo por fila; ``w[l]`` de forma
(n_salida, n_entrada) y ``b[l]`` de forma (n_salida,); ``z = a @ w.T + b``), con lo que
el capítulo 3 añade:

- el **costo** como objeto intercambiable (:mod:`codigo.costos`), dueño de la activación
  de salida y del error de salida δᴸ: cuadrático, entropía cruzada o log-verosimilitud
  con softmax;
- la **activación de las capas ocultas** intercambiable (:mod:`codigo.activaciones`):
  sigmoide, tanh o ReLU;
- pesos iniciales N(0, 1/n_entrada) («normalizada») además de N(0, 1) («grande»);
- **regularización** L2 o L1, **abandono** (*dropout*) en las capas ocultas, **momento**,
  un **calendario de η** y **parada temprana**;
- el historial de entrenamiento devuelto como datos (:class:`Historial`) y la red
  guardada y leída en JSON plano.

El costo de la red con regularización L2 sobre n ejemplos de entrenamiento es

    C = (1/n) Σ_x C_x + (λ / 2n) Σ_w w²,

y con L1, C = (1/n) Σ_x C_x + (λ/n) Σ_w |w|. La penalización se divide siempre por el
tamaño n del conjunto de **entrenamiento**, también cuando se mide el costo en otros datos.
"""

from __future__ import annotations

import dataclasses
import json
import math
import numbers
import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from codigo import validacion as v
from codigo.activaciones import Activacion, ACTIVACIONES, obtener_activacion
from codigo.costos import COSTOS, Costo, obtener_costo

INICIALIZACIONES = ("normalizada", "grande")
"""Pesos iniciales N(0, 1/n_entrada) («normalizada») o N(0, 1) («grande»)."""

REGULARIZACIONES = ("L2", "L1", None)
"""Tipos de regularización que acepta :meth:`RedMejorada.sgd`."""

DIVISOR_ETA_FINAL = 128
"""El calendario de η detiene el entrenamiento cuando η llega a η_inicial / 128."""

FORMATO = "codigo.RedMejorada/1"
"""Marca del formato JSON que escribe :meth:`RedMejorada.guardar`."""

_BLOQUE = 10_000  # filas por bloque al medir costo y exactitud de un conjunto grande


@dataclasses.dataclass
class Historial:
    """Lo que pasó en cada época de :meth:`RedMejorada.sgd`: listas con un valor por época.

    Las curvas que no se pidieron monitorear quedan vacías. La exactitud es una fracción
    (0.9542, no 95.42). ``como_dict()`` da un diccionario que se puede escribir en JSON.
    """

    costo_entrenamiento: list[float] = dataclasses.field(default_factory=list)
    exactitud_entrenamiento: list[float] = dataclasses.field(default_factory=list)
    costo_evaluacion: list[float] = dataclasses.field(default_factory=list)
    exactitud_evaluacion: list[float] = dataclasses.field(default_factory=list)
    eta: list[float] = dataclasses.field(default_factory=list)
    """La tasa de aprendizaje con la que se entrenó cada época."""
    segundos: list[float] = dataclasses.field(default_factory=list)
    """Segundos de entrenamiento de cada época, sin contar el monitoreo."""
    motivo_parada: str = "epocas"
    """``"epocas"`` (se hicieron todas), ``"parada_temprana"`` o ``"eta_minima"``."""
    mejor_epoca: int | None = None
    """La época (1, 2, …) de mayor exactitud de evaluación, si se midió."""

    @property
    def epocas(self) -> int:
        """Cuántas épocas se entrenaron."""
        return len(self.segundos)

    def como_dict(self) -> dict[str, Any]:
        """El historial como diccionario de listas, números y textos (apto para JSON)."""
        return dataclasses.asdict(self)


class RedMejorada:
    """Una red prealimentada con costo, activación e inicialización a elegir.

    Parameters
    ----------
    tamanos
        Neuronas por capa, de la entrada a la salida; por ejemplo ``[784, 30, 10]``.
    costo
        ``"entropia_cruzada"`` (salidas sigmoides), ``"cuadratico"`` (salidas sigmoides)
        o ``"log_verosimilitud"`` (salida softmax), o un objeto :class:`codigo.costos.Costo`.
        El costo decide la activación de la capa de salida.
    activacion
        Activación de las capas ocultas: ``"sigmoide"``, ``"tanh"`` o ``"relu"``, o un
        objeto :class:`codigo.activaciones.Activacion`.
    inicializacion
        ``"normalizada"``: pesos N(0, 1/n_entrada), con n_entrada las entradas de la
        neurona; ``"grande"``: pesos N(0, 1), como :class:`codigo.red.Red`. Los sesgos
        son N(0, 1) en ambos casos. Con la misma semilla, las dos usan los mismos números
        aleatorios (los pesos «normalizados» son los «grandes» divididos por √n_entrada),
        y «grande» da exactamente los pesos iniciales de ``Red(tamanos, semilla)``.
    semilla
        Semilla de los pesos iniciales, del barajado de los datos y del abandono.
    dtype
        Tipo real de pesos y cálculos (``np.float32`` por omisión, como en ``Red``).

    Attributes
    ----------
    w, b
        Listas de pesos (n_salida, n_entrada) y sesgos (n_salida,), una por capa.
    costo, activacion
        Los objetos de costo y de activación oculta.
    """

    def __init__(self, tamanos: list[int], costo: str | Costo = "entropia_cruzada",
                 activacion: str | Activacion = "sigmoide", inicializacion: str = "normalizada",
                 semilla: int = 0, dtype: type = np.float32) -> None:
        self.tamanos = v.tamanos_de_capas(tamanos)
        self.costo = obtener_costo(costo)
        self.activacion = obtener_activacion(activacion)
        self.inicializacion = _opcion("inicializacion", inicializacion, INICIALIZACIONES)
        self.semilla = v.entero_no_negativo("semilla", semilla)
        self.dtype = v.tipo_real("dtype", dtype)
        self.rng = np.random.default_rng(self.semilla)  # pesos iniciales y barajado
        # Sesgos N(0, 1); pesos N(0, 1) divididos por √n_entrada si la inicialización es «normalizada».
        self.b = [self.rng.standard_normal(n).astype(self.dtype) for n in self.tamanos[1:]]
        self.w = [(self.rng.standard_normal((n, k)) / self._escala_inicial(k)).astype(self.dtype)
                  for k, n in zip(self.tamanos[:-1], self.tamanos[1:])]
        # Cada capa oculta tiene su propio flujo aleatorio para las máscaras de abandono.
        semillas_abandono = np.random.SeedSequence(self.semilla).spawn(len(self.tamanos) - 2)
        self.rng_abandono = [np.random.default_rng(s) for s in semillas_abandono]
        self._identidad = np.eye(self.tamanos[-1], dtype=self.dtype)  # fila j: la salida deseada para j

    def _escala_inicial(self, n_entrada: int) -> float:
        return math.sqrt(n_entrada) if self.inicializacion == "normalizada" else 1.0

    def __repr__(self) -> str:
        return (f"RedMejorada({list(self.tamanos)}, costo={self.costo.nombre!r}, "
                f"activacion={self.activacion.nombre!r}, inicializacion={self.inicializacion!r}, "
                f"semilla={self.semilla}, dtype=np.{self.dtype.name})")

    # ----------------------------------------------------------------- hacia adelante

    def prealimentar(self, a: np.ndarray) -> np.ndarray:
        """Salida de la red para las entradas ``a`` (forma (n, n_entrada)), sin abandono.

        Parameters
        ----------
        a
            Un ejemplo por fila; se convierte al tipo de la red.

        Returns
        -------
        numpy.ndarray
            Las activaciones de la capa de salida, de forma (n, n_salida).
        """
        a = v.lote_de_entradas("a", a, self.tamanos[0])
        return self._prealimentar(a, self.dtype)

    def _prealimentar(self, a: np.ndarray, dtype: np.dtype) -> np.ndarray:
        a = a.astype(dtype, copy=False)
        for w, b in zip(self.w[:-1], self.b[:-1]):
            a = self.activacion(a @ w.astype(dtype, copy=False).T + b.astype(dtype, copy=False))
        z = a @ self.w[-1].astype(dtype, copy=False).T + self.b[-1].astype(dtype, copy=False)
        return self.costo.salida(z)

    # ----------------------------------------------------------------- costo y exactitud

    def penalizacion(self, lmbda: float, n_entrenamiento: int, regularizacion: str | None = "L2") -> float:
        """El término de regularización del costo, en float64.

        L2: (λ / 2n) Σ w²; L1: (λ / n) Σ |w|, con n el tamaño del conjunto de entrenamiento.
        Los sesgos no se regularizan.
        """
        lmbda = v.real_no_negativo("lmbda", lmbda)
        regularizacion = _opcion("regularizacion", regularizacion, REGULARIZACIONES)
        if lmbda == 0:
            return 0.0
        n = v.entero_positivo("n_entrenamiento", n_entrenamiento)
        _regularizacion_coherente(lmbda, regularizacion)
        if regularizacion == "L2":
            return lmbda / (2 * n) * sum(float(np.sum(np.square(w, dtype=np.float64))) for w in self.w)
        return lmbda / n * sum(float(np.sum(np.abs(w), dtype=np.float64)) for w in self.w)

    def costo_total(self, x: np.ndarray, y: np.ndarray, lmbda: float = 0.0,
                    n_entrenamiento: int | None = None, regularizacion: str | None = "L2") -> float:
        """El costo C = (1/n) Σ_x C_x + penalización, sobre los ejemplos ``(x, y)``.

        Parameters
        ----------
        x, y
            Entradas (n, n_entrada) y etiquetas enteras (n,).
        lmbda
            Parámetro de regularización λ ≥ 0.
        n_entrenamiento
            Tamaño del conjunto de **entrenamiento**, que divide la penalización aunque
            ``x`` sean datos de evaluación. Obligatorio si ``lmbda > 0``.
        regularizacion
            ``"L2"``, ``"L1"`` o ``None``.

        Returns
        -------
        float
            El costo, calculado en float64 (por bloques, para no copiar todo ``x``).
        """
        x = v.lote_de_entradas("x", x, self.tamanos[0])
        y = v.etiquetas("y", y, len(x), self.tamanos[-1])
        lmbda = v.real_no_negativo("lmbda", lmbda)
        if lmbda > 0 and n_entrenamiento is None:
            raise ValueError(
                "«n_entrenamiento» hace falta cuando lmbda > 0: la penalización se divide por "
                "el tamaño del conjunto de entrenamiento, no por el de los datos que se miden."
            )
        if n_entrenamiento is not None:
            n_entrenamiento = v.entero_positivo("n_entrenamiento", n_entrenamiento)
        penalizacion = self.penalizacion(lmbda, n_entrenamiento, regularizacion)  # type: ignore[arg-type]
        return self._costo_datos(x, y) + penalizacion

    def _costo_datos(self, x: np.ndarray, y: np.ndarray) -> float:
        """(1/n) Σ_x C_x en float64, sin penalización ni validación."""
        total = 0.0
        for k in range(0, len(x), _BLOQUE):
            a = self._prealimentar(x[k:k + _BLOQUE], np.dtype(np.float64))
            total += self.costo.valor(a, self._identidad[y[k:k + _BLOQUE]])
        return total / len(x)

    def evaluar(self, x: np.ndarray, y: np.ndarray) -> int:
        """Cuántos ejemplos de ``x`` clasifica bien la red (la neurona de salida más activa)."""
        x = v.lote_de_entradas("x", x, self.tamanos[0])
        y = v.etiquetas("y", y, len(x), self.tamanos[-1])
        return self._aciertos(x, y)

    def exactitud(self, x: np.ndarray, y: np.ndarray) -> float:
        """La fracción de ejemplos de ``x`` bien clasificados (entre 0 y 1)."""
        return self.evaluar(x, y) / len(x)

    def _aciertos(self, x: np.ndarray, y: np.ndarray) -> int:
        aciertos = 0
        for k in range(0, len(x), _BLOQUE):
            a = self._prealimentar(x[k:k + _BLOQUE], self.dtype)
            aciertos += int(np.sum(np.argmax(a, axis=1) == y[k:k + _BLOQUE]))
        return aciertos

    # ----------------------------------------------------------------- entrenamiento

    def sgd(self, x: np.ndarray, y: np.ndarray, epocas: int, tam_mini_lote: int, eta: float,
            lmbda: float = 0.0, regularizacion: str | None = "L2", abandono: float = 0.0,
            momento: float = 0.0, paciencia_eta: int | None = None,
            parada_temprana: int | None = None,
            datos_evaluacion: tuple[np.ndarray, np.ndarray] | None = None,
            monitorear_costo_entrenamiento: bool = False,
            monitorear_exactitud_entrenamiento: bool = False,
            monitorear_costo_evaluacion: bool = False,
            monitorear_exactitud_evaluacion: bool = False,
            al_terminar_epoca: Callable[[dict[str, Any]], None] | None = None) -> Historial:
        """Entrena con descenso de gradiente estocástico por mini-lotes y devuelve el historial.

        En cada época se barajan los datos, se parten en mini-lotes de ``tam_mini_lote``
        ejemplos y se da un paso de gradiente por mini-lote (ver :meth:`actualizar_mini_lote`).
        Al final de la época se miden, una sola vez, las curvas pedidas.

        Parameters
        ----------
        x, y
            Datos de entrenamiento: entradas (n, n_entrada) y etiquetas enteras (n,).
        epocas
            Número máximo de épocas.
        tam_mini_lote
            Ejemplos por mini-lote, m.
        eta
            Tasa de aprendizaje η (inicial, si hay ``paciencia_eta``).
        lmbda
            Parámetro de regularización λ ≥ 0; la penalización se divide por n = len(x).
        regularizacion
            ``"L2"`` (decaimiento de pesos), ``"L1"`` o ``None`` (entonces ``lmbda`` debe ser 0).
        abandono
            Probabilidad p ∈ [0, 1) de apagar cada neurona oculta en cada mini-lote
            (abandono invertido: las que quedan se multiplican por 1/(1 − p), así la red
            se evalúa sin cambios).
        momento
            Coeficiente μ ∈ [0, 1) del descenso con momento: v → μv − η∇C, w → w + v.
            Las velocidades empiezan en cero en cada llamada a ``sgd``.
        paciencia_eta
            Si se da, η se divide entre 2 cada vez que la exactitud de evaluación pasa
            ``paciencia_eta`` épocas sin mejorar, y el entrenamiento termina cuando η llega
            a η_inicial / 128. Requiere ``datos_evaluacion``.
        parada_temprana
            Si se da, el entrenamiento termina cuando la exactitud de evaluación pasa
            ``parada_temprana`` épocas sin mejorar. Requiere ``datos_evaluacion``.
        datos_evaluacion
            ``(x, y)`` con que se evalúa la red al final de cada época (por ejemplo, los
            datos de validación), con etiquetas enteras.
        monitorear_costo_entrenamiento, monitorear_exactitud_entrenamiento
            Si se miden, al final de cada época, el costo (con la penalización) y la
            exactitud en los datos de entrenamiento.
        monitorear_costo_evaluacion, monitorear_exactitud_evaluacion
            Lo mismo en ``datos_evaluacion``. La exactitud de evaluación también se mide
            (y se registra) si la necesitan ``paciencia_eta`` o ``parada_temprana``.
        al_terminar_epoca
            Función que, si se da, recibe un diccionario con lo medido en cada época
            (sirve para mostrar el progreso).

        Returns
        -------
        Historial
            Las curvas pedidas, η y los segundos de cada época, y por qué se detuvo.
        """
        n_entrada, n_salida = self.tamanos[0], self.tamanos[-1]
        x = v.lote_de_entradas("x", x, n_entrada)
        y = v.etiquetas("y", y, len(x), n_salida)
        epocas = v.entero_positivo("epocas", epocas)
        tam_mini_lote = v.tam_mini_lote(tam_mini_lote, len(x))
        eta = v.real_positivo("eta", eta)
        lmbda = v.real_no_negativo("lmbda", lmbda)
        regularizacion = _opcion("regularizacion", regularizacion, REGULARIZACIONES)
        _regularizacion_coherente(lmbda, regularizacion)
        abandono = _fraccion("abandono", abandono)
        if abandono > 0 and len(self.tamanos) < 3:
            raise ValueError(
                f"«abandono» apaga neuronas ocultas, pero la red {list(self.tamanos)} no tiene "
                "capas ocultas; usa abandono=0."
            )
        momento = _fraccion("momento", momento)
        if paciencia_eta is not None:
            paciencia_eta = v.entero_positivo("paciencia_eta", paciencia_eta)
        if parada_temprana is not None:
            parada_temprana = v.entero_positivo("parada_temprana", parada_temprana)
        monitorear = {
            nombre: v.booleano(f"monitorear_{nombre}", valor) for nombre, valor in (
                ("costo_entrenamiento", monitorear_costo_entrenamiento),
                ("exactitud_entrenamiento", monitorear_exactitud_entrenamiento),
                ("costo_evaluacion", monitorear_costo_evaluacion),
                ("exactitud_evaluacion", monitorear_exactitud_evaluacion),
            )
        }
        necesita_evaluacion = [nombre for nombre, valor in (
            ("monitorear_costo_evaluacion", monitorear["costo_evaluacion"]),
            ("monitorear_exactitud_evaluacion", monitorear["exactitud_evaluacion"]),
            ("paciencia_eta", paciencia_eta is not None),
            ("parada_temprana", parada_temprana is not None)) if valor]
        if datos_evaluacion is not None:
            x_ev, y_ev = v.par_de_datos("datos_evaluacion", datos_evaluacion, n_entrada, n_salida)
        elif necesita_evaluacion:
            raise ValueError(
                f"«{necesita_evaluacion[0]}» necesita «datos_evaluacion» = (x, y); no se dieron."
            )
        al_terminar_epoca = v.funcion_o_none("al_terminar_epoca", al_terminar_epoca)

        x = x.astype(self.dtype, copy=False)
        n = len(x)
        velocidades = [np.zeros_like(p) for p in self.w + self.b] if momento > 0 else None
        eta_inicial = eta
        medir_exactitud_evaluacion = (monitorear["exactitud_evaluacion"] or paciencia_eta is not None
                                      or parada_temprana is not None)
        historial = Historial()
        mejor_exactitud = -1.0
        sin_mejora = 0       # épocas seguidas sin mejorar la exactitud de evaluación
        sin_mejora_eta = 0   # lo mismo, pero vuelve a 0 cada vez que se reduce η
        for epoca in range(1, epocas + 1):
            inicio = time.perf_counter()
            orden = self.rng.permutation(n)
            for k in range(0, n, tam_mini_lote):
                lote = orden[k:k + tam_mini_lote]
                self.actualizar_mini_lote(x[lote], y[lote], eta, lmbda, n, regularizacion,
                                          abandono, momento, velocidades)
            historial.segundos.append(time.perf_counter() - inicio)
            historial.eta.append(eta)

            # Las curvas, medidas una sola vez por época.
            penalizacion = self.penalizacion(lmbda, n, regularizacion)
            if monitorear["costo_entrenamiento"]:
                historial.costo_entrenamiento.append(self._costo_datos(x, y) + penalizacion)
            if monitorear["exactitud_entrenamiento"]:
                historial.exactitud_entrenamiento.append(self._aciertos(x, y) / n)
            if monitorear["costo_evaluacion"]:
                historial.costo_evaluacion.append(self._costo_datos(x_ev, y_ev) + penalizacion)
            if medir_exactitud_evaluacion:
                exactitud = self._aciertos(x_ev, y_ev) / len(x_ev)
                historial.exactitud_evaluacion.append(exactitud)
            if al_terminar_epoca is not None:
                al_terminar_epoca({"epoca": epoca} | {
                    nombre: valores[-1] for nombre, valores in historial.como_dict().items()
                    if isinstance(valores, list) and valores})

            if not medir_exactitud_evaluacion:
                continue
            if exactitud > mejor_exactitud:
                mejor_exactitud, historial.mejor_epoca = exactitud, epoca
                sin_mejora = sin_mejora_eta = 0
            else:
                sin_mejora += 1
                sin_mejora_eta += 1
            if parada_temprana is not None and sin_mejora >= parada_temprana:
                historial.motivo_parada = "parada_temprana"
                break
            if paciencia_eta is not None and sin_mejora_eta >= paciencia_eta:
                eta /= 2
                sin_mejora_eta = 0
                if eta <= eta_inicial / DIVISOR_ETA_FINAL:
                    historial.motivo_parada = "eta_minima"
                    break
        return historial

    def actualizar_mini_lote(self, x: np.ndarray, y: np.ndarray, eta: float, lmbda: float = 0.0,
                             n_entrenamiento: int = 1, regularizacion: str | None = "L2",
                             abandono: float = 0.0, momento: float = 0.0,
                             velocidades: list[np.ndarray] | None = None) -> None:
        """Un paso de descenso de gradiente con el mini-lote ``(x, y)``, ``y`` etiquetas enteras.

        Sin momento, cada parámetro p da el paso p → p − η ∂C/∂p. Con momento μ > 0, cada
        uno tiene una velocidad (``velocidades``, alineadas con ``self.w + self.b``) y
        v → μv − η ∂C/∂p, p → p + v. Con L2 el paso equivale a w → (1 − ηλ/n) w − η∇C₀:
        el decaimiento de pesos.
        """
        eta = v.real_positivo("eta", eta)
        regularizacion = _opcion("regularizacion", regularizacion, REGULARIZACIONES)
        abandono, momento = _fraccion("abandono", abandono), _fraccion("momento", momento)
        if momento > 0 and velocidades is None:
            raise ValueError("«momento» > 0 necesita «velocidades»: una lista de arreglos con las "
                             "formas de self.w + self.b, que empiece en ceros y se conserve entre pasos.")
        mascaras = self.mascaras_abandono(len(x), abandono) if abandono > 0 else None
        nabla_b, nabla_w = self.gradiente(x, y, lmbda, n_entrenamiento, regularizacion, mascaras)
        if momento == 0:
            for p, nabla in zip(self.w + self.b, nabla_w + nabla_b):
                nabla *= eta  # en el mismo arreglo: nabla es nuestro y así no se copia
                p -= nabla
        else:
            for p, nabla, vel in zip(self.w + self.b, nabla_w + nabla_b, velocidades):
                vel *= momento
                nabla *= eta
                vel -= nabla
                p += vel

    def gradiente(self, x: np.ndarray, y: np.ndarray, lmbda: float = 0.0, n_entrenamiento: int = 1,
                  regularizacion: str | None = "L2",
                  mascaras: list[np.ndarray] | None = None) -> tuple[list, list]:
        """Gradiente del costo regularizado de un mini-lote de m ejemplos.

        Es el gradiente de (1/m) Σ_x C_x + (λ/2n) Σ w² (L2) o + (λ/n) Σ |w| (L1), con n el
        tamaño del conjunto de entrenamiento: el promedio de los gradientes de
        :meth:`retropropagacion` más (λ/n) w (L2) o (λ/n) sgn(w) (L1). Devuelve
        ``(nabla_b, nabla_w)``.
        """
        lmbda = v.real_no_negativo("lmbda", lmbda)
        regularizacion = _opcion("regularizacion", regularizacion, REGULARIZACIONES)
        _regularizacion_coherente(lmbda, regularizacion)
        nabla_b, nabla_w = self.retropropagacion(x, y, mascaras, escala=1.0 / len(x))
        if lmbda > 0:
            for nw, w in zip(nabla_w, self.w):
                if regularizacion == "L2":
                    nw += (lmbda / n_entrenamiento) * w
                elif regularizacion == "L1":
                    nw += (lmbda / n_entrenamiento) * np.sign(w)
        return nabla_b, nabla_w

    def retropropagacion(self, x: np.ndarray, y: np.ndarray, mascaras: list[np.ndarray] | None = None,
                         escala: float = 1.0) -> tuple[list, list]:
        """Gradiente de Σ_x C_x (sin regularización), sumado sobre las filas de ``x``.

        ``y`` son las etiquetas enteras del mini-lote. ``mascaras``, si se da, es una
        máscara de abandono por capa oculta (ver :meth:`mascaras_abandono`) que multiplica
        sus activaciones. Devuelve ``(nabla_b, nabla_w)``, con las formas de ``b`` y ``w``,
        multiplicados por ``escala``: los gradientes son lineales en δᴸ, y escalar δᴸ
        (m × n_salida) es más barato que escalar después las matrices de pesos.
        Todo el mini-lote avanza y retrocede a la vez, como una matriz.
        """
        self._comprobar_mini_lote(x, y)
        y = self._identidad[y]  # etiqueta 3 → (0, 0, 0, 1, 0, …)
        # Hacia adelante, guardando la entrada ponderada z y la activación a de cada capa.
        activaciones, zs = [x], []
        for l, (w, b) in enumerate(zip(self.w, self.b)):
            z = activaciones[-1] @ w.T + b
            zs.append(z)
            if l == len(self.w) - 1:
                a = self.costo.salida(z)
            else:
                a = self.activacion(z)
                if mascaras is not None:
                    a = a * mascaras[l]
            activaciones.append(a)
        # Hacia atrás: δᴸ lo da el costo; δˡ = (δˡ⁺¹ wˡ⁺¹) ⊙ f'(zˡ) (⊙ la máscara, si la hay).
        delta = self.costo.delta(zs[-1], activaciones[-1], y)
        if escala != 1.0:
            delta = delta * escala
        nabla_b, nabla_w = [delta.sum(axis=0)], [delta.T @ activaciones[-2]]
        for l in range(2, len(self.tamanos)):
            delta = (delta @ self.w[-l + 1]) * self.activacion.prima(zs[-l])
            if mascaras is not None:
                delta *= mascaras[-l + 1]
            nabla_b.insert(0, delta.sum(axis=0))
            nabla_w.insert(0, delta.T @ activaciones[-l - 1])
        return nabla_b, nabla_w

    def _comprobar_mini_lote(self, x: object, y: object) -> None:
        """Comprobación barata, para el bucle de entrenamiento: solo tipos y formas.

        No busca NaN en ``x`` (eso lo hace :meth:`sgd` una vez, antes de empezar); de las
        etiquetas solo mira el mínimo y el máximo. Si algo falla, da el mensaje detallado.
        """
        if (type(x) is np.ndarray and type(y) is np.ndarray and x.dtype.kind == "f"
                and y.dtype.kind in "iu" and x.ndim == 2 and x.shape[0] > 0
                and x.shape[1] == self.tamanos[0] and y.shape == (x.shape[0],)):
            v.etiquetas_en_rango("y", y, self.tamanos[-1])  # si no, −1 sería en silencio la última clase
            return
        x = v.lote_de_entradas("x", x, self.tamanos[0])
        v.etiquetas("y", y, len(x), self.tamanos[-1])

    def mascaras_abandono(self, m: int, abandono: float) -> list[np.ndarray]:
        """Una máscara de abandono invertido por capa oculta, para un mini-lote de ``m`` ejemplos.

        Cada máscara tiene forma (m, neuronas de la capa): vale 0 con probabilidad
        ``abandono`` (la neurona se apaga en ese ejemplo) y 1/(1 − abandono) si no, de
        modo que la activación esperada no cambia. Cada capa saca sus números de su propio
        generador (``rng_abandono``), derivado de la semilla de la red.
        """
        m, abandono = v.entero_positivo("m", m), _fraccion("abandono", abandono)
        escala = 1.0 / (1.0 - abandono)
        return [np.where(rng.random((m, n), dtype=self.dtype) >= abandono, escala, 0.0)
                .astype(self.dtype) for rng, n in zip(self.rng_abandono, self.tamanos[1:-1])]

    # ----------------------------------------------------------------- guardar y cargar

    def guardar(self, ruta: str | os.PathLike) -> None:
        """Guarda la red en un archivo JSON plano.

        Guarda tamaños, costo y activación por nombre, inicialización, semilla, tipo, y
        los pesos y sesgos como listas de números (cada número se escribe con todas sus
        cifras, así :meth:`cargar` recupera exactamente los mismos valores).
        """
        for clase, objeto, registro in (("costo", self.costo, COSTOS),
                                        ("activacion", self.activacion, ACTIVACIONES)):
            if registro.get(objeto.nombre) is not type(objeto):
                raise ValueError(
                    f"No se puede guardar: el {clase} {objeto!r} no es uno de los conocidos "
                    f"({', '.join(registro)}), así que no se podría volver a cargar por nombre."
                )
        if not all(np.all(np.isfinite(p)) for p in self.w + self.b):
            raise ValueError("No se puede guardar: hay pesos o sesgos NaN o infinitos "
                             "(el entrenamiento divergió; prueba una η menor).")
        contenido = {
            "formato": FORMATO,
            "tamanos": list(self.tamanos),
            "costo": self.costo.nombre,
            "activacion": self.activacion.nombre,
            "inicializacion": self.inicializacion,
            "semilla": self.semilla,
            "dtype": self.dtype.name,
            "w": [w.tolist() for w in self.w],
            "b": [b.tolist() for b in self.b],
        }
        try:
            with open(ruta, "w", encoding="utf-8") as archivo:
                json.dump(contenido, archivo, allow_nan=False)
        except OSError as error:
            raise ValueError(f"No se puede guardar la red en «{os.fspath(ruta)}»: "
                             f"{_motivo(error)}. Se espera la ruta de un archivo en una carpeta que exista.") from error

    @classmethod
    def cargar(cls, ruta: str | os.PathLike) -> RedMejorada:
        """Lee una red guardada con :meth:`guardar`; da exactamente las mismas salidas.

        El generador aleatorio vuelve a empezar desde la semilla guardada: seguir
        entrenando la red cargada no repite lo que habría hecho la original.
        """
        try:
            with open(ruta, encoding="utf-8") as archivo:
                contenido = json.load(archivo)
        except FileNotFoundError:
            raise FileNotFoundError(f"No existe el archivo de red «{os.fspath(ruta)}».") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ValueError(f"«{os.fspath(ruta)}» no es un JSON válido: {error}.") from None
        except OSError as error:
            raise ValueError(f"No se puede leer la red de «{os.fspath(ruta)}»: {_motivo(error)}. "
                             "Se espera la ruta de un archivo JSON escrito por RedMejorada.guardar.") from None
        if not isinstance(contenido, dict) or contenido.get("formato") != FORMATO:
            raise ValueError(
                f"«{os.fspath(ruta)}» no es una red guardada con RedMejorada.guardar "
                f"(falta la marca \"formato\": \"{FORMATO}\")."
            )
        faltan = [clave for clave in ("tamanos", "costo", "activacion", "inicializacion",
                                      "semilla", "dtype", "w", "b") if clave not in contenido]
        if faltan:
            raise ValueError(f"A «{os.fspath(ruta)}» le faltan las claves {faltan}.")
        red = cls(contenido["tamanos"], costo=contenido["costo"], activacion=contenido["activacion"],
                  inicializacion=contenido["inicializacion"], semilla=contenido["semilla"],
                  dtype=contenido["dtype"])
        for nombre, parametros in (("w", red.w), ("b", red.b)):
            valores = contenido[nombre]
            if not isinstance(valores, list) or len(valores) != len(parametros):
                raise ValueError(f"«{nombre}» en «{os.fspath(ruta)}» debe tener {len(parametros)} capas.")
            for l, (p, valor) in enumerate(zip(parametros, valores)):
                arreglo = _numeros_finitos(f"«{nombre}[{l}]» en «{os.fspath(ruta)}»", valor, red.dtype)
                if arreglo.shape != p.shape:
                    raise ValueError(
                        f"«{nombre}[{l}]» en «{os.fspath(ruta)}» tiene forma {arreglo.shape}; "
                        f"para tamanos {list(red.tamanos)} se espera {p.shape}."
                    )
                p[...] = arreglo
        return red


# --------------------------------------------------------------------- validación

def _opcion(nombre: str, valor: object, opciones: tuple) -> Any:
    """Uno de los valores de ``opciones`` (textos o None), comparados exactamente."""
    if not any(valor is o or (isinstance(valor, str) and valor == o) for o in opciones):
        lista = ", ".join("None" if o is None else f"«{o}»" for o in opciones)
        raise ValueError(f"«{nombre}» debe ser uno de {lista}; se recibió {valor!r}.")
    return valor


def _motivo(error: OSError) -> str:
    """El motivo de un error del sistema de archivos, en español."""
    if isinstance(error, IsADirectoryError):
        return "es una carpeta, no un archivo"
    if isinstance(error, FileNotFoundError):
        return "la carpeta no existe"
    if isinstance(error, PermissionError):
        return "no hay permiso"
    return f"error del sistema ({error.strerror or error})"


def _aplanar(valor: object):
    """Los elementos de listas anidadas, uno por uno."""
    if isinstance(valor, list):
        for elemento in valor:
            yield from _aplanar(elemento)
    else:
        yield valor


def _numeros_finitos(nombre: str, valor: object, dtype: np.dtype) -> np.ndarray:
    """Listas anidadas de números (no booleanos, no null, no textos) finitos también en ``dtype``."""
    malos = [e for e in _aplanar(valor) if isinstance(e, bool) or not isinstance(e, (int, float))]
    if not isinstance(valor, list) or malos:
        recibido = malos[0] if malos else valor
        raise ValueError(f"{nombre} debe ser una lista de números; contiene {_describir_json(recibido)}.")
    try:
        arreglo = np.array(valor, dtype=np.float64)
    except OverflowError:
        raise ValueError(f"{nombre} contiene un entero demasiado grande; se esperan números finitos.") from None
    except ValueError:
        raise ValueError(f"{nombre} debe ser una matriz o un vector de números (filas del mismo "
                         "largo); tiene filas de largos distintos.") from None
    with np.errstate(over="ignore"):
        convertido = arreglo.astype(dtype)
    if not np.all(np.isfinite(convertido)):
        raise ValueError(f"{nombre} contiene valores NaN, infinitos o que no caben en {dtype.name} "
                         f"(como {arreglo[~np.isfinite(convertido)][0]!r}); se esperan números finitos.")
    return convertido


def _describir_json(valor: object) -> str:
    """Un valor leído de JSON, con el nombre que tiene en JSON."""
    if valor is None:
        return "null"
    if isinstance(valor, bool):
        return "true" if valor else "false"
    if isinstance(valor, str):
        return f"el texto {valor!r}"
    return f"{valor!r} (de tipo {type(valor).__name__})"


def _fraccion(nombre: str, valor: object) -> float:
    """Un número real en el intervalo [0, 1)."""
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real):
        raise TypeError(f"«{nombre}» debe ser un número real en [0, 1); se recibió {valor!r} "
                        f"(de tipo {type(valor).__name__}).")
    if not 0 <= valor < 1:
        raise ValueError(f"«{nombre}» debe estar en el intervalo [0, 1); se recibió {valor}.")
    return float(valor)


def _regularizacion_coherente(lmbda: float, regularizacion: str | None) -> None:
    """λ > 0 pide un tipo de regularización: con ``regularizacion=None``, λ debe ser 0."""
    if lmbda > 0 and regularizacion is None:
        raise ValueError(f"«lmbda» = {lmbda} pide regularizar, pero «regularizacion» es None; "
                         "usa regularizacion=\"L2\" o \"L1\", o lmbda=0.")
