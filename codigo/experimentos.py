"""Experimentos con nombre y resultados en caché.

Un experimento es una :class:`Configuracion` (qué entrenar, con qué hiperparámetros y
qué semilla). Su resultado es un diccionario que se puede guardar como JSON. La caché
guarda cada resultado bajo una clave que resume tres cosas: las fuentes del paquete
``codigo``, la suma SHA-256 de los datos y la configuración. Si alguna cambia, la clave
cambia y el experimento se vuelve a ejecutar; si ninguna cambia, se lee el resultado
guardado y no se reentrena.

Variables de entorno:

- ``CODIGO_CACHE``: carpeta de la caché (por omisión ``~/.cache/codigo/experimentos``).
- ``CODIGO_RAPIDO=1``: modo rápido para las pruebas (pocas épocas y pocos datos).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import hashlib
import json
import multiprocessing
import os
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

from codigo import datos as d
from codigo import validacion as v
from codigo.activaciones import ACTIVACIONES
from codigo.costos import COSTOS
from codigo.red_mejorada import INICIALIZACIONES, REGULARIZACIONES

TIPOS = ("red", "mejorada", "svm", "oscuridad", "azar")
CURVAS = ("costo_entrenamiento", "exactitud_entrenamiento", "costo_evaluacion", "exactitud_evaluacion")


@dataclasses.dataclass(frozen=True)
class Configuracion:
    """Qué se entrena y cómo. Los campos que no usa un tipo se ignoran."""

    tipo: str = "red"
    capas: tuple[int, ...] = (784, 30, 10)
    epocas: int = 30
    tam_mini_lote: int = 10
    eta: float = 3.0
    semilla: int = 1
    n_entrenamiento: int | None = None
    """Cuántas imágenes de entrenamiento usar (las primeras); ``None`` = las 50 000."""
    # Solo para el tipo "mejorada" (capítulo 3, :class:`codigo.red_mejorada.RedMejorada`):
    costo: str = "entropia_cruzada"
    activacion: str = "sigmoide"
    inicializacion: str = "normalizada"
    lmbda: float = 0.0
    regularizacion: str | None = "L2"
    abandono: float = 0.0
    momento: float = 0.0
    evaluacion: str = "prueba"
    """Con qué datos se evalúa en cada época: ``"prueba"`` o ``"validacion"``."""
    monitorear: tuple[str, ...] = ("exactitud_evaluacion",)
    """Qué curvas se miden en cada época (subconjunto de :data:`CURVAS`)."""
    paciencia_eta: int | None = None
    parada_temprana: int | None = None
    expansion: str | None = None
    """``"desplazamientos"``: añade las cuatro copias desplazadas un píxel de cada imagen."""

    def __post_init__(self) -> None:
        if self.tipo not in TIPOS:
            raise ValueError(f"«tipo» debe ser uno de {TIPOS}; se recibió {self.tipo!r}.")
        object.__setattr__(self, "capas", v.tamanos_de_capas(self.capas))
        v.entero_positivo("epocas", self.epocas)
        v.entero_positivo("tam_mini_lote", self.tam_mini_lote)
        v.real_positivo("eta", self.eta)
        if isinstance(self.semilla, bool) or not isinstance(self.semilla, int) or self.semilla < 0:
            raise ValueError(f"«semilla» debe ser un entero no negativo; se recibió {self.semilla!r}.")
        if self.evaluacion not in ("prueba", "validacion"):
            raise ValueError(f"«evaluacion» debe ser 'prueba' o 'validacion'; se recibió {self.evaluacion!r}.")
        object.__setattr__(self, "monitorear", tuple(self.monitorear))
        for curva in self.monitorear:
            if curva not in CURVAS:
                raise ValueError(f"«monitorear» solo admite {CURVAS}; se recibió {curva!r}.")
        if self.expansion not in (None, "desplazamientos"):
            raise ValueError(f"«expansion» debe ser None o 'desplazamientos'; se recibió {self.expansion!r}.")
        if self.n_entrenamiento is not None:
            n = v.entero_positivo("n_entrenamiento", self.n_entrenamiento)
            if n > 50_000:
                raise ValueError(f"«n_entrenamiento» no puede pasar de {v.miles(50_000)}; se recibió {v.miles(n)}.")
        for nombre, opciones in (("costo", tuple(COSTOS)), ("activacion", tuple(ACTIVACIONES)),
                                 ("inicializacion", INICIALIZACIONES),
                                 ("regularizacion", REGULARIZACIONES)):
            valor = getattr(self, nombre)
            if not any(valor is o or (isinstance(valor, str) and valor == o) for o in opciones):
                lista = ", ".join("None" if o is None else f"«{o}»" for o in opciones)
                raise ValueError(f"«{nombre}» debe ser uno de {lista}; se recibió {valor!r}.")
        v.real_no_negativo("lmbda", self.lmbda)
        if self.lmbda > 0 and self.regularizacion is None:
            raise ValueError(f"«lmbda» = {self.lmbda} pide regularizar, pero «regularizacion» es None; "
                             "usa regularizacion=\"L2\" o \"L1\", o lmbda=0.")
        for nombre in ("abandono", "momento"):
            valor = getattr(self, nombre)
            if isinstance(valor, bool) or not isinstance(valor, (int, float)):
                raise TypeError(f"«{nombre}» debe ser un número real en [0, 1); se recibió {valor!r} "
                                f"(de tipo {type(valor).__name__}).")
            if not 0 <= valor < 1:
                raise ValueError(f"«{nombre}» debe estar en el intervalo [0, 1); se recibió {valor}.")
        for nombre in ("paciencia_eta", "parada_temprana"):
            if getattr(self, nombre) is not None:
                v.entero_positivo(nombre, getattr(self, nombre))
        if self.tipo in ("red", "mejorada") and (self.capas[0] != 784 or self.capas[-1] != 10):
            raise ValueError(
                f"«capas» = {list(self.capas)} no sirve para MNIST: la primera capa debe tener 784 "
                "neuronas (28 × 28 píxeles) y la última 10 (una por dígito), como (784, 30, 10)."
            )
        n_imagenes = (self.n_entrenamiento or 50_000) * (5 if self.expansion else 1)
        if self.tipo in ("red", "mejorada") and self.tam_mini_lote > n_imagenes:
            raise ValueError(
                f"«tam_mini_lote» = {self.tam_mini_lote} es mayor que el número de imágenes de "
                f"entrenamiento ({v.miles(n_imagenes)}); se espera un entero entre 1 y {v.miles(n_imagenes)}."
            )

    def como_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "capas": list(self.capas), "monitorear": list(self.monitorear)}

    def rapida(self) -> Configuracion:
        """La versión reducida que usa el modo rápido de las pruebas."""
        n = 1000 if self.tipo == "svm" else 5000
        return dataclasses.replace(
            self, epocas=min(self.epocas, 2), n_entrenamiento=min(self.n_entrenamiento or n, n)
        )


def _red(capas: tuple[int, ...] = (784, 30, 10), **kw: Any) -> Configuracion:
    return Configuracion(tipo="red", capas=capas, **kw)


def _mejorada(capas: tuple[int, ...] = (784, 30, 10), **kw: Any) -> Configuracion:
    return Configuracion(tipo="mejorada", capas=capas, **kw)


_TODAS = CURVAS
_ENTRENAMIENTO_Y_EVALUACION = ("exactitud_entrenamiento", "exactitud_evaluacion")
_TAMANOS_CAP3 = (100, 300, 1000, 3000, 10_000, 50_000)

_EXPERIMENTOS_CAP3: dict[str, Configuracion] = {
    # Entropía cruzada con la inicialización grande del capítulo 1, para comparar con él.
    "cap3_ec_30": _mejorada(eta=0.5, inicializacion="grande"),
    "cap3_ec_100": _mejorada((784, 100, 10), eta=0.5, inicializacion="grande"),
    # Sobreajuste y regularización.
    "cap3_sobreajuste_1000": _mejorada(n_entrenamiento=1000, epocas=400, eta=0.5,
                                       inicializacion="grande", monitorear=_TODAS),
    "cap3_sobreajuste_50000": _mejorada(eta=0.5, inicializacion="grande",
                                        monitorear=_ENTRENAMIENTO_Y_EVALUACION),
    "cap3_l2_1000": _mejorada(n_entrenamiento=1000, epocas=400, eta=0.5, lmbda=0.1,
                              inicializacion="grande", monitorear=_TODAS),
    "cap3_l2_50000": _mejorada(eta=0.5, lmbda=5.0, inicializacion="grande",
                               monitorear=_ENTRENAMIENTO_Y_EVALUACION),
    "cap3_l2_100": _mejorada((784, 100, 10), eta=0.5, lmbda=5.0, inicializacion="grande",
                             evaluacion="validacion"),
    "cap3_l2_100_eta01": _mejorada((784, 100, 10), epocas=60, eta=0.1, lmbda=5.0,
                                   inicializacion="grande", evaluacion="validacion"),
    # Exactitud según el tamaño del conjunto de entrenamiento: ≈ 1.5 millones de ejemplos vistos.
    **{f"cap3_tam_{n}": _mejorada(n_entrenamiento=n, epocas=max(30, 1_500_000 // n), eta=0.5,
                                  lmbda=5.0, monitorear=()) for n in _TAMANOS_CAP3},
    **{f"cap3_svm_tam_{n}": Configuracion(tipo="svm", n_entrenamiento=n) for n in _TAMANOS_CAP3[:-1]},
    # Inicialización de los pesos: N(0, 1) frente a N(0, 1/n_entrada).
    **{f"cap3_init_{h}_{ini}": _mejorada((784, h, 10), eta=0.1, lmbda=5.0, inicializacion=ini,
                                         evaluacion="validacion")
       for h in (30, 100) for ini in ("grande", "normalizada")},
    # La tasa de aprendizaje y el costo de entrenamiento.
    **{f"cap3_eta_{nombre}": _mejorada(eta=eta, lmbda=5.0, monitorear=("costo_entrenamiento",))
       for nombre, eta in (("0025", 0.025), ("025", 0.25), ("25", 2.5))},
    # Depurar: una η o una λ absurdas dejan la red en el nivel del azar.
    "cap3_depurar_eta": _mejorada(n_entrenamiento=1000, epocas=5, eta=100.0),
    "cap3_depurar_lmbda": _mejorada(n_entrenamiento=1000, epocas=5, eta=0.5, lmbda=1000.0),
    # Calendario de η y parada temprana.
    "cap3_calendario": _mejorada(epocas=100, eta=0.5, lmbda=5.0, paciencia_eta=5,
                                 evaluacion="validacion"),
    "cap3_parada_temprana": _mejorada(epocas=100, eta=0.5, lmbda=5.0, parada_temprana=10,
                                      evaluacion="validacion"),
    # Otras técnicas.
    "cap3_momento": _mejorada(eta=0.5, lmbda=5.0, momento=0.5),
    "cap3_tanh": _mejorada(eta=0.1, lmbda=5.0, activacion="tanh"),
    "cap3_relu": _mejorada(eta=0.05, lmbda=5.0, activacion="relu", costo="log_verosimilitud"),
    "cap3_softmax": _mejorada(eta=0.5, lmbda=5.0, costo="log_verosimilitud"),
    "cap3_abandono": _mejorada((784, 100, 10), eta=0.5, abandono=0.5),
    "cap3_expansion": _mejorada(n_entrenamiento=1000, epocas=100, eta=0.5, lmbda=0.1,
                                expansion="desplazamientos"),
    "cap3_sin_expansion": _mejorada(n_entrenamiento=1000, epocas=100, eta=0.5, lmbda=0.1),
}

EXPERIMENTOS: dict[str, Configuracion] = {
    # Capítulo 1: la red de 30 neuronas ocultas con varias semillas.
    "cap1_30": _red(semilla=1),
    **{f"cap1_30_s{s}": _red(semilla=s) for s in (2, 3, 4, 5)},
    "cap1_100": _red((784, 100, 10), semilla=1),
    **{f"cap1_100_s{s}": _red((784, 100, 10), semilla=s) for s in (2, 3, 4, 5)},
    "cap1_eta_0001": _red((784, 100, 10), eta=0.001, semilla=1),
    "cap1_eta_100": _red((784, 100, 10), eta=100.0, semilla=1),
    "cap1_svm": Configuracion(tipo="svm", n_entrenamiento=10_000),
    "cap1_oscuridad": Configuracion(tipo="oscuridad"),
    "cap1_azar": Configuracion(tipo="azar", semilla=1),
    **_EXPERIMENTOS_CAP3,
}
"""Los experimentos del libro, por nombre."""


def modo_rapido() -> bool:
    """¿Está activo el modo rápido (``CODIGO_RAPIDO=1``)?"""
    return os.environ.get("CODIGO_RAPIDO", "") not in ("", "0")


NO_AFECTAN_RESULTADOS = frozenset({"__main__.py", "rendimiento.py", "graficos.py"})
"""Módulos que no intervienen en ningún experimento (línea de comandos, banco de tiempos,
figuras): cambiarlos no invalida la caché."""


def huella_codigo() -> str:
    """SHA-256 de las fuentes ``.py`` del paquete ``codigo`` (nombres y contenidos).

    Se omiten los módulos de :data:`NO_AFECTAN_RESULTADOS`.
    """
    raiz = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for ruta in sorted(raiz.rglob("*.py")):
        if ruta.relative_to(raiz).as_posix() in NO_AFECTAN_RESULTADOS:
            continue
        h.update(ruta.relative_to(raiz).as_posix().encode() + b"\0")
        h.update(ruta.read_bytes() + b"\0")
    return h.hexdigest()


def clave(config: Configuracion, huella: str | None = None, sha_datos: str | None = None) -> str:
    """La clave de caché de ``config``: resume código, datos y configuración."""
    partes = {
        "codigo": huella or huella_codigo(),
        "datos": sha_datos or d.sha256(d.ruta_mnist()),
        "config": config.como_dict(),
    }
    return hashlib.sha256(json.dumps(partes, sort_keys=True).encode()).hexdigest()[:32]


def carpeta_cache() -> Path:
    """La carpeta donde se guardan los resultados."""
    por_omision = Path.home() / ".cache" / "codigo" / "experimentos"
    return Path(os.environ.get("CODIGO_CACHE") or por_omision)


def _configuracion(experimento: str | Configuracion) -> Configuracion:
    if isinstance(experimento, Configuracion):
        config = experimento
    elif experimento in EXPERIMENTOS:
        config = EXPERIMENTOS[experimento]
    else:
        raise KeyError(f"No hay ningún experimento llamado {experimento!r}. Los que hay: {sorted(EXPERIMENTOS)}.")
    return config.rapida() if modo_rapido() else config


def ejecutar(experimento: str | Configuracion, usar_cache: bool = True) -> dict[str, Any]:
    """El resultado de un experimento: de la caché si está, y si no, entrenando."""
    return ejecutar_varios([experimento], procesos=1, usar_cache=usar_cache)[experimento]


def ejecutar_varios(
    experimentos: list[str | Configuracion], procesos: int = 2, usar_cache: bool = True
) -> dict[str | Configuracion, dict[str, Any]]:
    """Ejecuta varios experimentos, los que falten en paralelo con ``procesos`` procesos.

    Devuelve un diccionario que lleva cada experimento pedido (su nombre, o la misma
    :class:`Configuracion`) a su resultado.
    """
    procesos = v.entero_positivo("procesos", procesos)
    configs = {e: _configuracion(e) for e in experimentos}
    huella, sha_datos = huella_codigo(), d.sha256(d.ruta_mnist())
    carpeta = carpeta_cache()
    resultados: dict[str, dict[str, Any]] = {}
    pendientes: dict[str, tuple[Configuracion, Path]] = {}
    for nombre, config in configs.items():
        ruta = carpeta / f"{clave(config, huella, sha_datos)}.json"
        if usar_cache and ruta.is_file():
            resultados[nombre] = json.loads(ruta.read_text(encoding="utf-8"))
        else:
            pendientes[nombre] = (config, ruta)
    if pendientes:
        # Los más largos primero: así los dos procesos terminan a la vez y no uno mucho después.
        pendientes = dict(sorted(pendientes.items(), key=lambda par: -_costo_estimado(par[1][0])))
        n = min(procesos, len(pendientes))
        carpeta.mkdir(parents=True, exist_ok=True)
        if n == 1:
            for nombre, (config, ruta) in pendientes.items():
                resultados[nombre] = _guardar(ruta, entrenar(config))
        else:
            # Cada proceso con un solo hilo de BLAS: dos procesos en dos núcleos, sin que sus
            # hilos se peleen por ellos. Cada resultado se guarda en cuanto termina.
            contexto = multiprocessing.get_context("spawn")
            with _blas_de_un_hilo(), concurrent.futures.ProcessPoolExecutor(n, mp_context=contexto) as grupo:
                futuros = {grupo.submit(entrenar, config): (nombre, ruta)
                           for nombre, (config, ruta) in pendientes.items()}
                for futuro in concurrent.futures.as_completed(futuros):
                    nombre, ruta = futuros[futuro]
                    resultados[nombre] = _guardar(ruta, futuro.result())
    return {nombre: resultados[nombre] for nombre in configs}


def _guardar(ruta: Path, resultado: dict[str, Any]) -> dict[str, Any]:
    """Escribe ``resultado`` en ``ruta`` de forma atómica (nunca queda un JSON a medias)."""
    temporal = ruta.with_suffix(f".{os.getpid()}.tmp")
    temporal.write_text(json.dumps(resultado), encoding="utf-8")
    temporal.replace(ruta)
    return resultado


@contextlib.contextmanager
def _blas_de_un_hilo():
    """Mientras dura, los procesos nuevos heredan un solo hilo de BLAS/OpenMP."""
    variables = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    antes = {v: os.environ.get(v) for v in variables}
    os.environ.update({v: "1" for v in variables})
    try:
        yield
    finally:
        for variable, valor in antes.items():
            if valor is None:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = valor


def _costo_estimado(config: Configuracion) -> float:
    """Una estimación gruesa (en unidades arbitrarias) de cuánto tarda un experimento."""
    n = config.n_entrenamiento or 50_000
    if config.tipo == "svm":
        return 1e-4 * n**2
    if config.tipo not in ("red", "mejorada"):
        return 0.0
    k = 5 if config.expansion else 1
    return config.epocas * n * k * sum(a * b for a, b in zip(config.capas[:-1], config.capas[1:])) * 1e-6


def entrenar(config: Configuracion, al_terminar_epoca=None) -> dict[str, Any]:
    """Ejecuta ``config`` sin caché y devuelve su resultado como diccionario JSON."""
    mnist = d.cargar_mnist()
    n = config.n_entrenamiento or len(mnist.entrenamiento.x)
    x, y = mnist.entrenamiento.x[:n], mnist.entrenamiento.y[:n]
    prueba = mnist.prueba
    inicio = time.perf_counter()
    resultado: dict[str, Any] = {"config": config.como_dict(), "n_prueba": len(prueba.y)}
    if config.tipo == "red":
        from codigo.red import Red

        red = Red(list(config.capas), semilla=config.semilla)
        h = red.sgd(x, y, config.epocas, config.tam_mini_lote, config.eta,
                    datos_prueba=(prueba.x, prueba.y), al_terminar_epoca=al_terminar_epoca)
        predicciones = np.argmax(red.prealimentar(prueba.x), axis=1)
        resultado |= {
            "por_epoca": h["exactitud"],
            "aciertos_por_epoca": h["aciertos"],
            "segundos_por_epoca": h["segundos"],
            "segundos_mediana": statistics.median(h["segundos"]),
        }
    elif config.tipo == "mejorada":
        resultado |= _entrenar_mejorada(config, x, y, mnist, al_terminar_epoca)
        predicciones = np.array(resultado.pop("_predicciones"))
    elif config.tipo == "svm":
        from codigo.referencias import svm

        predicciones = svm(x, y, prueba.x)
    elif config.tipo == "oscuridad":
        from codigo.referencias import oscuridad_media

        predicciones = oscuridad_media(x, y, prueba.x)
    else:
        predicciones = np.random.default_rng(config.semilla).integers(0, 10, len(prueba.y))
    aciertos = int(np.sum(predicciones == prueba.y))
    resultado |= {
        "aciertos_prueba": aciertos,
        "exactitud_prueba": aciertos / len(prueba.y),
        "predicciones": [int(p) for p in predicciones],
        "segundos_total": time.perf_counter() - inicio,
    }
    return resultado


def _entrenar_mejorada(config: Configuracion, x: np.ndarray, y: np.ndarray, mnist: d.MNIST,
                       al_terminar_epoca=None) -> dict[str, Any]:
    """Entrena una :class:`RedMejorada` según ``config`` (ver :func:`entrenar`)."""
    from codigo.expansion import expandir
    from codigo.red_mejorada import RedMejorada

    if config.expansion == "desplazamientos":
        x, y = expandir(x, y, desplazamientos=True)
    evaluacion = mnist.validacion if config.evaluacion == "validacion" else mnist.prueba
    red = RedMejorada(list(config.capas), costo=config.costo, activacion=config.activacion,
                      inicializacion=config.inicializacion, semilla=config.semilla)
    h = red.sgd(x, y, config.epocas, config.tam_mini_lote, config.eta, lmbda=config.lmbda,
                regularizacion=config.regularizacion, abandono=config.abandono,
                momento=config.momento, paciencia_eta=config.paciencia_eta,
                parada_temprana=config.parada_temprana,
                datos_evaluacion=(evaluacion.x, evaluacion.y),
                al_terminar_epoca=al_terminar_epoca,
                **{f"monitorear_{curva}": True for curva in config.monitorear})
    historial = h.como_dict()
    return {
        "historial": historial,
        "exactitud_final": red.exactitud(evaluacion.x, evaluacion.y),
        "mejor_exactitud": max(historial["exactitud_evaluacion"], default=None),
        "n_evaluacion": len(evaluacion.y),
        "n_entrenamiento": len(x),
        "_predicciones": np.argmax(red.prealimentar(mnist.prueba.x), axis=1),
    }
