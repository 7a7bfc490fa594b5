"""La línea de comandos del paquete: ``python -m codigo`` (o ``codigo``, si está instalado).

Dos órdenes:

- ``entrenar``: entrena una red sobre MNIST, muestra el progreso de cada época en la
  salida de errores y escribe en la salida estándar un objeto JSON con el resultado.
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
import statistics
import sys
from collections.abc import Iterator, Sequence
from typing import Any

N_PIXELES = 784
"""Neuronas de la capa de entrada para MNIST: una por píxel (28 × 28)."""
N_DIGITOS = 10
"""Neuronas de la capa de salida para MNIST: una por dígito."""
N_ENTRENAMIENTO = 50_000
"""Imágenes de la partición de entrenamiento."""

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
    try:
        x = float(texto)
    except ValueError:
        raise argparse.ArgumentTypeError(f"se esperaba un número real; se recibió {texto!r}.") from None
    if not math.isfinite(x) or x <= 0:
        raise argparse.ArgumentTypeError(f"se esperaba un número real positivo y finito; se recibió {texto!r}.")
    return x


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
            f"MNIST tiene {N_ENTRENAMIENTO} imágenes de entrenamiento; se pidieron {n}."
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
        epilog="Ejemplo:\n  %(prog)s entrenar --capas 784 30 10 --epocas 30 --mini-lote 10 --eta 3.0 --semilla 1\n"
               "Escribe «%(prog)s ORDEN --help» para ver las opciones de cada orden.",
        formatter_class=_Formato,
    )
    ordenes = analizador.add_subparsers(title="órdenes", dest="orden", metavar="ORDEN", required=True)

    entrenar = ordenes.add_parser(
        "entrenar", formatter_class=_Formato,
        help="entrena una red sobre MNIST e imprime el resultado en JSON",
        description="Entrena una red de neuronas sigmoides con descenso de gradiente estocástico sobre "
                    "las imágenes de entrenamiento de MNIST y la evalúa en las 10 000 de prueba.\n"
                    "El progreso de cada época sale por la salida de errores; el resultado, un objeto "
                    "JSON, por la salida estándar.",
    )
    entrenar.add_argument("--capas", type=_capa, nargs="+", action=_Capas,
                          default=[N_PIXELES, 30, N_DIGITOS], metavar="N",
                          help=f"neuronas por capa, de la entrada a la salida; para MNIST la primera "
                               f"debe ser {N_PIXELES} y la última {N_DIGITOS} (por omisión: {N_PIXELES} 30 {N_DIGITOS})")
    entrenar.add_argument("--epocas", type=_entero_positivo, default=30, metavar="N",
                          help="épocas de entrenamiento (por omisión: %(default)s)")
    entrenar.add_argument("--mini-lote", type=_entero_positivo, default=10, metavar="M", dest="mini_lote",
                          help="ejemplos por mini-lote (por omisión: %(default)s)")
    entrenar.add_argument("--eta", type=_real_positivo, default=3.0, metavar="η",
                          help="tasa de aprendizaje (por omisión: %(default)s)")
    entrenar.add_argument("--semilla", type=_entero_no_negativo, default=1, metavar="S",
                          help="semilla del generador de números aleatorios (por omisión: %(default)s)")
    entrenar.add_argument("--n-entrenamiento", type=_n_entrenamiento, default=None, metavar="N",
                          dest="n_entrenamiento",
                          help="usa solo las primeras N imágenes de entrenamiento "
                               f"(por omisión, las {N_ENTRENAMIENTO})")

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
        return crear_analizador().parse_args(argv)


_CAMPOS_RED = ("tipo", "capas", "epocas", "tam_mini_lote", "eta", "semilla", "n_entrenamiento")


def _entrenar(args: argparse.Namespace) -> dict[str, Any]:
    from codigo.experimentos import Configuracion, entrenar

    config = Configuracion(tipo="red", capas=tuple(args.capas), epocas=args.epocas,
                           tam_mini_lote=args.mini_lote, eta=args.eta, semilla=args.semilla,
                           n_entrenamiento=args.n_entrenamiento)
    n = args.n_entrenamiento or N_ENTRENAMIENTO
    print(f"Entrenando la red {list(config.capas)} con {n} imágenes: {config.epocas} épocas, "
          f"mini-lote de {config.tam_mini_lote}, η = {config.eta}, semilla {config.semilla}.",
          file=sys.stderr, flush=True)
    contador = iter(range(1, config.epocas + 1))
    ancho = len(str(config.epocas))

    def al_terminar_epoca(registro: dict[str, Any]) -> None:
        print(f"época {next(contador):>{ancho}}/{config.epocas}: exactitud en prueba "
              f"{100 * registro['exactitud']:6.2f} % ({registro['aciertos']} / 10000), "
              f"{registro['segundos']:.2f} s", file=sys.stderr, flush=True)

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


def _rendimiento(args: argparse.Namespace) -> dict[str, Any]:
    from codigo import rendimiento

    def avisar(texto: str) -> None:
        print(texto, file=sys.stderr, flush=True)

    resultado = rendimiento.medir(epocas_matricial=args.epocas_matricial, epocas_bucle=args.epocas_bucle,
                                  semilla=args.semilla, avisar=avisar)
    print(rendimiento.resumen(resultado), file=sys.stderr, flush=True)
    return resultado


def main(argv: Sequence[str] | None = None) -> int:
    """Punto de entrada de ``python -m codigo``; devuelve el código de salida.

    0 si todo fue bien; 2 si los argumentos son inválidos (el mensaje sale por la salida de
    errores); 1 si faltan o están dañados los datos; 130 si se interrumpe con Ctrl+C.
    """
    try:
        args = _analizar(argv)
    except SystemExit as salida:  # argparse termina así con --help (0) y con un error (2)
        return salida.code if isinstance(salida.code, int) else (0 if salida.code is None else 2)
    from codigo.datos import ErrorDatos

    try:
        resultado = _entrenar(args) if args.orden == "entrenar" else _rendimiento(args)
    except ErrorDatos as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrumpido.", file=sys.stderr)
        return 130
    print(json.dumps(resultado, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
