"""La línea de comandos del paquete: ``python -m codigo`` (o ``codigo``, si está instalado).

Dos órdenes:

- ``entrenar``: entrena una red sobre MNIST, muestra el progreso de cada época en la
  salida de errores y escribe en la salida estándar un objeto JSON con el resultado. Con
  ``--red basica`` (por omisión) es la red :class:`codigo.red.Red` del capítulo 1; con
  ``--red mejorada``, la :class:`codigo.red_mejorada.RedMejorada` del capítulo 3, con su
  costo, activación, inicialización, regularización, abandono, momento, calendario de η,
  parada temprana y curvas elegidos por opciones, y ``--guardar`` para escribirla en JSON.
- ``rendimiento``: mide los segundos por época de :class:`codigo.red.Red` frente a la misma
  red escrita con un bucle de Python que recorre los ejemplos de uno en uno.

Toda la interfaz está en español, también la ayuda y los errores que genera
:mod:`argparse`: sus textos en inglés se traducen con :func:`_en_espanol` mientras se
construye y se usa el analizador. Un argumento malo termina con un mensaje en la salida
de errores y el código de salida 2, sin traza de Python.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from codigo import __version__  # sin NumPy: la ayuda funciona aunque falte

N_PIXELES = 784
"""Neuronas de la capa de entrada para MNIST: una por píxel (28 × 28)."""
N_DIGITOS = 10
"""Neuronas de la capa de salida para MNIST: una por dígito."""
N_ENTRENAMIENTO = 50_000
"""Imágenes de la partición de entrenamiento."""
ETA_BASICA = 3.0
"""Tasa de aprendizaje por omisión de la red básica (capítulo 1)."""
ETA_MEJORADA = 0.5
"""Tasa de aprendizaje por omisión de la red mejorada (capítulo 3, con entropía cruzada)."""

# Las opciones de la red mejorada, escritas aquí (y no importadas de codigo.costos,
# codigo.activaciones, ...) para que la ayuda no importe NumPy; una prueba comprueba que
# coinciden con las de esos módulos.
COSTOS_CLI = ("cuadratico", "entropia_cruzada", "log_verosimilitud")
ACTIVACIONES_CLI = ("sigmoide", "tanh", "relu")
INICIALIZACIONES_CLI = ("normalizada", "grande")
REGULARIZACIONES_CLI = ("L2", "L1", "ninguna")
EVALUACIONES_CLI = ("validacion", "prueba")
CURVAS_CLI = ("costo_entrenamiento", "exactitud_entrenamiento", "costo_evaluacion", "exactitud_evaluacion")

_POR_OMISION_MEJORADA: dict[str, Any] = {
    "costo": "entropia_cruzada",
    "activacion": "sigmoide",
    "inicializacion": "normalizada",
    "lmbda": 0.0,
    "regularizacion": "L2",
    "abandono": 0.0,
    "momento": 0.0,
    "paciencia_eta": None,
    "parada_temprana": None,
    "evaluacion": "validacion",
    "monitorear": [],
    "guardar": None,
}
"""Las opciones que solo tienen sentido con ``--red mejorada`` y su valor por omisión.

En el analizador todas valen ``None`` por omisión: así se sabe cuáles escribió el
usuario (y, con ``--red basica``, se rechazan en vez de ignorarse). La opción de cada
una es ``--`` más su nombre con guiones: ``paciencia_eta`` → ``--paciencia-eta``.
"""

# Los textos de argparse (Python 3.11–3.13) y su traducción. Un texto que no esté aquí
# se deja como está: es mejor un mensaje en inglés que ninguno.
_TRADUCCIONES = {
    "usage: ": "uso: ",
    "positional arguments": "argumentos posicionales",
    "options": "opciones",
    "optional arguments": "opciones",
    "subcommands": "órdenes",
    "%(heading)s:": "%(heading)s:",
    "show this help message and exit": "muestra esta ayuda y termina",
    "show program's version number and exit": "muestra la versión del programa y termina",
    " (default: %(default)s)": " (por omisión: %(default)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: aviso: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argumentos desconocidos: %s",
    "invalid %(type)s value: %(value)r": "valor inválido para %(type)s: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "elección inválida: %(value)r (elige entre %(choices)s)",
    "the following arguments are required: %s": "faltan argumentos requeridos: %s",
    "one of the arguments %s is required": "se requiere uno de los argumentos %s",
    "not allowed with argument %s": "no se permite junto con el argumento %s",
    "expected one argument": "se esperaba un valor",
    "expected at least one argument": "se esperaba al menos un valor",
    "expected at most one argument": "se esperaba a lo sumo un valor",
    "ambiguous option: %(option)s could match %(matches)s":
        "opción ambigua: %(option)s puede ser %(matches)s",
    "ignored explicit argument %r": "se ignoró el valor explícito %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "orden desconocida %(parser_name)r (elige entre %(choices)s)",
    "can't open '%(filename)s': %(error)s": "no se puede abrir «%(filename)s»: %(error)s",
    "option '%(option)s' is deprecated": "la opción «%(option)s» está obsoleta",
    "argument '%(argument_name)s' is deprecated": "el argumento «%(argument_name)s» está obsoleto",
    "command '%(parser_name)s' is deprecated": "la orden «%(parser_name)s» está obsoleta",
}
_TRADUCCIONES_PLURAL = {
    ("expected %s argument", "expected %s arguments"): ("se esperaba %s valor", "se esperaban %s valores"),
}


def _traducir(texto: str) -> str:
    """La traducción al español de un texto de argparse (o el texto mismo si no la hay)."""
    return _TRADUCCIONES.get(texto, texto)


def _traducir_plural(singular: str, plural: str, n: int) -> str:
    """Como :func:`_traducir`, para los textos con singular y plural (``ngettext``)."""
    es_singular, es_plural = _TRADUCCIONES_PLURAL.get((singular, plural), (singular, plural))
    return es_singular if n == 1 else es_plural


@contextlib.contextmanager
def _en_espanol() -> Iterator[None]:
    """Mientras dura, argparse escribe sus textos en español.

    argparse obtiene cada texto con las funciones ``_`` y ``ngettext`` de su propio módulo
    (las de :mod:`gettext`) en el momento de usarlo; aquí se reemplazan por las nuestras
    y al salir se restauran, así que el cambio no afecta a ningún otro analizador.
    """
    originales = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _traducir, _traducir_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = originales


# --- Tipos de los argumentos: convierten el texto o explican en español qué se espera. ---

def _entero(texto: str) -> int:
    try:
        return int(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"se esperaba un número entero; se recibió {texto!r}.") from None


def _entero_positivo(texto: str) -> int:
    n = _entero(texto)
    if n <= 0:
        raise argparse.ArgumentTypeError(f"se esperaba un entero positivo (1, 2, 3…); se recibió {n}.")
    return n


def _entero_no_negativo(texto: str) -> int:
    n = _entero(texto)
    if n < 0:
        raise argparse.ArgumentTypeError(f"se esperaba un entero mayor o igual que 0; se recibió {n}.")
    return n


def _real_positivo(texto: str) -> float:
    x = _real(texto)
    if not math.isfinite(x) or x <= 0:
        raise argparse.ArgumentTypeError(f"se esperaba un número real positivo y finito; se recibió {texto!r}.")
    return x


def _real(texto: str) -> float:
    try:
        return float(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"se esperaba un número real; se recibió {texto!r}.") from None


def _real_no_negativo(texto: str) -> float:
    x = _real(texto)
    if not math.isfinite(x) or x < 0:
        raise argparse.ArgumentTypeError(
            f"se esperaba un número real mayor o igual que 0 y finito; se recibió {texto!r}."
        )
    return x


def _fraccion(texto: str) -> float:
    x = _real(texto)
    if not 0 <= x < 1:  # también rechaza nan
        raise argparse.ArgumentTypeError(
            f"se esperaba un número real entre 0 (incluido) y 1 (excluido); se recibió {texto!r}."
        )
    return x


def _ruta_json(texto: str) -> str:
    """Una ruta donde se pueda escribir un archivo ``.json``; se comprueba antes de entrenar."""
    ruta = Path(texto)
    if ruta.suffix.lower() != ".json":
        raise argparse.ArgumentTypeError(
            f"se esperaba la ruta de un archivo terminado en .json, como red.json; se recibió {texto!r}."
        )
    if ruta.is_dir():
        raise argparse.ArgumentTypeError(f"«{texto}» es una carpeta; se esperaba la ruta de un archivo .json.")
    carpeta = ruta.parent
    if not carpeta.is_dir():
        raise argparse.ArgumentTypeError(f"la carpeta «{carpeta}» no existe; créala antes o elige otra ruta.")
    if not os.access(carpeta, os.W_OK):
        raise argparse.ArgumentTypeError(f"no se puede escribir en la carpeta «{carpeta}».")
    return texto


def _capa(texto: str) -> int:
    try:
        n = int(texto)
    except ValueError:
        n = 0
    if n <= 0:
        raise argparse.ArgumentTypeError(
            f"cada capa debe ser un entero positivo (su número de neuronas); se recibió {texto!r}."
        )
    return n


def _n_entrenamiento(texto: str) -> int:
    n = _entero_positivo(texto)
    if n > N_ENTRENAMIENTO:
        raise argparse.ArgumentTypeError(
            f"MNIST tiene {miles(N_ENTRENAMIENTO)} imágenes de entrenamiento; se pidieron {miles(n)}."
        )
    return n


class _Capas(argparse.Action):
    """Guarda ``--capas`` después de comprobar que sirven para MNIST.

    Al menos dos capas, la primera de 784 neuronas (una por píxel) y la última de 10
    (una por dígito). Un error aquí sale como cualquier otro error de argparse.
    """

    def __call__(self, analizador: argparse.ArgumentParser, espacio: argparse.Namespace,
                 capas: Any, opcion: str | None = None) -> None:
        if len(capas) < 2:
            raise argparse.ArgumentError(self, f"se necesitan al menos dos capas (entrada y salida), "
                                               f"como {N_PIXELES} 30 {N_DIGITOS}; se recibió {capas}.")
        if capas[0] != N_PIXELES:
            raise argparse.ArgumentError(self, f"para MNIST la primera capa debe tener {N_PIXELES} "
                                               f"neuronas (una por píxel); se recibió {capas[0]}.")
        if capas[-1] != N_DIGITOS:
            raise argparse.ArgumentError(self, f"para MNIST la última capa debe tener {N_DIGITOS} "
                                               f"neuronas (una por dígito); se recibió {capas[-1]}.")
        setattr(espacio, self.dest, capas)


class _Formato(argparse.RawDescriptionHelpFormatter):
    """Respeta los saltos de línea de las descripciones y los ejemplos."""


def _nombre_programa() -> str:
    """«python -m codigo» si se ejecutó así; si no (la orden instalada ``codigo``), «codigo»."""
    principal = sys.modules.get("__main__")
    especificacion = getattr(principal, "__spec__", None)
    return "python -m codigo" if getattr(especificacion, "name", None) == "codigo.__main__" else "codigo"


def crear_analizador() -> argparse.ArgumentParser:
    """El analizador de argumentos; créalo dentro de :func:`_en_espanol`."""
    analizador = argparse.ArgumentParser(
        prog=_nombre_programa(),
        description="Redes neuronales sobre MNIST, desde la terminal: entrena una red o mide su rendimiento.",
        epilog="Ejemplos:\n"
               "  %(prog)s entrenar --capas 784 30 10 --epocas 30 --mini-lote 10 --eta 3.0 --semilla 1\n"
               "  %(prog)s entrenar --red mejorada --capas 784 100 10 --epocas 30 --eta 0.1 --lmbda 5.0 "
               "--guardar red.json\n"
               "Escribe «%(prog)s ORDEN --help» para ver las opciones de cada orden.",
        formatter_class=_Formato,
    )
    analizador.add_argument("--version", action="version",
                            version=f"%(prog)s, versión {__version__} (el paquete codigo del libro "
                                    "«Redes neuronales y aprendizaje profundo»)",
                            help="muestra la versión del programa y termina")
    ordenes = analizador.add_subparsers(title="órdenes", dest="orden", metavar="ORDEN", required=True)

    entrenar = ordenes.add_parser(
        "entrenar", formatter_class=_Formato,
        help="entrena una red sobre MNIST e imprime el resultado en JSON",
        description="Entrena una red con descenso de gradiente estocástico sobre las imágenes de "
                    "entrenamiento de MNIST y la evalúa en las 10 000 de prueba.\n"
                    "--red basica (por omisión) es la red de neuronas sigmoides y costo cuadrático del "
                    "capítulo 1; --red mejorada, la del capítulo 3, con las opciones de su grupo.\n"
                    "El progreso de cada época sale por la salida de errores; el resultado, un objeto "
                    "JSON, por la salida estándar.",
        epilog="Ejemplos:\n"
               "  %(prog)s --capas 784 30 10 --epocas 30 --mini-lote 10 --eta 3.0 --semilla 1\n"
               "  %(prog)s --red mejorada --capas 784 100 10 --epocas 30 --eta 0.1 --lmbda 5.0 "
               "--guardar red.json\n"
               "  %(prog)s --red mejorada --evaluacion validacion --paciencia-eta 10 --parada-temprana 20 "
               "--monitorear costo_entrenamiento costo_evaluacion",
    )
    entrenar.add_argument("--red", choices=("basica", "mejorada"), default=None,
                          help="basica: la red del capítulo 1; mejorada: la del capítulo 3 "
                               "(por omisión: basica)")
    entrenar.add_argument("--capas", type=_capa, nargs="+", action=_Capas,
                          default=[N_PIXELES, 30, N_DIGITOS], metavar="N",
                          help=f"neuronas por capa, de la entrada a la salida; para MNIST la primera "
                               f"debe ser {N_PIXELES} y la última {N_DIGITOS} (por omisión: {N_PIXELES} 30 {N_DIGITOS})")
    entrenar.add_argument("--epocas", type=_entero_positivo, default=30, metavar="N",
                          help="épocas de entrenamiento (por omisión: %(default)s)")
    entrenar.add_argument("--mini-lote", type=_entero_positivo, default=10, metavar="M", dest="mini_lote",
                          help="ejemplos por mini-lote (por omisión: %(default)s)")
    entrenar.add_argument("--eta", type=_real_positivo, default=None, metavar="η",
                          help=f"tasa de aprendizaje (por omisión: {ETA_BASICA}) con --red basica "
                               f"y {ETA_MEJORADA} con --red mejorada")
    entrenar.add_argument("--semilla", type=_entero_no_negativo, default=1, metavar="S",
                          help="semilla del generador de números aleatorios (por omisión: %(default)s)")
    entrenar.add_argument("--n-entrenamiento", type=_n_entrenamiento, default=None, metavar="N",
                          dest="n_entrenamiento",
                          help="usa solo las primeras N imágenes de entrenamiento "
                               f"(por omisión, las {N_ENTRENAMIENTO})")

    d = _POR_OMISION_MEJORADA
    mejorada = entrenar.add_argument_group(
        "opciones de la red mejorada (capítulo 3; solo con --red mejorada)",
        "La exactitud de cada época se mide en los datos de evaluación (--evaluacion); la de\n"
        "prueba, una vez al final. La red que se mide en prueba y se guarda es la de la última\n"
        "época entrenada, no la de la mejor.",
    )
    mejorada.add_argument("--costo", choices=COSTOS_CLI, default=None,
                          help="función de costo; con log_verosimilitud la capa de salida es softmax, "
                               f"con las otras dos, sigmoide (por omisión: {d['costo']})")
    mejorada.add_argument("--activacion", choices=ACTIVACIONES_CLI, default=None,
                          help=f"activación de las capas ocultas (por omisión: {d['activacion']})")
    mejorada.add_argument("--inicializacion", choices=INICIALIZACIONES_CLI, default=None,
                          help="pesos iniciales: normalizada, N(0, 1/n_entrada); grande, N(0, 1) como "
                               f"en el capítulo 1 (por omisión: {d['inicializacion']})")
    mejorada.add_argument("--lmbda", type=_real_no_negativo, default=None, metavar="λ",
                          help="parámetro de regularización λ ≥ 0; la penalización se divide por el "
                               f"número de imágenes de entrenamiento (por omisión: {d['lmbda']})")
    mejorada.add_argument("--regularizacion", choices=REGULARIZACIONES_CLI, default=None,
                          help="tipo de regularización; con ninguna, λ debe ser 0 "
                               f"(por omisión: {d['regularizacion']})")
    mejorada.add_argument("--abandono", type=_fraccion, default=None, metavar="p",
                          help="probabilidad p en [0, 1) de apagar cada neurona oculta en cada "
                               f"mini-lote; requiere capas ocultas (por omisión: {d['abandono']})")
    mejorada.add_argument("--momento", type=_fraccion, default=None, metavar="μ",
                          help=f"coeficiente μ en [0, 1) del descenso con momento (por omisión: {d['momento']})")
    mejorada.add_argument("--paciencia-eta", type=_entero_positivo, default=None, metavar="N",
                          dest="paciencia_eta",
                          help="divide η entre 2 cada vez que la exactitud de evaluación pasa N épocas "
                               "sin mejorar y termina cuando η llega a η/128 (por omisión: η fija)")
    mejorada.add_argument("--parada-temprana", type=_entero_positivo, default=None, metavar="N",
                          dest="parada_temprana",
                          help="termina cuando la exactitud de evaluación pasa N épocas sin mejorar "
                               "(por omisión: se entrenan todas las épocas)")
    mejorada.add_argument("--evaluacion", choices=EVALUACIONES_CLI, default=None,
                          help="datos con que se evalúa cada época y se deciden la paciencia y la "
                               f"parada temprana (por omisión: {d['evaluacion']})")
    mejorada.add_argument("--monitorear", choices=CURVAS_CLI, nargs="+", default=None, metavar="CURVA",
                          help="curvas que se miden además en cada época: "
                               f"{', '.join(CURVAS_CLI)} (exactitud_evaluacion se mide siempre)")
    mejorada.add_argument("--guardar", type=_ruta_json, default=None, metavar="RUTA.json",
                          help="guarda la red entrenada en ese archivo JSON (se lee con "
                               "RedMejorada.cargar); la carpeta debe existir")
    entrenar.set_defaults(_analizador=entrenar)

    rendimiento = ordenes.add_parser(
        "rendimiento", formatter_class=_Formato,
        help="mide los segundos por época de la red matricial frente a un bucle por ejemplo",
        description="Mide los segundos por época de la red [784, 30, 10] (mini-lote de 10, las 50 000 "
                    "imágenes de entrenamiento) de dos formas: la de codigo.red, que procesa cada "
                    "mini-lote como una matriz, y una versión de referencia con la misma matemática "
                    "que recorre los ejemplos de uno en uno. Antes comprueba que ambas dan el mismo "
                    "gradiente. Imprime un resumen legible en la salida de errores y un objeto JSON "
                    "en la salida estándar.",
    )
    rendimiento.add_argument("--epocas-matricial", type=_entero_positivo, default=5, metavar="N",
                             dest="epocas_matricial", help="épocas que se miden de la red matricial (por omisión: %(default)s)")
    rendimiento.add_argument("--epocas-bucle", type=_entero_positivo, default=3, metavar="N",
                             dest="epocas_bucle", help="épocas que se miden de la red con bucle (por omisión: %(default)s)")
    rendimiento.add_argument("--semilla", type=_entero_no_negativo, default=1, metavar="S",
                             help="semilla, la misma para las dos redes (por omisión: %(default)s)")
    return analizador


def _analizar(argv: Sequence[str] | None) -> argparse.Namespace:
    """Analiza ``argv`` en español; ante un error, argparse lanza ``SystemExit(2)``."""
    with _en_espanol():
        args = crear_analizador().parse_args(argv)
        if args.orden == "entrenar":
            _completar_entrenar(args, args._analizador)
            del args._analizador
        return args


def _opcion(nombre: str) -> str:
    """La opción de la línea de comandos de un campo: ``paciencia_eta`` → ``--paciencia-eta``."""
    return "--" + nombre.replace("_", "-")


def _completar_entrenar(args: argparse.Namespace, analizador: argparse.ArgumentParser) -> None:
    """Comprueba las opciones de ``entrenar`` entre sí y pone los valores por omisión.

    Lo que no se puede comprobar opción por opción (una opción de la red mejorada con
    ``--red basica``, λ > 0 sin regularización, abandono sin capas ocultas) termina con
    ``analizador.error``: mensaje en español y código 2, como cualquier error de argparse.
    """
    dadas = [_opcion(nombre) for nombre in _POR_OMISION_MEJORADA if getattr(args, nombre) is not None]
    red_explicita, args.red = args.red is not None, args.red or "basica"
    if args.red == "basica":
        if dadas:
            lista, varias = ", ".join(dadas), len(dadas) > 1
            pedida = ("con --red basica se entrena" if red_explicita
                      else "sin --red se entrena")
            analizador.error(
                f"argumento{'s' if varias else ''} {lista}: solo sirve{'n' if varias else ''} con "
                f"--red mejorada (la red del capítulo 3); {pedida} la red básica del capítulo 1, "
                f"que no {'las' if varias else 'la'} usa. Añade --red mejorada o quita {lista}."
            )
        if args.eta is None:
            args.eta = ETA_BASICA
        return
    for nombre, valor in _POR_OMISION_MEJORADA.items():
        if getattr(args, nombre) is None:
            setattr(args, nombre, valor)
    if args.eta is None:
        args.eta = ETA_MEJORADA
    if args.lmbda > 0 and args.regularizacion == "ninguna":
        analizador.error(f"argumento --lmbda: λ = {args.lmbda} pide regularizar, pero --regularizacion es "
                         "ninguna; usa --regularizacion L2 o L1, o quita --lmbda.")
    if args.abandono > 0 and len(args.capas) < 3:
        analizador.error(f"argumento --abandono: el abandono apaga neuronas ocultas, pero la red "
                         f"{args.capas} no tiene capas ocultas; añade una a --capas (784 30 10) "
                         "o quita --abandono.")
    # Sin repeticiones, en el orden de CURVAS_CLI; la exactitud de evaluación se mide siempre.
    args.monitorear = [c for c in CURVAS_CLI if c in args.monitorear or c == "exactitud_evaluacion"]


_CAMPOS_RED = ("tipo", "capas", "epocas", "tam_mini_lote", "eta", "semilla", "n_entrenamiento")


class _ErrorSalida(Exception):
    """Un error después de entrenar (p. ej., no se pudo guardar la red): código de salida 1."""


def _avisar(texto: str) -> None:
    """Escribe una línea de progreso en la salida de errores (la estándar es solo para el JSON)."""
    print(texto, file=sys.stderr, flush=True)


def _entrenar(args: argparse.Namespace) -> dict[str, Any]:
    if args.red == "mejorada":
        return _entrenar_mejorada(args)
    from codigo.experimentos import Configuracion, entrenar

    config = Configuracion(tipo="red", capas=tuple(args.capas), epocas=args.epocas,
                           tam_mini_lote=args.mini_lote, eta=args.eta, semilla=args.semilla,
                           n_entrenamiento=args.n_entrenamiento)
    n = args.n_entrenamiento or N_ENTRENAMIENTO
    _avisar(f"Entrenando la red {list(config.capas)} con {_cantidad(n, 'imagen', 'imágenes')}: "
            f"{_cantidad(config.epocas, 'época', 'épocas')}, "
            f"mini-lote de {config.tam_mini_lote}, η = {config.eta}, semilla {config.semilla}.")
    contador = iter(range(1, config.epocas + 1))
    ancho = len(str(config.epocas))

    def al_terminar_epoca(registro: dict[str, Any]) -> None:
        _avisar(f"época {next(contador):>{ancho}}/{config.epocas}: exactitud en prueba "
                f"{100 * registro['exactitud']:6.2f} % ({miles(registro['aciertos'])} / {miles(10_000)}), "
                f"{registro['segundos']:.2f} s")

    resultado = entrenar(config, al_terminar_epoca=al_terminar_epoca)
    return {
        # Solo los campos que usa la red del capítulo 1 (Configuracion tiene más, para otros tipos).
        "config": {clave: resultado["config"][clave] for clave in _CAMPOS_RED},
        "exactitud_prueba": resultado["exactitud_prueba"],
        "aciertos_prueba": resultado["aciertos_prueba"],
        "n_prueba": resultado["n_prueba"],
        "por_epoca": resultado["por_epoca"],
        "aciertos_por_epoca": resultado["aciertos_por_epoca"],
        "segundos_por_epoca": statistics.median(resultado["segundos_por_epoca"]),
        "segundos_cada_epoca": resultado["segundos_por_epoca"],
        "segundos_total": resultado["segundos_total"],
    }


_CAMPOS_MEJORADA = ("tipo", "capas", "epocas", "tam_mini_lote", "eta", "semilla", "n_entrenamiento",
                    "costo", "activacion", "inicializacion", "lmbda", "regularizacion", "abandono",
                    "momento", "paciencia_eta", "parada_temprana", "evaluacion", "monitorear")

_NOMBRES_EVALUACION = {"validacion": "validación", "prueba": "prueba"}


def miles(n: int) -> str:
    """Un entero con espacio fino entre grupos de tres cifras: «50 000» (como validacion.miles)."""
    return f"{int(n):,}".replace(",", "\u2009")


def _cantidad(n: int, singular: str, plural: str) -> str:
    """«1 imagen», «50 000 imágenes»: el número (con espacio fino de miles) y el sustantivo concordado."""
    return f"{miles(n)} {singular if n == 1 else plural}"


def _epocas_seguidas(n: int) -> str:
    return "1 época" if n == 1 else f"{miles(n)} épocas seguidas"


def _finitos(valores: list[float]) -> list[float | None]:
    """Los valores, con ``None`` en lugar de NaN o ±infinito (que JSON no admite)."""
    return [x if math.isfinite(x) else None for x in valores]


def _entrenar_mejorada(args: argparse.Namespace) -> dict[str, Any]:
    """Entrena la :class:`codigo.red_mejorada.RedMejorada` del capítulo 3 según ``args``."""
    from codigo.datos import cargar_mnist
    from codigo.experimentos import Configuracion
    from codigo.red_mejorada import RedMejorada

    config = Configuracion(
        tipo="mejorada", capas=tuple(args.capas), epocas=args.epocas, tam_mini_lote=args.mini_lote,
        eta=args.eta, semilla=args.semilla, n_entrenamiento=args.n_entrenamiento, costo=args.costo,
        activacion=args.activacion, inicializacion=args.inicializacion, lmbda=args.lmbda,
        regularizacion=None if args.regularizacion == "ninguna" else args.regularizacion,
        abandono=args.abandono, momento=args.momento, paciencia_eta=args.paciencia_eta,
        parada_temprana=args.parada_temprana, evaluacion=args.evaluacion, monitorear=tuple(args.monitorear),
    )
    inicio = time.perf_counter()
    mnist = cargar_mnist()
    n = args.n_entrenamiento or N_ENTRENAMIENTO
    x, y = mnist.entrenamiento.x[:n], mnist.entrenamiento.y[:n]
    evaluacion, prueba = getattr(mnist, config.evaluacion), mnist.prueba
    nombre_ev, n_ev = _NOMBRES_EVALUACION[config.evaluacion], len(evaluacion.y)

    regularizacion = f"λ = {config.lmbda:g} ({config.regularizacion or 'ninguna'})"
    _avisar(f"Entrenando la red mejorada {list(config.capas)} con {_cantidad(n, 'imagen', 'imágenes')}: "
            f"hasta {_cantidad(config.epocas, 'época', 'épocas')}, mini-lote de {config.tam_mini_lote}, η = {config.eta:g}, costo {config.costo}, "
            f"activación {config.activacion}, inicialización {config.inicializacion}, {regularizacion}, "
            f"abandono {config.abandono:g}, momento {config.momento:g}, semilla {config.semilla}; "
            f"cada época se evalúa en {nombre_ev}.")
    ancho = len(str(config.epocas))

    def al_terminar_epoca(registro: dict[str, Any]) -> None:
        exactitud = registro["exactitud_evaluacion"]
        partes = [f"época {registro['epoca']:>{ancho}}/{config.epocas}: exactitud en {nombre_ev} "
                  f"{100 * exactitud:6.2f} % ({miles(round(exactitud * n_ev))} / {miles(n_ev)})"]
        if "costo_entrenamiento" in registro:
            partes.append(f"costo en entrenamiento {registro['costo_entrenamiento']:.4f}")
        if "exactitud_entrenamiento" in registro:
            partes.append(f"exactitud en entrenamiento {100 * registro['exactitud_entrenamiento']:.2f} %")
        if "costo_evaluacion" in registro:
            partes.append(f"costo en {nombre_ev} {registro['costo_evaluacion']:.4f}")
        if config.paciencia_eta is not None:
            partes.append(f"η = {registro['eta']:g}")
        partes.append(f"{registro['segundos']:.2f} s")
        _avisar(", ".join(partes))

    red = RedMejorada(list(config.capas), costo=config.costo, activacion=config.activacion,
                      inicializacion=config.inicializacion, semilla=config.semilla)
    h = red.sgd(x, y, config.epocas, config.tam_mini_lote, config.eta, lmbda=config.lmbda,
                regularizacion=config.regularizacion, abandono=config.abandono, momento=config.momento,
                paciencia_eta=config.paciencia_eta, parada_temprana=config.parada_temprana,
                datos_evaluacion=(evaluacion.x, evaluacion.y), al_terminar_epoca=al_terminar_epoca,
                **{f"monitorear_{curva}": True for curva in config.monitorear})
    if h.motivo_parada == "parada_temprana":
        _avisar(f"Parada temprana: {_epocas_seguidas(config.parada_temprana)} sin mejorar la exactitud en "
                f"{nombre_ev} (la mejor fue la de la época {h.mejor_epoca}).")
    elif h.motivo_parada == "eta_minima":
        _avisar(f"η bajó a {h.eta[-1] / 2:g}, la η inicial entre 128: fin del entrenamiento "
                f"(la mejor exactitud en {nombre_ev} fue la de la época {h.mejor_epoca}).")
    aciertos = red.evaluar(prueba.x, prueba.y)
    _avisar(f"Exactitud en prueba de la red de la época {h.epocas}: {100 * aciertos / len(prueba.y):.2f} % "
            f"({miles(aciertos)} / {miles(len(prueba.y))}).")
    if args.guardar is not None:
        try:
            red.guardar(args.guardar)
        except (ValueError, OSError) as error:
            raise _ErrorSalida(f"no se pudo guardar la red en «{args.guardar}»: {error}") from None
        _avisar(f"Red guardada en «{args.guardar}».")
    curvas = h.como_dict()
    return {
        "config": {clave: config.como_dict()[clave] for clave in _CAMPOS_MEJORADA},
        "exactitud_prueba": aciertos / len(prueba.y),
        "aciertos_prueba": aciertos,
        "n_prueba": len(prueba.y),
        "evaluacion": config.evaluacion,
        "n_evaluacion": n_ev,
        "por_epoca": h.exactitud_evaluacion,
        "aciertos_por_epoca": [round(e * n_ev) for e in h.exactitud_evaluacion],
        "curvas": {curva: _finitos(curvas[curva]) for curva in config.monitorear},
        "eta_por_epoca": h.eta,
        "epocas_entrenadas": h.epocas,
        "motivo_parada": h.motivo_parada,
        "mejor_epoca": h.mejor_epoca,
        "mejor_exactitud_evaluacion": max(h.exactitud_evaluacion),
        "segundos_por_epoca": statistics.median(h.segundos),
        "segundos_cada_epoca": h.segundos,
        "segundos_total": time.perf_counter() - inicio,
        "red_guardada": args.guardar,
    }


def _rendimiento(args: argparse.Namespace) -> dict[str, Any]:
    from codigo import rendimiento

    resultado = rendimiento.medir(epocas_matricial=args.epocas_matricial, epocas_bucle=args.epocas_bucle,
                                  semilla=args.semilla, avisar=_avisar)
    _avisar(rendimiento.resumen(resultado))
    return resultado


def main(argv: Sequence[str] | None = None) -> int:
    """Punto de entrada de ``python -m codigo``; devuelve el código de salida.

    0 si todo fue bien; 2 si los argumentos son inválidos (el mensaje sale por la salida de
    errores); 1 si faltan o están dañados los datos o no se pudo guardar la red; 130 si se
    interrumpe con Ctrl+C.
    """
    try:
        args = _analizar(argv)
    except SystemExit as salida:  # argparse termina así con --help (0) y con un error (2)
        return salida.code if isinstance(salida.code, int) else (0 if salida.code is None else 2)
    from codigo.datos import ErrorDatos

    try:
        resultado = _entrenar(args) if args.orden == "entrenar" else _rendimiento(args)
    except (ErrorDatos, _ErrorSalida) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrumpido.", file=sys.stderr)
        return 130
    print(json.dumps(resultado, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
