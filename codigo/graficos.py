"""Las figuras del libro: un solo estilo para gráficas, diagramas e imágenes de dígitos.

Es el único módulo de :mod:`codigo` que usa matplotlib. Nunca elige el *backend*
(``matplotlib.use``), nunca llama ``plt.show`` ni importa ``pyplot``: cada función crea su
propia figura con :class:`matplotlib.figure.Figure` y la devuelve, así que no se acumulan
figuras abiertas y quien la recibe decide si la muestra, la guarda o la pega con
``myst_nb.glue``.

Las figuras devueltas son de la subclase :class:`FiguraLibro`, que sabe mostrarse como PNG en
Jupyter (``_repr_png_``) aunque el núcleo use el *backend* ``Agg`` (como en la construcción del
libro con ``MPLBACKEND=Agg``, donde una ``Figure`` común se pegaría solo como texto).

El estilo se define en las constantes de abajo y se aplica con :func:`matplotlib.rc_context`
al crear y al dibujar cada figura; los ``rcParams`` globales nunca cambian.
"""

from __future__ import annotations

import io
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import matplotlib
import numpy as np
from matplotlib import patches
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from codigo import validacion as v
from codigo.red import sigmoide

_V = TypeVar("_V")

# --- Estilo ---------------------------------------------------------------------------------

AZUL = "#0072B2"
"""Paleta de Okabe e Ito (2008), distinguible con las formas comunes de daltonismo."""
BERMELLON = "#D55E00"
VERDE = "#009E73"
NARANJA = "#E69F00"
PURPURA = "#CC79A7"
CELESTE = "#56B4E9"
NEGRO = "#000000"

CICLO_COLORES = (AZUL, BERMELLON, VERDE, NARANJA, PURPURA, CELESTE, NEGRO)
"""Orden de los colores de las series de datos."""
CICLO_MARCADORES = ("o", "s", "^", "D", "v", "P", "X")
"""Cada serie lleva además su marcador: las curvas se distinguen también sin color."""

TINTA = "#222222"
"""Texto, contornos de neuronas y flechas."""
GRIS = "#777777"
"""Conexiones secundarias, líneas de referencia, texto auxiliar."""
GRIS_CLARO = "#E3E3E3"
"""Rejilla."""
RELLENO_ENTRADA = "#FFFFFF"
RELLENO_OCULTA = "#D6EAF8"
"""Azul muy claro: neuronas ocultas."""
RELLENO_SALIDA = "#FBE0CC"
"""Bermellón muy claro: neuronas de salida."""

FUENTE = "DejaVu Sans"
"""Tipografía sin remates, con tildes, «⊕», «σ», «η» y «−»; viene con matplotlib."""
TAM_FUENTE = 11
TAM_FUENTE_PEQUENA = 9

ANCHO_FIGURA = 6.4
"""Ancho común de todas las figuras, en pulgadas."""
DPI = 150
"""Resolución del PNG: 6.4 pulgadas × 150 = 960 píxeles de ancho."""

ESTILO: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FUENTE],
    "mathtext.fontset": "dejavusans",
    "font.size": TAM_FUENTE,
    "axes.titlesize": TAM_FUENTE,
    "axes.labelsize": TAM_FUENTE,
    "xtick.labelsize": TAM_FUENTE_PEQUENA + 1,
    "ytick.labelsize": TAM_FUENTE_PEQUENA + 1,
    "legend.fontsize": TAM_FUENTE_PEQUENA + 1,
    "legend.frameon": False,
    "text.color": TINTA,
    "axes.labelcolor": TINTA,
    "axes.edgecolor": TINTA,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": GRIS_CLARO,
    "grid.linewidth": 0.8,
    "axes.prop_cycle": matplotlib.cycler(color=list(CICLO_COLORES)),
    "axes.formatter.use_locale": False,
    "axes.unicode_minus": True,
    "xtick.color": TINTA,
    "ytick.color": TINTA,
    "lines.linewidth": 2.0,
    "lines.markersize": 5,
    "figure.dpi": DPI,
    "figure.facecolor": "white",
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "image.interpolation": "nearest",
}
"""Parámetros de matplotlib del estilo del libro (se aplican con ``rc_context``)."""


class FiguraLibro(Figure):
    """Una :class:`~matplotlib.figure.Figure` que se dibuja siempre con :data:`ESTILO`.

    Además se muestra como PNG en Jupyter con cualquier *backend* (``_repr_png_``), lo que
    permite pegarla con ``glue(nombre, figura, display=False)`` en un libro construido con
    ``MPLBACKEND=Agg``.
    """

    def draw(self, renderer: Any) -> None:  # noqa: D102 - igual que Figure.draw
        with matplotlib.rc_context(ESTILO):
            super().draw(renderer)

    def savefig(self, fname: Any, **kwargs: Any) -> None:  # noqa: D102 - igual que Figure.savefig
        with matplotlib.rc_context(ESTILO):
            super().savefig(fname, **kwargs)

    def _repr_png_(self) -> bytes:
        """La figura como PNG (con :data:`DPI` y bordes ajustados), para Jupyter y myst-nb."""
        memoria = io.BytesIO()
        self.savefig(memoria, format="png", dpi=DPI, bbox_inches="tight", facecolor="white")
        return memoria.getvalue()


def _nueva_figura(alto: float, ancho: float = ANCHO_FIGURA, layout: str | None = "constrained") -> FiguraLibro:
    """Una figura vacía del libro (llamar dentro de ``rc_context(ESTILO)``)."""
    return FiguraLibro(figsize=(ancho, alto), dpi=DPI, layout=layout)


def _terminar(fig: FiguraLibro) -> FiguraLibro:
    """Crea las marcas y textos pendientes con el estilo activo y devuelve la figura."""
    fig.draw_without_rendering()
    return fig


# --- Validación propia de las figuras ---------------------------------------------------------

def _entero_en_rango(nombre: str, valor: object, minimo: int, maximo: int | None = None) -> int:
    if isinstance(valor, bool) or not isinstance(valor, numbers.Integral):
        raise TypeError(f"«{nombre}» debe ser un entero; se recibió {v._describir(valor)}.")
    if valor < minimo or (maximo is not None and valor > maximo):
        rango = f"entre {minimo} y {maximo}" if maximo is not None else f"mayor o igual que {minimo}"
        raise ValueError(f"«{nombre}» debe ser un entero {rango}; se recibió {valor}.")
    return int(valor)


def _imagenes(nombre: str, x: object) -> np.ndarray:
    """Imágenes de MNIST como filas de 784 píxeles reales en [0, 1]."""
    x = v.lote_de_entradas(nombre, x, 784)
    if x.min() < 0 or x.max() > 1:
        raise ValueError(
            f"«{nombre}» debe tener píxeles entre 0 y 1 (como los de cargar_mnist()); "
            f"se encontró el intervalo {float(x.min()):g} … {float(x.max()):g}."
        )
    return x


def _digitos(nombre: str, y: object, n: int, nombre_x: str = "x") -> np.ndarray:
    """Un arreglo 1-D de ``n`` dígitos 0…9; si la longitud no coincide con ``x``, lo dice."""
    if isinstance(y, (list, tuple)):
        y = np.asarray(y)
    if isinstance(y, np.ndarray) and y.ndim == 1 and y.shape[0] != n:
        raise ValueError(
            f"Los tamaños no coinciden: «{nombre_x}» tiene {n} imágenes pero «{nombre}» tiene "
            f"{y.shape[0]} valores; se espera un valor por imagen."
        )
    return v.etiquetas(nombre, y, n, 10)


def _fraccion(nombre: str, valor: object) -> float:
    """Una exactitud como fracción finita en [0, 1]."""
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real):
        raise TypeError(f"«{nombre}» debe ser un número real entre 0 y 1; se recibió {v._describir(valor)}.")
    valor = float(valor)
    if not np.isfinite(valor) or not 0.0 <= valor <= 1.0:
        pista = " Parece un porcentaje: pasa fracciones (0.9542, no 95.42)." if 1 < valor <= 100 else ""
        raise ValueError(f"«{nombre}» debe ser una fracción entre 0 y 1; se recibió {valor}.{pista}")
    return valor


# --- Piezas de los diagramas ------------------------------------------------------------------

def _neurona(ax: Axes, centro: tuple[float, float], radio: float, relleno: str = RELLENO_ENTRADA,
             texto: str | None = None, tam_texto: float = TAM_FUENTE) -> None:
    """Un círculo con contorno de tinta y, si se da, un texto centrado."""
    ax.add_patch(patches.Circle(centro, radio, facecolor=relleno, edgecolor=TINTA, linewidth=1.2, zorder=3))
    if texto:
        ax.text(*centro, texto, ha="center", va="center", fontsize=tam_texto, zorder=4)


def _puntos_en_bordes(p: tuple[float, float], q: tuple[float, float], radio_p: float,
                      radio_q: float, desplazamiento: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Extremos del segmento p→q (corrido ``desplazamiento`` en perpendicular) sobre los círculos.

    El segmento sale del borde del círculo de centro ``p`` y radio ``radio_p`` y llega al
    borde del de ``q``; con desplazamiento, los extremos siguen sobre los bordes.
    """
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    u = (q - p) / np.linalg.norm(q - p)
    n = np.array([-u[1], u[0]])
    avance_p = np.sqrt(max(radio_p ** 2 - desplazamiento ** 2, 0.0))
    avance_q = np.sqrt(max(radio_q ** 2 - desplazamiento ** 2, 0.0))
    return p + avance_p * u + desplazamiento * n, q - avance_q * u + desplazamiento * n


def _flecha(ax: Axes, p: tuple[float, float], q: tuple[float, float], radio_p: float = 0.0,
            radio_q: float = 0.0, color: str = TINTA, ancho: float = 1.2, desplazamiento: float = 0.0,
            punta: bool = True) -> None:
    """Flecha (o línea, si ``punta`` es falso) del borde de un círculo al borde de otro.

    ``desplazamiento`` corre la flecha en perpendicular (hacia la izquierda de p→q), para
    dibujar dos conexiones paralelas entre las mismas neuronas.
    """
    a, b = _puntos_en_bordes(p, q, radio_p, radio_q, desplazamiento)
    estilo = "-|>,head_length=0.45,head_width=0.22" if punta else "-"
    ax.add_patch(patches.FancyArrowPatch(
        tuple(a), tuple(b), arrowstyle=estilo, mutation_scale=14, color=color, linewidth=ancho,
        shrinkA=0, shrinkB=0, zorder=2,
    ))


def _rotulo(ax: Axes, punto: tuple[float, float], texto: str, tam: float = TAM_FUENTE_PEQUENA + 1,
            color: str = TINTA) -> None:
    """Texto pequeño sobre fondo blanco (para pesos sobre las flechas)."""
    ax.text(*punto, texto, ha="center", va="center", fontsize=tam, color=color, zorder=5,
            bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"))


def _punto_en(p: tuple[float, float], q: tuple[float, float], t: float) -> tuple[float, float]:
    return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))


def _lienzo_diagrama(ax: Axes) -> None:
    ax.set_aspect("equal")
    ax.set_axis_off()


def _ajustar_limites(ax: Axes, xmin: float, xmax: float, ymin: float, ymax: float) -> None:
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)


ESCALA_DIAGRAMA = 0.5
"""Pulgadas por unidad de los diagramas: la misma en todos mientras quepan."""
ALTO_MAX_DIAGRAMA = 4.5
"""Alto máximo de un diagrama, en pulgadas."""


def _tamano_diagrama(fig: Figure, ax: Axes) -> None:
    """Da a la figura el tamaño de los límites de ``ax`` con :data:`ESCALA_DIAGRAMA`.

    Así un círculo de radio 0.3 mide lo mismo en todos los diagramas, salvo que el
    diagrama no quepa en :data:`ANCHO_FIGURA` × :data:`ALTO_MAX_DIAGRAMA`.
    """
    dx = abs(np.diff(ax.get_xlim())[0])
    dy = abs(np.diff(ax.get_ylim())[0])
    escala = min(ESCALA_DIAGRAMA, ANCHO_FIGURA / dx, ALTO_MAX_DIAGRAMA / dy)
    fig.set_size_inches(dx * escala, dy * escala)


def dibujar_red(ax: Axes, tamanos: Sequence[int], *, max_neuronas: int = 12,
                nombres_capas: Sequence[str] | None = None,
                rotulos: Mapping[tuple[int, int], str] | None = None,
                flechas: bool = False, sep_capas: float = 3.0, sep_neuronas: float = 1.0,
                radio: float = 0.35) -> list[dict[int, tuple[float, float]]]:
    """Dibuja una red prealimentada (neuronas y conexiones) en unos ejes ya creados.

    Cada capa es una columna de círculos, de izquierda (entrada) a derecha (salida); cada
    neurona se une con todas las de la capa siguiente. Una capa con más de ``max_neuronas``
    neuronas se abrevia: se dibujan las primeras y las últimas, unos puntos suspensivos
    «⋮» entre ellas y, debajo, cuántas neuronas tiene en total (por ejemplo «784 neuronas»).
    Los ejes quedan invisibles, con proporción 1:1 (los círculos son círculos) y con límites
    que abarcan la red y sus nombres; para añadir elementos alrededor, amplía los límites
    después de llamarla.

    Parameters
    ----------
    ax
        Ejes de matplotlib (2-D) donde dibujar.
    tamanos
        Neuronas por capa, de la entrada a la salida; por ejemplo ``[784, 30, 10]``.
    max_neuronas
        Máximo de posiciones verticales por capa (al menos 3). Una capa más grande muestra
        ``max_neuronas // 2`` neuronas arriba, «⋮» y el resto abajo.
    nombres_capas
        Un nombre por capa, escrito debajo de ella (por ejemplo «capa oculta»); ``None``
        no escribe nombres. Las capas abreviadas siempre muestran su número de neuronas.
    rotulos
        Texto dentro de neuronas concretas: ``{(capa, neurona): texto}``, con índices desde
        0 (por ejemplo ``{(0, 0): "$x_1$"}``). Solo se admiten neuronas dibujadas.
    flechas
        Si es ``True``, las conexiones son flechas; si no, líneas finas.
    sep_capas, sep_neuronas, radio
        Geometría en unidades de los datos: distancia entre capas, entre neuronas de una
        capa y radio de cada círculo.

    Returns
    -------
    list of dict
        Para cada capa, ``{índice de neurona: (x, y)}`` con el centro de cada neurona
        dibujada, para añadir anotaciones (por ejemplo resaltar un peso :math:`w^l_{jk}`).

    Raises
    ------
    TypeError, ValueError
        Si ``tamanos`` no es una lista de al menos dos enteros positivos, si ``max_neuronas``
        es menor que 3, si ``nombres_capas`` no tiene un nombre por capa o si un rótulo
        nombra una neurona que no existe o no se dibuja.
    """
    tamanos = v.tamanos_de_capas(tamanos)
    max_neuronas = _entero_en_rango("max_neuronas", max_neuronas, 3)
    if nombres_capas is not None:
        if isinstance(nombres_capas, str) or len(nombres_capas) != len(tamanos):
            raise ValueError(
                f"«nombres_capas» debe tener un nombre por capa ({len(tamanos)}); "
                f"se recibió {nombres_capas!r}."
            )
    for nombre, valor in (("sep_capas", sep_capas), ("sep_neuronas", sep_neuronas), ("radio", radio)):
        v.real_positivo(nombre, valor)
    if radio >= sep_neuronas / 2:
        raise ValueError(
            f"«radio» ({radio}) debe ser menor que la mitad de «sep_neuronas» ({sep_neuronas}) "
            "para que las neuronas no se toquen."
        )

    posiciones: list[dict[int, tuple[float, float]]] = []
    puntos_suspensivos: list[tuple[float, float] | None] = []
    for l, n in enumerate(tamanos):
        x = l * sep_capas
        if n <= max_neuronas:
            indices = list(range(n))
            ranuras = indices
        else:
            arriba = max_neuronas // 2
            abajo = max_neuronas - arriba - 1
            indices = list(range(arriba)) + list(range(n - abajo, n))
            ranuras = list(range(arriba)) + [arriba + 1 + k for k in range(abajo)]
        alto = (min(n, max_neuronas) - 1) * sep_neuronas
        capa = {i: (x, alto / 2 - r * sep_neuronas) for i, r in zip(indices, ranuras)}
        posiciones.append(capa)
        puntos_suspensivos.append((x, alto / 2 - (max_neuronas // 2) * sep_neuronas) if n > max_neuronas else None)

    # Conexiones primero, debajo de las neuronas.
    total = sum(len(a) * len(b) for a, b in zip(posiciones[:-1], posiciones[1:]))
    ancho = 0.9 if total <= 60 else 0.5
    segmentos = []
    for capa_a, capa_b in zip(posiciones[:-1], posiciones[1:]):
        for p in capa_a.values():
            for q in capa_b.values():
                if flechas:
                    _flecha(ax, p, q, radio, radio, color=GRIS, ancho=ancho)
                else:
                    segmentos.append(_puntos_en_bordes(p, q, radio, radio))
    if segmentos:  # una sola colección de líneas: mucho más rápida que cientos de parches
        ax.add_collection(LineCollection(segmentos, colors=GRIS, linewidths=ancho, zorder=2),
                          autolim=False)

    rotulos = dict(rotulos or {})
    for (l, j), texto in rotulos.items():
        if not (0 <= l < len(tamanos)) or j not in posiciones[l]:
            raise ValueError(
                f"«rotulos» nombra la neurona ({l}, {j}), que no existe o no se dibuja "
                f"(capas 0…{len(tamanos) - 1}; en una capa abreviada solo las primeras y las últimas)."
            )
    for l, capa in enumerate(posiciones):
        relleno = RELLENO_ENTRADA if l == 0 else RELLENO_SALIDA if l == len(tamanos) - 1 else RELLENO_OCULTA
        for j, centro in capa.items():
            _neurona(ax, centro, radio, relleno, rotulos.get((l, j)), tam_texto=TAM_FUENTE_PEQUENA)
        if puntos_suspensivos[l] is not None:
            ax.text(*puntos_suspensivos[l], "⋮", ha="center", va="center", fontsize=TAM_FUENTE + 5,
                    color=TINTA)

    # Nombres y cuentas debajo de cada capa, alineados a la altura de la capa más baja.
    y_min = min(c[1] for capa in posiciones for c in capa.values()) - radio
    y_max = max(c[1] for capa in posiciones for c in capa.values()) + radio
    lineas_max = 0
    for l, n in enumerate(tamanos):
        lineas = []
        if nombres_capas is not None:
            lineas.append(str(nombres_capas[l]))
        if n > max_neuronas or nombres_capas is not None:
            lineas.append(f"{n:,}".replace(",", "\u2009") + (" neurona" if n == 1 else " neuronas"))
        lineas_max = max(lineas_max, len(lineas))
        if lineas:
            ax.text(l * sep_capas, y_min - 0.35 * sep_neuronas, "\n".join(lineas), ha="center",
                    va="top", fontsize=TAM_FUENTE_PEQUENA, linespacing=1.3)
    _lienzo_diagrama(ax)
    margen = 0.45 * sep_capas if lineas_max else radio + 0.3
    abajo = y_min - (0.35 + 0.55 * lineas_max) * sep_neuronas - 0.1 if lineas_max else y_min - 0.2
    _ajustar_limites(ax, -margen, (len(tamanos) - 1) * sep_capas + margen, abajo, y_max + 0.2)
    return posiciones


# --- Capítulo 1 -----------------------------------------------------------------------------

def escalon_vs_sigmoide() -> Figure:
    """La salida de un perceptrón (escalón) junto a la de una neurona sigmoide.

    Dos paneles con la misma escala: a la izquierda el escalón, que vale 0 si la entrada
    ponderada :math:`z = w \\cdot x + b` es :math:`z \\le 0` y 1 si :math:`z > 0`; a la
    derecha :math:`\\sigma(z) = 1/(1 + e^{-z})`, su versión suavizada.

    Returns
    -------
    matplotlib.figure.Figure
    """
    z = np.linspace(-6, 6, 601)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(2.9)
        ax_e, ax_s = fig.subplots(1, 2, sharey=True)
        ax_e.plot([-6, 0], [0, 0], color=AZUL)
        ax_e.plot([0, 6], [1, 1], color=AZUL)
        ax_e.plot([0, 0], [0, 1], color=AZUL, linestyle=":", linewidth=1)
        ax_e.plot([0], [0], "o", color=AZUL, markersize=6)
        ax_e.plot([0], [1], "o", markerfacecolor="white", markeredgecolor=AZUL, markersize=6,
                  markeredgewidth=1.5)
        ax_e.set_title("perceptrón: escalón")
        ax_s.plot(z, sigmoide(z), color=BERMELLON)
        ax_s.set_title("neurona sigmoide: $\\sigma(z) = 1/(1+e^{-z})$")
        ax_e.set_ylabel("salida")
        for ax in (ax_e, ax_s):
            ax.set_xlabel("entrada ponderada $z$")
            ax.set_xlim(-6, 6)
            ax.set_xticks([-4, -2, 0, 2, 4])
            ax.set_ylim(-0.08, 1.08)
            ax.set_yticks([0, 0.5, 1])
            ax.yaxis.set_major_formatter(FuncFormatter(lambda t, _: f"{t:g}"))
        return _terminar(fig)


def perceptron(n_entradas: int = 3) -> Figure:
    """Diagrama de un perceptrón: entradas :math:`x_1 … x_n`, pesos, sesgo y salida.

    Parameters
    ----------
    n_entradas
        Número de entradas, de 1 a 8.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        Si ``n_entradas`` no es un entero entre 1 y 8.
    """
    n_entradas = _entero_en_rango("n_entradas", n_entradas, 1, 8)
    r_entrada, r_neurona = 0.35, 0.65
    sep = 1.3
    alto = (n_entradas - 1) * sep
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(max(2.4, 0.55 * n_entradas + 1.3), ancho=ANCHO_FIGURA * 0.8)
        ax = fig.add_subplot()
        neurona = (5.0 + 0.5 * max(0, n_entradas - 3), 0.0)
        for i in range(n_entradas):
            p = (0.0, alto / 2 - i * sep)
            _neurona(ax, p, r_entrada, RELLENO_ENTRADA, f"$x_{{{i + 1}}}$")
            _flecha(ax, p, neurona, r_entrada, r_neurona)
            _rotulo(ax, _punto_en(p, neurona, 0.45), f"$w_{{{i + 1}}}$", tam=TAM_FUENTE)
        _neurona(ax, neurona, r_neurona, RELLENO_OCULTA, "$b$", tam_texto=TAM_FUENTE + 1)
        ax.text(neurona[0], neurona[1] - r_neurona - 0.15, "sesgo", ha="center", va="top",
                fontsize=TAM_FUENTE_PEQUENA + 1, color=GRIS)
        salida = (neurona[0] + 2.4, 0.0)
        _flecha(ax, neurona, salida, r_neurona, 0.0)
        ax.text(salida[0] + 0.12, 0.0, "salida", ha="left", va="center")
        ax.text(0.0, alto / 2 + r_entrada + 0.25, "entradas", ha="center", va="bottom",
                fontsize=TAM_FUENTE_PEQUENA + 1, color=GRIS)
        _lienzo_diagrama(ax)
        _ajustar_limites(ax, -0.6, salida[0] + 1.3, min(-alto / 2 - r_entrada, -r_neurona - 0.5) - 0.1,
                         alto / 2 + r_entrada + 0.7)
        _tamano_diagrama(fig, ax)
        return _terminar(fig)


def diagrama_red(tamanos: list[int], nombres_capas: bool = True, max_neuronas: int = 12) -> Figure:
    """Diagrama de una red prealimentada con capa de entrada, capas ocultas y capa de salida.

    Parameters
    ----------
    tamanos
        Neuronas por capa, de la entrada a la salida; por ejemplo ``[784, 30, 10]``.
    nombres_capas
        Si es ``True``, escribe debajo de cada capa su nombre («capa de entrada»,
        «capa oculta», «capa de salida») y su número de neuronas.
    max_neuronas
        Máximo de neuronas dibujadas por capa (al menos 3); una capa más grande se abrevia
        con «⋮» y su número de neuronas (por ejemplo «784 neuronas»).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        Si ``tamanos`` no es una lista de al menos dos enteros positivos o ``max_neuronas``
        no es un entero mayor o igual que 3.

    See Also
    --------
    dibujar_red : el dibujante, para componer diagramas propios.
    """
    tamanos = v.tamanos_de_capas(tamanos)
    if not isinstance(nombres_capas, bool):
        raise TypeError(f"«nombres_capas» debe ser True o False; se recibió {v._describir(nombres_capas)}.")
    max_neuronas = _entero_en_rango("max_neuronas", max_neuronas, 3)
    n_ocultas = len(tamanos) - 2
    nombres = None
    if nombres_capas:
        ocultas = ["capa oculta"] if n_ocultas == 1 else [f"capa oculta {k + 1}" for k in range(n_ocultas)]
        nombres = ["capa de entrada", *ocultas, "capa de salida"]
    filas = min(max(tamanos), max_neuronas)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(min(5.2, 1.2 + 0.3 * filas), ancho=min(ANCHO_FIGURA, 1.2 + 1.6 * len(tamanos)))
        ax = fig.add_subplot()
        dibujar_red(ax, tamanos, max_neuronas=max_neuronas, nombres_capas=nombres, sep_capas=4.0)
        _tamano_diagrama(fig, ax)
        return _terminar(fig)


# El sumador de dos bits: cada nodo es un perceptrón NAND (dos pesos −2, sesgo 3).
# Nombre del nodo → (entradas, posición). Las salidas «suma» y «acarreo» salen de g4 y g5.
PESO_NAND = -2
SESGO_NAND = 3
_SUMADOR: dict[str, tuple[tuple[str, str], tuple[float, float]]] = {
    "g1": (("x1", "x2"), (2.6, 1.5)),
    "g2": (("x1", "g1"), (5.2, 3.0)),
    "g3": (("g1", "x2"), (5.2, 0.0)),
    "g4": (("g2", "g3"), (7.8, 1.5)),
    "g5": (("g1", "g1"), (5.2, -2.0)),
}
_POSICION_ROTULO = {("x1", "g2"): 0.3, ("x2", "g3"): 0.3}  # dónde va el «−2» sobre la flecha
_ENTRADAS_SUMADOR = {"x1": (0.0, 3.0), "x2": (0.0, 0.0)}
_SALIDAS_SUMADOR = {"g4": "suma  $x_1 \\oplus x_2$", "g5": "acarreo  $x_1 x_2$"}


def _evaluar_sumador(x1: int, x2: int) -> dict[str, int]:
    """Evalúa el circuito del diagrama con perceptrones (peso −2, sesgo 3); para las pruebas."""
    valores = {"x1": x1, "x2": x2}
    for nodo, (entradas, _) in _SUMADOR.items():
        z = sum(PESO_NAND * valores[e] for e in entradas) + SESGO_NAND
        valores[nodo] = int(z > 0)
    return valores


def sumador_nand() -> Figure:
    """Un sumador de dos bits hecho con cinco perceptrones NAND.

    Cada perceptrón tiene dos pesos :math:`-2` y sesgo 3, así que calcula NAND. Cuatro
    forman el «o exclusivo» de la suma :math:`x_1 \\oplus x_2`; el quinto recibe dos veces
    la salida del primero (:math:`\\overline{x_1 x_2}`) y devuelve el acarreo :math:`x_1 x_2`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    r_entrada, r = 0.32, 0.55
    posicion = {**_ENTRADAS_SUMADOR, **{k: p for k, (_, p) in _SUMADOR.items()}}
    radio = {**{k: r_entrada for k in _ENTRADAS_SUMADOR}, **{k: r for k in _SUMADOR}}
    peso = "\u2212" + str(-PESO_NAND)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(ANCHO_FIGURA * 7.05 / 12.7)
        ax = fig.add_subplot()
        for nombre, p in _ENTRADAS_SUMADOR.items():
            _neurona(ax, p, r_entrada, RELLENO_ENTRADA, f"$x_{nombre[1]}$")
        for nodo, (entradas, q) in _SUMADOR.items():
            repetida = entradas[0] == entradas[1]
            for k, e in enumerate(entradas):
                p = posicion[e]
                # Una entrada repetida son dos flechas paralelas, con su rótulo cada una por fuera.
                corrimiento = (0.17 if k == 0 else -0.17) if repetida else 0.0
                _flecha(ax, p, q, radio[e], r, desplazamiento=corrimiento)
                d = np.asarray(q, dtype=float) - np.asarray(p, dtype=float)
                normal = np.array([-d[1], d[0]]) / np.linalg.norm(d)
                t = 0.72 if repetida else _POSICION_ROTULO.get((e, nodo), 0.55)
                _rotulo(ax, tuple(np.asarray(_punto_en(p, q, t)) + 2.4 * corrimiento * normal), peso)
            _neurona(ax, q, r, RELLENO_SALIDA if nodo in _SALIDAS_SUMADOR else RELLENO_OCULTA, "NAND",
                     tam_texto=TAM_FUENTE_PEQUENA)
        x_fin = max(posicion[nodo][0] for nodo in _SALIDAS_SUMADOR) + 1.5
        for nodo, texto in _SALIDAS_SUMADOR.items():
            q = posicion[nodo]
            fin = (x_fin, q[1])
            _flecha(ax, q, fin, r, 0.0)
            ax.text(fin[0] + 0.12, fin[1], texto, ha="left", va="center")
        ax.text(0.0, -3.1, f"Cada perceptrón NAND: pesos {peso} y sesgo {SESGO_NAND}.", ha="left",
                va="center", fontsize=TAM_FUENTE_PEQUENA + 1, color=GRIS)
        _lienzo_diagrama(ax)
        _ajustar_limites(ax, -0.5, 12.2, -3.4, 3.65)
        _tamano_diagrama(fig, ax)
        return _terminar(fig)


def muestra_digitos(x: np.ndarray, y: np.ndarray, n_filas: int = 2, n_columnas: int = 8) -> Figure:
    """Cuadrícula con las primeras ``n_filas × n_columnas`` imágenes y su etiqueta encima.

    Las imágenes (28 × 28) se muestran en escala de grises invertida: tinta oscura sobre
    fondo claro.

    Parameters
    ----------
    x
        Imágenes de forma ``(n, 784)``, píxeles reales en [0, 1] (como ``cargar_mnist()``).
    y
        Etiquetas enteras 0…9 de forma ``(n,)``, una por imagen.
    n_filas, n_columnas
        Tamaño de la cuadrícula; se muestran las primeras ``n_filas * n_columnas`` imágenes.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        Si ``x`` o ``y`` no tienen la forma o el tipo esperados, si sus tamaños no coinciden
        o si hay menos imágenes que casillas en la cuadrícula.
    """
    x = _imagenes("x", x)
    y = _digitos("y", y, len(x))
    n_filas = _entero_en_rango("n_filas", n_filas, 1, 20)
    n_columnas = _entero_en_rango("n_columnas", n_columnas, 1, 16)
    casillas = n_filas * n_columnas
    if len(x) < casillas:
        raise ValueError(
            f"Hay {len(x)} imágenes y la cuadrícula de {n_filas} × {n_columnas} necesita {casillas}; "
            "pasa más imágenes o reduce «n_filas» o «n_columnas»."
        )
    lado = ANCHO_FIGURA / max(n_columnas, 8)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(n_filas * lado * 1.25, ancho=lado * n_columnas)
        ejes = fig.subplots(n_filas, n_columnas, squeeze=False)
        for k, ax in enumerate(ejes.flat):
            _imagen(ax, x[k])
            ax.set_title(str(y[k]), fontsize=TAM_FUENTE, pad=3)
        return _terminar(fig)


def _imagen(ax: Axes, fila: np.ndarray) -> None:
    """Un dígito 28 × 28 en grises invertidos, sin ejes pero con un marco gris tenue."""
    ax.imshow(fila.reshape(28, 28), cmap="gray_r", vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for borde in ax.spines.values():
        borde.set_visible(True)
        borde.set_color(GRIS_CLARO)


def _costo_valle(v1: np.ndarray, v2: np.ndarray) -> np.ndarray:
    """C(v1, v2) = v1² + 2.5 v2²: un valle alargado con mínimo en (0, 0)."""
    return v1 ** 2 + 2.5 * v2 ** 2


def _gradiente_valle(v: np.ndarray) -> np.ndarray:
    return np.array([2.0 * v[0], 5.0 * v[1]])


def _trayectoria_descenso(inicio: tuple[float, float] = (-1.85, 1.6), eta: float = 0.09,
                          pasos: int = 22) -> np.ndarray:
    """Descenso de gradiente v ← v − η ∇C(v) sobre :func:`_costo_valle`; forma (pasos + 1, 2)."""
    v = np.array(inicio, dtype=float)
    puntos = [v.copy()]
    for _ in range(pasos):
        v = v - eta * _gradiente_valle(v)
        puntos.append(v.copy())
    return np.array(puntos)


def valle_costo() -> Figure:
    """Superficie 3-D de un costo :math:`C(v_1, v_2)` con forma de valle y un descenso de gradiente.

    El costo es :math:`C = v_1^2 + 2.5\\, v_2^2`. La trayectoria se calcula de verdad, con
    :math:`v \\leftarrow v - \\eta \\nabla C` (:math:`\\eta = 0.09`, 22 pasos) desde
    :math:`(-1.85, 1.6)`, y baja hasta el mínimo en :math:`(0, 0)`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    malla = np.linspace(-2, 2, 61)
    v1, v2 = np.meshgrid(malla, malla)
    c = _costo_valle(v1, v2)
    camino = _trayectoria_descenso()
    c_camino = _costo_valle(camino[:, 0], camino[:, 1])
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(4.6, layout=None)
        ax = fig.add_subplot(projection="3d", computed_zorder=False)
        fig.subplots_adjust(left=0.0, right=1.0, bottom=0.02, top=1.0)
        ax.plot_surface(v1, v2, c, cmap="viridis", alpha=0.75, linewidth=0.2, edgecolor="white",
                        rstride=3, cstride=3, antialiased=True, zorder=1)
        ax.plot(camino[:, 0], camino[:, 1], c_camino + 0.08, color=BERMELLON, linewidth=1.6,
                marker="o", markersize=3.5, zorder=3)
        ax.text(camino[0, 0], camino[0, 1], c_camino[0] + 0.9, "inicio", color=TINTA, ha="center",
                fontsize=TAM_FUENTE_PEQUENA + 1, zorder=4)
        ax.plot([0.0], [0.0], [0.0], marker="*", markersize=9, color=TINTA, zorder=4)
        ax.text(0.0, 0.0, -2.4, "mínimo", color=TINTA, ha="center", fontsize=TAM_FUENTE_PEQUENA + 1, zorder=4)
        ax.set_xlabel("$v_1$")
        ax.set_ylabel("$v_2$")
        ax.set_zlabel("$C(v_1, v_2)$")
        ax.set_xticks([-2, -1, 0, 1, 2])
        ax.set_yticks([-2, -1, 0, 1, 2])
        ax.view_init(elev=28, azim=-128)
        ax.set_box_aspect(None, zoom=0.92)
        for eje in (ax.xaxis, ax.yaxis, ax.zaxis):
            eje.set_pane_color((1, 1, 1, 0))
        return _terminar(fig)


def exactitud_por_epoca(curvas: dict[str, list[float]], publicado: dict[str, float] | None = None) -> Figure:
    """Exactitud en los datos de prueba tras cada época, en porcentaje.

    Parameters
    ----------
    curvas
        Nombre de la curva → exactitud al final de cada época, **como fracción** en [0, 1]
        (así la devuelve ``experimentos.ejecutar(...)["por_epoca"]``). La gráfica la muestra
        en porcentaje.
    publicado
        Opcional: nombre → exactitud publicada, también como fracción (0.9542 para 95.42 %).
        Se dibuja como una línea horizontal punteada; si el nombre coincide con una curva,
        lleva su mismo color.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        Si ``curvas`` está vacío o no es un diccionario de listas no vacías de números, o si
        algún valor no está en [0, 1] (un valor como 95.42 se señala como porcentaje).
    """
    if not isinstance(curvas, Mapping):
        raise TypeError(f"«curvas» debe ser un diccionario nombre → lista de exactitudes; "
                        f"se recibió {v._describir(curvas)}.")
    if not curvas:
        raise ValueError("«curvas» está vacío: se espera al menos una curva nombre → lista de exactitudes.")
    limpias: dict[str, np.ndarray] = {}
    for nombre, valores in curvas.items():
        if not isinstance(nombre, str):
            raise TypeError(f"Los nombres de «curvas» deben ser textos; se recibió {nombre!r}.")
        if isinstance(valores, (str, bytes)) or not isinstance(valores, (Sequence, np.ndarray)):
            raise TypeError(f"«curvas[{nombre!r}]» debe ser una lista de exactitudes por época; "
                            f"se recibió {v._describir(valores)}.")
        if np.ndim(valores) != 1 or len(valores) == 0:
            raise ValueError(f"«curvas[{nombre!r}]» debe ser una lista no vacía de números, uno por época.")
        limpias[nombre] = np.array([_fraccion(f"curvas[{nombre!r}][{i}]", a) for i, a in enumerate(valores)])
    referencias: dict[str, float] = {}
    if publicado is not None:
        if not isinstance(publicado, Mapping):
            raise TypeError(f"«publicado» debe ser un diccionario nombre → exactitud o None; "
                            f"se recibió {v._describir(publicado)}.")
        for nombre, valor in publicado.items():
            if not isinstance(nombre, str):
                raise TypeError(f"Los nombres de «publicado» deben ser textos; se recibió {nombre!r}.")
            referencias[nombre] = _fraccion(f"publicado[{nombre!r}]", valor)

    n_max = max(len(a) for a in limpias.values())
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.6)
        ax = fig.add_subplot()
        color_de: dict[str, str] = {}
        for k, (nombre, a) in enumerate(limpias.items()):
            color = CICLO_COLORES[k % len(CICLO_COLORES)]
            color_de[nombre] = color
            epocas = np.arange(1, len(a) + 1)
            ax.plot(epocas, 100 * a, color=color, marker=CICLO_MARCADORES[k % len(CICLO_MARCADORES)],
                    markersize=4 if len(a) <= 40 else 0, linewidth=1.6, label=nombre)
        libres = iter(CICLO_COLORES[len(limpias) % len(CICLO_COLORES):] + CICLO_COLORES)
        for nombre, valor in referencias.items():
            color = color_de.get(nombre) or next(libres)
            ax.axhline(100 * valor, color=color, linestyle=(0, (4, 3)), linewidth=1.2,
                       label=f"{nombre} (publicado: {_porcentaje(valor)})")
        ax.set_xlabel("época")
        ax.set_ylabel("exactitud (%)")
        ax.set_xlim(0.5, n_max + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda t, _: f"{t:g}"))
        ax.legend(loc="best")
        return _terminar(fig)


def _porcentaje(fraccion: float) -> str:
    """0.9542 → «95.42 %» (punto decimal y espacio no separable antes de %)."""
    return f"{100 * fraccion:.2f}\u00a0%"


def digitos_mal_clasificados(x: np.ndarray, y: np.ndarray, predicciones: np.ndarray, n: int = 24,
                             n_columnas: int = 8) -> Figure:
    """Cuadrícula de imágenes mal clasificadas, con la etiqueta verdadera y la de la red.

    Toma, en orden, las primeras ``n`` imágenes con ``predicciones != y``. Si hay menos
    errores que ``n``, muestra todos los que hay; si no hay ninguno, la figura lo dice con
    un texto. Las imágenes (28 × 28) van en grises invertidos: tinta oscura sobre fondo claro.

    Parameters
    ----------
    x
        Imágenes de forma ``(m, 784)`` con píxeles en [0, 1], por ejemplo ``mnist.prueba.x``.
    y
        Etiquetas verdaderas 0…9, forma ``(m,)``.
    predicciones
        Dígito que eligió la red para cada imagen, forma ``(m,)`` (arreglo o lista de enteros,
        como ``experimentos.ejecutar(...)["predicciones"]``).
    n
        Máximo de imágenes a mostrar (1 a 200).
    n_columnas
        Imágenes por fila (1 a 16).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        Si los arreglos no tienen la forma o el tipo esperados o sus tamaños no coinciden.
    """
    x = _imagenes("x", x)
    y = _digitos("y", y, len(x))
    predicciones = _digitos("predicciones", predicciones, len(x))
    n = _entero_en_rango("n", n, 1, 200)
    n_columnas = _entero_en_rango("n_columnas", n_columnas, 1, 16)
    errores = np.flatnonzero(predicciones != y)[:n]
    lado = ANCHO_FIGURA / max(n_columnas, 8)
    with matplotlib.rc_context(ESTILO):
        if len(errores) == 0:
            fig = _nueva_figura(1.2)
            ax = fig.add_subplot()
            ax.set_axis_off()
            ax.text(0.5, 0.5, f"Ninguna de las {len(x)} imágenes está mal clasificada.", ha="center",
                    va="center", transform=ax.transAxes)
            return _terminar(fig)
        n_filas = -(-len(errores) // n_columnas)
        columnas = min(n_columnas, len(errores))
        fig = _nueva_figura(n_filas * lado * 1.4, ancho=lado * max(columnas, 1))
        ejes = fig.subplots(n_filas, columnas, squeeze=False)
        for k, ax in enumerate(ejes.flat):
            if k >= len(errores):
                ax.set_axis_off()
                continue
            i = errores[k]
            _imagen(ax, x[i])
            ax.set_title(f"verdadero: {y[i]}", fontsize=TAM_FUENTE_PEQUENA - 1, pad=2)
            ax.set_xlabel(f"red: {predicciones[i]}", fontsize=TAM_FUENTE_PEQUENA - 1, color=BERMELLON,
                          labelpad=2)
        return _terminar(fig)


# --- Capítulo 2 -----------------------------------------------------------------------------

def _nombre_capa_relativo(i: int, capa: int, ultima: int) -> str:
    """Nombre de la capa ``i`` respecto de la capa ``capa`` («l», «l − 1», «l + 1», «L»)."""
    if i == capa:
        return "capa $l$"
    if i == ultima:
        return "capa $L$"
    return f"capa $l - {capa - i}$" if i < capa else f"capa $l + {i - capa}$"


def _resaltar(ax: Axes, pares: Sequence[tuple[tuple[float, float], tuple[float, float]]], radio: float,
              color: str = BERMELLON, ancho: float = 1.6) -> None:
    """Conexiones resaltadas: por encima de las grises, por debajo de las neuronas."""
    segmentos = [_puntos_en_bordes(p, q, radio, radio) for p, q in pares]
    if segmentos:
        ax.add_collection(LineCollection(segmentos, colors=color, linewidths=ancho, zorder=2.5),
                          autolim=False)


def notacion_pesos() -> Figure:
    """El peso :math:`w^l_{jk}`: de la neurona *k* de la capa *l − 1* a la neurona *j* de la capa *l*.

    A la izquierda, dos capas (4 y 3 neuronas) con la conexión de la neurona :math:`k = 3`
    a la neurona :math:`j = 2` resaltada. A la derecha, la matriz :math:`w^l` (3 × 4) con la
    misma casilla resaltada: la fila es la neurona que recibe y la columna la que envía,
    por eso :math:`z^l = w^l a^{l-1} + b^l` no necesita trasponer nada.

    Returns
    -------
    matplotlib.figure.Figure
    """
    n_antes, n_capa, k, j = 4, 3, 2, 1  # índices desde 0: k = 3 y j = 2 en el texto
    radio, sep_capas = 0.3, 3.6
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.0)
        ax = fig.add_subplot()
        pos = dibujar_red(ax, [n_antes, n_capa], sep_capas=sep_capas, radio=radio,
                          rotulos={(0, i): f"${i + 1}$" for i in range(n_antes)}
                          | {(1, i): f"${i + 1}$" for i in range(n_capa)})
        p, q = pos[0][k], pos[1][j]
        _resaltar(ax, [(p, q)], radio, ancho=2.6)
        _rotulo(ax, _punto_en(p, q, 0.3), "$w^l_{jk}$", tam=TAM_FUENTE + 1, color=BERMELLON)
        ax.text(p[0] - radio - 0.15, p[1], "$k$", ha="right", va="center", color=BERMELLON,
                fontsize=TAM_FUENTE + 1)
        ax.text(q[0] + radio + 0.15, q[1], "$j$", ha="left", va="center", color=BERMELLON,
                fontsize=TAM_FUENTE + 1)
        arriba = max(c[1] for c in pos[0].values()) + radio + 0.3
        for x, nombre in ((0.0, "capa $l - 1$"), (sep_capas, "capa $l$")):
            ax.text(x, arriba, nombre, ha="center", va="bottom", fontsize=TAM_FUENTE_PEQUENA + 1)

        # La matriz w^l: una fila por neurona de la capa l, una columna por neurona de la capa l − 1.
        lado, x0 = 0.62, sep_capas + 2.4
        y0 = n_capa * lado / 2
        for fila in range(n_capa):
            for col in range(n_antes):
                elegida = (fila, col) == (j, k)
                ax.add_patch(patches.Rectangle(
                    (x0 + col * lado, y0 - (fila + 1) * lado), lado, lado,
                    facecolor=RELLENO_SALIDA if elegida else "white",
                    edgecolor=BERMELLON if elegida else GRIS, linewidth=1.8 if elegida else 0.8,
                    zorder=3 if elegida else 2))
                ax.text(x0 + (col + 0.5) * lado, y0 - (fila + 0.5) * lado,
                        f"$w_{{{fila + 1}{col + 1}}}$", ha="center", va="center",
                        fontsize=TAM_FUENTE_PEQUENA - 1, color=TINTA if elegida else GRIS, zorder=4)
        centro_x = x0 + n_antes * lado / 2
        ax.text(centro_x, y0 + 0.45, "$w^l$", ha="center", va="bottom", fontsize=TAM_FUENTE + 1)
        ax.text(x0 - 0.12, y0 - (j + 0.5) * lado, "fila $j$", ha="right", va="center",
                fontsize=TAM_FUENTE_PEQUENA, color=BERMELLON)
        ax.text(x0 + (k + 0.5) * lado, y0 - n_capa * lado - 0.12, "columna $k$", ha="center", va="top",
                fontsize=TAM_FUENTE_PEQUENA, color=BERMELLON)
        ax.text(centro_x, y0 - n_capa * lado - 0.7,
                "fila: la neurona que recibe\ncolumna: la neurona que envía", ha="center", va="top",
                fontsize=TAM_FUENTE_PEQUENA, color=GRIS, linespacing=1.3)
        _lienzo_diagrama(ax)
        abajo = min(c[1] for c in pos[0].values()) - radio - 0.3
        _ajustar_limites(ax, -0.9, x0 + n_antes * lado + 0.3, min(abajo, y0 - n_capa * lado - 1.75),
                         arriba + 0.55)
        _tamano_diagrama(fig, ax)
        return _terminar(fig)


def notacion_activaciones() -> Figure:
    """Sesgo :math:`b^l_j` y activación :math:`a^l_j` de la neurona *j* de la capa *l*.

    Las activaciones :math:`a^{l-1}_k` de la capa anterior llegan (conexiones resaltadas) a
    la neurona :math:`j`, que les suma su sesgo :math:`b^l_j`, aplica :math:`\\sigma` y envía
    :math:`a^l_j` a la capa siguiente. Debajo, la fórmula que lo resume.

    Returns
    -------
    matplotlib.figure.Figure
    """
    tamanos, j = [4, 3, 2], 1
    radio, sep_capas = 0.3, 3.4
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.0)
        ax = fig.add_subplot()
        pos = dibujar_red(ax, tamanos, sep_capas=sep_capas, radio=radio, sep_neuronas=1.3)
        q = pos[1][j]
        _resaltar(ax, [(p, q) for p in pos[0].values()], radio, ancho=2.0)
        _resaltar(ax, [(q, r) for r in pos[2].values()], radio, color=AZUL, ancho=2.0)
        _neurona(ax, q, radio, RELLENO_SALIDA)
        ax.add_patch(patches.Circle(q, radio, facecolor="none", edgecolor=BERMELLON, linewidth=2.0, zorder=4))
        for k, p in pos[0].items():
            ax.text(p[0] - radio - 0.12, p[1], f"$a^{{l-1}}_{{{k + 1}}}$", ha="right", va="center",
                    fontsize=TAM_FUENTE)
        ax.text(q[0], q[1] + radio + 0.12, "$b^l_j$", ha="center", va="bottom", fontsize=TAM_FUENTE + 1,
                color=BERMELLON, bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none"),
                zorder=5)
        r = pos[2][0]
        _rotulo(ax, _punto_en(q, r, 0.5), "$a^l_j$", tam=TAM_FUENTE + 1, color=AZUL)
        arriba = max(c[1] for c in pos[0].values()) + radio + 0.3
        for i, nombre in enumerate(("capa $l - 1$", "capa $l$", "capa $l + 1$")):
            ax.text(i * sep_capas, arriba, nombre, ha="center", va="bottom", fontsize=TAM_FUENTE_PEQUENA + 1)
        abajo = min(c[1] for c in pos[0].values()) - radio
        ax.text(sep_capas, abajo - 0.45, "$a^l_j = \\sigma\\left(\\sum_k w^l_{jk}\\, a^{l-1}_k + b^l_j\\right)$",
                ha="center", va="top", fontsize=TAM_FUENTE + 1)
        _lienzo_diagrama(ax)
        _ajustar_limites(ax, -1.6, 2 * sep_capas + 0.6, abajo - 1.35, arriba + 0.55)
        _tamano_diagrama(fig, ax)
        return _terminar(fig)


def perturbacion_capas(tamanos: Sequence[int] = (4, 5, 5, 3), capa: int = 1, neurona: int = 1,
                       origen: int = 0, desde: str = "peso") -> Figure:
    """Un cambio pequeño en un peso (o en la entrada ponderada de una neurona) viaja hasta el costo.

    La conexión perturbada (o la neurona, si ``desde="neurona"``) va en bermellón; todas las
    conexiones por las que el cambio se propaga hacia la salida, en naranja; y las neuronas
    de salida desembocan en el costo :math:`C`. Las demás conexiones quedan en gris: el
    cambio no pasa por ellas.

    Parameters
    ----------
    tamanos
        Neuronas por capa (entre 3 y 6 capas, de 1 a 8 neuronas cada una).
    capa
        Índice (desde 0) de la capa :math:`l` de la neurona perturbada; de 1 a la penúltima.
    neurona
        Índice (desde 0) de la neurona :math:`j` en esa capa.
    origen
        Índice (desde 0) de la neurona :math:`k` de la capa anterior de la que sale el peso
        :math:`w^l_{jk}` (solo con ``desde="peso"``).
    desde
        ``"peso"`` (se perturba :math:`w^l_{jk}`) o ``"neurona"`` (se perturba :math:`z^l_j`).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        Si algún argumento no es de los tipos o rangos descritos.
    """
    tamanos = v.tamanos_de_capas(tamanos)
    if not 3 <= len(tamanos) <= 6 or max(tamanos) > 8:
        raise ValueError(f"«tamanos» debe tener entre 3 y 6 capas de 1 a 8 neuronas (es un diagrama); "
                         f"se recibió {list(tamanos)}.")
    capa = _entero_en_rango("capa", capa, 1, len(tamanos) - 2)
    neurona = _entero_en_rango("neurona", neurona, 0, tamanos[capa] - 1)
    origen = _entero_en_rango("origen", origen, 0, tamanos[capa - 1] - 1)
    if desde not in ("peso", "neurona"):
        raise ValueError(f"«desde» debe ser \"peso\" o \"neurona\"; se recibió {desde!r}.")
    radio, sep_capas = 0.3, 2.6
    ultima = len(tamanos) - 1
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.2)
        ax = fig.add_subplot()
        pos = dibujar_red(ax, tamanos, sep_capas=sep_capas, radio=radio, sep_neuronas=1.3)
        q = pos[capa][neurona]
        # Aguas abajo: de la neurona j a toda la capa siguiente y, desde ahí, todo con todo.
        camino = [(q, r) for r in pos[capa + 1].values()]
        for i in range(capa + 1, ultima):
            camino += [(p, r) for p in pos[i].values() for r in pos[i + 1].values()]
        _resaltar(ax, camino, radio, color=NARANJA, ancho=1.5)
        for i in range(capa + 1, ultima + 1):
            for c in pos[i].values():
                ax.add_patch(patches.Circle(c, radio, facecolor="none", edgecolor=NARANJA, linewidth=1.8,
                                            zorder=4))
        _neurona(ax, q, radio, RELLENO_SALIDA)
        ax.add_patch(patches.Circle(q, radio, facecolor="none", edgecolor=BERMELLON, linewidth=2.2, zorder=4))
        if desde == "peso":
            p = pos[capa - 1][origen]
            _resaltar(ax, [(p, q)], radio, ancho=2.8)
            _rotulo(ax, _punto_en(p, q, 0.4), "$\\Delta w^l_{jk}$", tam=TAM_FUENTE, color=BERMELLON)
            etiqueta = "$\\Delta a^l_j$"
        else:
            etiqueta = "$\\Delta z^l_j$"
        ax.text(q[0], q[1] + radio + 0.1, etiqueta, ha="center", va="bottom", fontsize=TAM_FUENTE,
                color=BERMELLON, zorder=5,
                bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none"))
        # El costo: una caja a la derecha de la capa de salida.
        x_costo = ultima * sep_capas + 2.0
        y_costo = float(np.mean([c[1] for c in pos[ultima].values()]))
        ax.add_patch(patches.FancyBboxPatch((x_costo - 0.35, y_costo - 0.35), 0.7, 0.7,
                                            boxstyle="round,pad=0.05", facecolor="white",
                                            edgecolor=NARANJA, linewidth=1.8, zorder=3))
        ax.text(x_costo, y_costo, "$C$", ha="center", va="center", fontsize=TAM_FUENTE + 2, zorder=4)
        salidas = list(pos[ultima].values())
        for i, c in enumerate(salidas):
            llegada = y_costo + 0.5 * (len(salidas) - 1 - 2 * i) / max(len(salidas) - 1, 1) * 0.6
            _flecha(ax, c, (x_costo - 0.42, llegada), radio, 0.0, color=NARANJA, ancho=1.3)
        ax.text(x_costo, y_costo + 0.55, "$\\Delta C$", ha="center", va="bottom", fontsize=TAM_FUENTE,
                color=BERMELLON)
        arriba = max(c[1] for capa_ in pos for c in capa_.values()) + radio + 0.3
        for i in range(len(tamanos)):
            ax.text(i * sep_capas, arriba, _nombre_capa_relativo(i, capa, ultima), ha="center",
                    va="bottom", fontsize=TAM_FUENTE_PEQUENA + 1)
        ax.text(x_costo, arriba, "costo", ha="center", va="bottom", fontsize=TAM_FUENTE_PEQUENA + 1)
        _lienzo_diagrama(ax)
        abajo = min(c[1] for capa_ in pos for c in capa_.values()) - radio - 0.3
        _ajustar_limites(ax, -0.6, x_costo + 0.7, abajo, arriba + 0.55)
        _tamano_diagrama(fig, ax)
        return _terminar(fig)


def _real_no_negativo(nombre: str, valor: object) -> float:
    if isinstance(valor, bool) or not isinstance(valor, numbers.Real):
        raise TypeError(f"«{nombre}» debe ser un número real mayor o igual que 0; se recibió {v._describir(valor)}.")
    valor = float(valor)
    if not np.isfinite(valor) or valor < 0:
        raise ValueError(f"«{nombre}» debe ser un número real finito mayor o igual que 0; se recibió {valor}.")
    return valor


def _diccionario_no_vacio(nombre: str, valor: object, que: str) -> Mapping:
    """Un diccionario con al menos una entrada y solo textos como nombres; ``que`` dice qué contiene."""
    if not isinstance(valor, Mapping):
        raise TypeError(f"«{nombre}» debe ser un diccionario {que}; se recibió {v._describir(valor)}.")
    if not valor:
        raise ValueError(f"«{nombre}» está vacío: se espera al menos una entrada {que}.")
    for clave in valor:
        if not isinstance(clave, str):
            raise TypeError(f"Los nombres de «{nombre}» deben ser textos; se recibió {clave!r}.")
    return valor


def _diccionario_validado(nombre: str, valor: object, que: str,
                          validar: Callable[[str, Any], _V]) -> dict[str, _V]:
    """Como :func:`_diccionario_no_vacio`, con cada valor pasado por ``validar``.

    ``validar`` recibe el nombre de la entrada para sus mensajes, «nombre['clave']», y el
    valor; devuelve el valor comprobado (y convertido) o lanza el error.
    """
    diccionario = _diccionario_no_vacio(nombre, valor, que)
    return {clave: validar(f"{nombre}[{clave!r}]", datos) for clave, datos in diccionario.items()}


def _potencia_de_diez(x: float) -> str:
    """1e-06 → «10⁻⁶» (para rótulos)."""
    exponente = int(np.round(np.log10(x)))
    if np.isclose(x, 10.0 ** exponente):
        return f"$10^{{{exponente}}}$"
    return f"{x:.0e}"


def errores_gradiente(comparaciones: Mapping[str, Sequence[Mapping[str, Any]]],
                      referencia: float | None = 1e-6,
                      texto_referencia: str = "umbral de las pruebas") -> Figure:
    """Barras del error relativo por capa entre la retropropagación y las diferencias finitas.

    Parameters
    ----------
    comparaciones
        Nombre de la red → lista con un diccionario por capa, como la que devuelve
        :func:`codigo.gradientes.comparar`: ``capa`` (entero) y ``error_w``, ``error_b``
        (errores relativos, reales ≥ 0).
    referencia
        Altura de una línea horizontal de referencia (o ``None`` para no dibujarla).
    texto_referencia
        Su rótulo en la leyenda (se le añade el valor, por ejemplo «… (10⁻⁶)»).

    Returns
    -------
    matplotlib.figure.Figure
        Una barra para los pesos y otra para los sesgos de cada capa, agrupadas por red, con
        el eje vertical en escala logarítmica. Un error exactamente 0 (que la escala
        logarítmica no puede mostrar) se dibuja al pie del eje con el rótulo «0».

    Raises
    ------
    TypeError, ValueError
        Si ``comparaciones`` está vacío o mal formado, o si un error es negativo o no finito.
    """
    comparaciones = _diccionario_no_vacio("comparaciones", comparaciones, "nombre de la red → errores por capa")
    grupos: list[tuple[str, list[tuple[int, float, float]]]] = []
    for nombre, capas in comparaciones.items():
        if isinstance(capas, (str, bytes, Mapping)) or not isinstance(capas, Sequence) or not capas:
            raise TypeError(f"«comparaciones[{nombre!r}]» debe ser una lista no vacía de diccionarios por capa "
                            f"(como la de gradientes.comparar); se recibió {v._describir(capas)}.")
        filas = []
        for i, c in enumerate(capas):
            if not isinstance(c, Mapping) or not {"capa", "error_w", "error_b"} <= set(c):
                raise ValueError(f"«comparaciones[{nombre!r}][{i}]» debe ser un diccionario con «capa», "
                                 f"«error_w» y «error_b»; se recibió {c!r}.")
            filas.append((_entero_en_rango(f"comparaciones[{nombre!r}][{i}]['capa']", c["capa"], 1),
                          _real_no_negativo(f"comparaciones[{nombre!r}][{i}]['error_w']", c["error_w"]),
                          _real_no_negativo(f"comparaciones[{nombre!r}][{i}]['error_b']", c["error_b"])))
        grupos.append((nombre, filas))
    if referencia is not None:
        referencia = v.real_positivo("referencia", referencia)
    positivos = [e for _, filas in grupos for _, ew, eb in filas for e in (ew, eb) if e > 0]
    minimo = min(positivos + ([referencia] if referencia else []) + [1e-3])
    maximo = max(positivos + ([referencia] if referencia else []) + [1e-12])
    suelo = 10.0 ** (np.floor(np.log10(minimo)) - 1)
    techo = 10.0 ** (np.ceil(np.log10(maximo)) + 0.6)

    ancho_barra, hueco = 0.38, 0.7
    n_barras = sum(len(f) for _, f in grupos)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.8, ancho=min(ANCHO_FIGURA, 2.4 + 0.75 * n_barras + 0.5 * len(grupos)))
        ax = fig.add_subplot()
        ax.set_yscale("log")
        x, posiciones, etiquetas, centros = 0.0, [], [], []
        for g_i, (nombre, filas) in enumerate(grupos):
            inicio = x
            for capa, ew, eb in filas:
                for desplaz, e, color, rayado, rotulo in (
                        (-ancho_barra / 2, ew, AZUL, None, "pesos $w$"),
                        (ancho_barra / 2, eb, NARANJA, "///", "sesgos $b$")):
                    alto = e if e > 0 else suelo * 1.5
                    ax.bar(x + desplaz, alto - suelo, bottom=suelo, width=ancho_barra, color=color,
                           hatch=rayado, edgecolor="white", linewidth=0.6,
                           label=rotulo if (g_i == 0 and capa == filas[0][0]) else None)
                    if e == 0:
                        ax.text(x + desplaz, alto * 1.6, "0", ha="center", va="bottom",
                                fontsize=TAM_FUENTE_PEQUENA)
                posiciones.append(x)
                etiquetas.append(f"capa {capa}")
                x += 1.0
            centros.append(((inicio + x - 1.0) / 2, nombre))
            x += hueco
        if referencia is not None:
            ax.axhline(referencia, color=GRIS, linestyle=(0, (4, 3)), linewidth=1.3,
                       label=f"{texto_referencia} ({_potencia_de_diez(referencia)})")
        ax.set_xticks(posiciones, etiquetas, fontsize=TAM_FUENTE_PEQUENA)
        ax.tick_params(axis="x", length=0)
        for centro, nombre in centros:
            ax.annotate(nombre, xy=(centro, 0), xycoords=("data", "axes fraction"), xytext=(0, -22),
                        textcoords="offset points", ha="center", va="top", fontsize=TAM_FUENTE_PEQUENA + 1)
        ax.set_xlim(-0.7, x - hueco + 0.7 - 1.0)
        ax.set_ylim(suelo, techo)
        ax.set_ylabel("error relativo")
        ax.grid(axis="x", visible=False)
        fig.legend(loc="outside upper center", ncols=3, fontsize=TAM_FUENTE_PEQUENA + 1)
        return _terminar(fig)


def _miles(n: float) -> str:
    """25450 → «25 450» (miles con espacio fino)."""
    return f"{int(round(n)):,}".replace(",", "\u2009")


def tiempos_gradiente(mediciones: Sequence[Mapping[str, Any]]) -> Figure:
    """Segundos por gradiente frente al número de parámetros, en escala log-log.

    Parameters
    ----------
    mediciones
        Lista de diccionarios como los de :func:`codigo.gradientes.medir_tiempos`, con
        ``parametros`` (entero positivo), ``segundos_numerico`` y ``segundos_retropropagacion``
        (reales positivos). Se ordenan por número de parámetros.

    Returns
    -------
    matplotlib.figure.Figure
        Dos curvas (diferencias finitas y retropropagación) y, en la red más grande, una
        flecha con el cociente entre las dos.

    Raises
    ------
    TypeError, ValueError
        Si la lista está vacía o algún diccionario no tiene esos valores.
    """
    if isinstance(mediciones, (str, bytes, Mapping)) or not isinstance(mediciones, Sequence):
        raise TypeError(f"«mediciones» debe ser una lista de diccionarios (como los de gradientes.medir_tiempos); "
                        f"se recibió {v._describir(mediciones)}.")
    if not mediciones:
        raise ValueError("«mediciones» está vacía: se espera al menos una medición.")
    filas = []
    for i, m in enumerate(mediciones):
        if not isinstance(m, Mapping) or not {"parametros", "segundos_numerico", "segundos_retropropagacion"} <= set(m):
            raise ValueError(f"«mediciones[{i}]» debe tener «parametros», «segundos_numerico» y "
                             f"«segundos_retropropagacion»; se recibió {m!r}.")
        filas.append((_entero_en_rango(f"mediciones[{i}]['parametros']", m["parametros"], 1),
                      v.real_positivo(f"mediciones[{i}]['segundos_numerico']", m["segundos_numerico"]),
                      v.real_positivo(f"mediciones[{i}]['segundos_retropropagacion']",
                                      m["segundos_retropropagacion"])))
    filas.sort()
    p, t_num, t_rp = (np.array(c, dtype=float) for c in zip(*filas))
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.8)
        ax = fig.add_subplot()
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.plot(p, t_num, color=BERMELLON, marker="s", label="diferencias finitas")
        ax.plot(p, t_rp, color=AZUL, marker="o", label="retropropagación")
        cociente = t_num[-1] / t_rp[-1]
        ax.annotate("", xy=(p[-1], t_num[-1]), xytext=(p[-1], t_rp[-1]),
                    arrowprops=dict(arrowstyle="<->", color=GRIS, linewidth=1.2, shrinkA=4, shrinkB=4))
        ax.text(p[-1] * 0.92, np.sqrt(t_num[-1] * t_rp[-1]), f"× {_miles(cociente)}", ha="right",
                va="center", fontsize=TAM_FUENTE_PEQUENA + 1, color=TINTA,
                bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"))
        ax.set_xlabel("parámetros de la red (pesos y sesgos)")
        ax.set_ylabel("segundos por gradiente")
        ax.set_xlim(p[0] / 1.6, p[-1] * 1.6)
        ax.set_ylim(min(t_rp.min(), t_num.min()) / 3, max(t_rp.max(), t_num.max()) * 3)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda t, _: _miles(t) if t >= 1 else f"{t:g}"))
        ax.legend(loc="center left")
        return _terminar(fig)


def barras_tiempos(segundos: Mapping[str, float], unidad: str = "segundos por época") -> Figure:
    """Barras horizontales con el tiempo de cada variante y su valor escrito al final.

    Parameters
    ----------
    segundos
        Nombre de la variante → segundos (real positivo). La primera va arriba.
    unidad
        Rótulo del eje horizontal.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        Si ``segundos`` está vacío o algún valor no es un real positivo.
    """
    valores = _diccionario_validado("segundos", segundos, "nombre → segundos", v.real_positivo)
    if not isinstance(unidad, str):
        raise TypeError(f"«unidad» debe ser un texto; se recibió {v._describir(unidad)}.")
    nombres = list(valores)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(0.9 + 0.55 * len(nombres))
        ax = fig.add_subplot()
        y = np.arange(len(nombres))[::-1]
        maximo = max(valores.values())
        for k, (yi, nombre) in enumerate(zip(y, nombres)):
            ax.barh(yi, valores[nombre], height=0.6, color=CICLO_COLORES[k % len(CICLO_COLORES)])
            ax.text(valores[nombre] + 0.015 * maximo, yi, f"{valores[nombre]:.3g} s", ha="left",
                    va="center", fontsize=TAM_FUENTE_PEQUENA + 1)
        ax.set_yticks(y, nombres)
        ax.set_xlim(0, maximo * 1.18)
        ax.set_xlabel(unidad)
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
        return _terminar(fig)


# --- Capítulo 3 -----------------------------------------------------------------------------

def _serie_c3(nombre: str, valores: object) -> np.ndarray:
    """Una lista no vacía de números reales finitos, como arreglo 1-D de float64."""
    if isinstance(valores, (str, bytes)) or not isinstance(valores, (Sequence, np.ndarray)):
        raise TypeError(f"«{nombre}» debe ser una lista de números, uno por época; "
                        f"se recibió {v._describir(valores)}.")
    if np.ndim(valores) != 1 or len(valores) == 0:
        raise ValueError(f"«{nombre}» debe ser una lista no vacía de números (1-D), uno por época.")
    try:
        serie = np.asarray(valores, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"«{nombre}» debe contener solo números; se recibió {list(valores)[:5]!r}…") from None
    if not np.all(np.isfinite(serie)):
        raise ValueError(f"«{nombre}» contiene valores NaN o infinitos (¿divergió el entrenamiento?).")
    return serie


def _fracciones_c3(nombre: str, valores: object) -> np.ndarray:
    """Como :func:`_serie_c3`, con cada valor una fracción en [0, 1] (una exactitud)."""
    serie = _serie_c3(nombre, valores)
    for i, a in enumerate(serie):
        _fraccion(f"{nombre}[{i}]", float(a))
    return serie


def _numero_c3(nombre: str, valor: object) -> float:
    """Un número real finito, comprobado como una serie de un solo valor."""
    return float(_serie_c3(nombre, [valor])[0])


def _curvas_c3(nombre: str, curvas: object, porcentaje: bool = False,
               que: str = "nombre → lista de valores por época") -> dict[str, np.ndarray]:
    """Un diccionario no vacío nombre → serie; si ``porcentaje``, cada valor es una fracción en [0, 1].

    ``que`` describe el diccionario en los mensajes de error.
    """
    return _diccionario_validado(nombre, curvas, que, _fracciones_c3 if porcentaje else _serie_c3)


def _historial_c3(nombre: str, historial: object, curvas: Sequence[str]) -> dict[str, np.ndarray]:
    """Las ``curvas`` pedidas de un historial (``Historial.como_dict()``), validadas y no vacías."""
    historial = _diccionario_no_vacio(nombre, historial, "historial de entrenamiento (Historial.como_dict())")
    faltan = [c for c in curvas if c not in historial or not historial[c]]
    if faltan:
        raise ValueError(f"A «{nombre}» le faltan las curvas {faltan} (o están vacías): entrena "
                         "monitoreándolas o usa otra figura.")
    return {c: _serie_c3(f"{nombre}[{c!r}]", historial[c]) for c in curvas}


def _identificador_html(nombre: str, valor: object) -> str:
    """Un identificador HTML seguro: letras minúsculas, cifras y guiones, empezando con letra."""
    if not isinstance(valor, str):
        raise TypeError(f"«{nombre}» debe ser un texto; se recibió {v._describir(valor)}.")
    if not (1 <= len(valor) <= 40 and valor[0].isascii() and valor[0].isalpha()
            and all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in valor)):
        raise ValueError(f"«{nombre}» debe ser un identificador de 1 a 40 caracteres con minúsculas "
                         f"ASCII, cifras y guiones, que empiece con letra; se recibió {valor!r}.")
    return valor


def _texto_alternativo(alt: object) -> str:
    """El texto alternativo de una figura interactiva, escapado para un atributo HTML."""
    from html import escape

    if not isinstance(alt, str):
        raise TypeError(f"«alt» debe ser un texto; se recibió {v._describir(alt)}.")
    if not alt.strip():
        raise ValueError("«alt» no puede estar vacío: describe lo que muestra la figura.")
    return escape(" ".join(alt.split()), quote=True)


def _con_menos(x: float, decimales: int) -> str:
    """Un número con ``decimales`` decimales y signo menos tipográfico (−0.316)."""
    return f"{x:.{decimales}f}".replace("-", "\u2212")


def _json_en_script(datos: Any) -> str:
    """JSON que se puede poner dentro de ``<script>`` sin cerrarlo antes de tiempo."""
    import json

    return json.dumps(datos, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _eje_epocas(ax: Axes, n: int, desde: int = 1) -> None:
    ax.set_xlabel("época")
    ax.set_xlim(desde - 0.5 if n - desde < 40 else desde - 1, n + (0.5 if n - desde < 40 else 1))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))


def _marcador(k: int, n_puntos: int) -> dict[str, Any]:
    """Marcador de la serie k: visible solo si la serie tiene pocos puntos."""
    return {"marker": CICLO_MARCADORES[k % len(CICLO_MARCADORES)],
            "markersize": 4 if n_puntos <= 40 else 0, "markevery": None}


def neurona_aprendiendo(casos: Mapping[str, Mapping[str, Sequence[float]]]) -> Figure:
    """Salida y costo de una neurona durante el descenso de gradiente, época a época.

    Dos paneles: a la izquierda la salida ``a`` de la neurona; a la derecha el costo ``C``.
    La época 0 es el punto de partida, antes del primer paso.

    Parameters
    ----------
    casos
        Nombre del caso → ``{"salida": [...], "costo": [...]}``, listas de la misma longitud
        (época 0, 1, 2, …).

    Returns
    -------
    matplotlib.figure.Figure
    """
    series = _casos_neurona("casos", casos, ("salida", "costo"))
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.2)
        ax_a, ax_c = fig.subplots(1, 2)
        estilos = ("-", (0, (5, 2)), (0, (1.5, 1.5)), (0, (6, 2, 1.5, 2)))
        for k, (nombre, s) in enumerate(series.items()):
            epocas = np.arange(len(s["salida"]))
            color = CICLO_COLORES[k % len(CICLO_COLORES)]
            for ax, clave in ((ax_a, "salida"), (ax_c, "costo")):
                ax.plot(epocas, s[clave], color=color, linestyle=estilos[k % len(estilos)],
                        linewidth=1.8, label=nombre)
        ax_a.set_ylabel("salida $a$")
        ax_a.set_ylim(-0.03, 1.03)
        ax_c.set_ylabel("costo $C$")
        ax_c.set_ylim(bottom=0)
        for ax in (ax_a, ax_c):
            ax.set_xlabel("época")
            ax.set_xlim(0, max(len(s["salida"]) for s in series.values()) - 1)
        fig.legend(*ax_a.get_legend_handles_labels(), loc="outside lower center",
                   ncols=min(2, len(series)))
        return _terminar(fig)


def _casos_neurona(nombre: str, casos: object, claves: Sequence[str]) -> dict[str, dict[str, np.ndarray]]:
    """Nombre del caso → :func:`_caso_neurona` de cada caso."""
    que = "nombre → {" + ", ".join(f'"{c}": [...]' for c in claves) + "}"
    return _diccionario_validado(nombre, casos, que,
                                 lambda nombre_caso, datos: _caso_neurona(nombre_caso, datos, claves))


def _caso_neurona(nombre: str, datos: object, claves: Sequence[str]) -> dict[str, np.ndarray]:
    """Un diccionario con las series ``claves`` de una neurona, todas de la misma longitud."""
    if not isinstance(datos, Mapping):
        raise TypeError(f"«{nombre}» debe ser un diccionario con {list(claves)}; "
                        f"se recibió {v._describir(datos)}.")
    faltan = [c for c in claves if c not in datos]
    if faltan:
        raise ValueError(f"A «{nombre}» le faltan las claves {faltan}.")
    series = {c: _serie_c3(f"{nombre}[{c!r}]", datos[c]) for c in claves}
    if len({len(s) for s in series.values()}) != 1:
        raise ValueError(f"Las listas de «{nombre}» deben tener la misma longitud "
                         f"(una por época); se recibieron {[len(s) for s in series.values()]}.")
    return series


ALT_ANIMACION_NEURONA = ("Animación interactiva: la salida y el costo de cada neurona según la época, con "
                         "un botón para reproducir, un deslizador de épocas y una tabla con el peso, el "
                         "sesgo, la salida y el costo en la época elegida.")
ALT_SOFTMAX = ("Figura interactiva de una capa softmax: un deslizador para cada entrada ponderada z_j y "
               "una barra con el valor de cada activación a_j; debajo, su suma, que siempre vale 1.")


def animacion_neurona(casos: Mapping[str, Mapping[str, Sequence[float]]], identificador: str = "neurona",
                      duracion: float = 6.0, alt: str = ALT_ANIMACION_NEURONA) -> str:
    """Animación interactiva (HTML, SVG y JavaScript propios) de neuronas que aprenden.

    Dibuja, como :func:`neurona_aprendiendo`, la salida y el costo de cada caso época a
    época, con un botón para reproducir, un deslizador para elegir la época y una tabla con
    ``w``, ``b``, ``a`` y ``C`` en la época elegida. No usa bibliotecas ni recursos externos:
    funciona en una página HTML estática, sin red. Sin JavaScript se ve el estado final.

    Parameters
    ----------
    casos
        Nombre del caso → ``{"w": [...], "b": [...], "salida": [...], "costo": [...]}``,
        listas de la misma longitud (época 0, 1, 2, …); a lo sumo siete casos.
    identificador
        Prefijo de los ``id`` HTML (minúsculas, cifras y guiones); distinto para cada
        animación de una misma página.
    duracion
        Segundos que tarda la reproducción completa.
    alt
        Texto alternativo (no vacío) para quien no ve la figura: va en el ``aria-label`` del
        bloque (``role="group"``) y en la descripción (``<desc>``) del SVG.

    Returns
    -------
    str
        Un fragmento HTML (para ``IPython.display.HTML``).
    """
    from html import escape

    series = _casos_neurona("casos", casos, ("w", "b", "salida", "costo"))
    if len(series) > len(CICLO_COLORES):
        raise ValueError(f"«casos» admite a lo sumo {len(CICLO_COLORES)} casos; se recibieron {len(series)}.")
    ident = _identificador_html("identificador", identificador)
    alt = _texto_alternativo(alt)
    duracion = _real_no_negativo("duracion", duracion)
    if duracion == 0:
        raise ValueError("«duracion» debe ser mayor que 0 segundos.")
    n = max(len(s["salida"]) for s in series.values()) - 1
    if n < 1 or any(len(s["salida"]) != n + 1 for s in series.values()):
        raise ValueError("Todos los casos deben tener la misma cantidad (≥ 2) de épocas.")
    c_max = max(float(s["costo"].max()) for s in series.values())
    c_tope = float(np.ceil(c_max * 10.5) / 10) if c_max > 0 else 1.0

    ancho_panel, alto_panel, izq, der, arr, aba = 330.0, 210.0, 52.0, 12.0, 24.0, 40.0
    guiones = ("", "7 3", "2 2", "8 3 2 3", "4 2", "1 3", "10 2")

    def px(epoca: np.ndarray | float, panel: int) -> np.ndarray | float:
        return panel * ancho_panel + izq + (ancho_panel - izq - der) * np.asarray(epoca) / n

    def py(valor: np.ndarray | float, tope: float) -> np.ndarray | float:
        return arr + (alto_panel - arr - aba) * (1 - np.asarray(valor) / tope)

    partes = [f'<svg viewBox="0 0 {2 * ancho_panel:g} {alto_panel:g}" width="100%" role="img" '
              f'aria-labelledby="{ident}-titulo" aria-describedby="{ident}-desc" style="max-width:{2 * ancho_panel * 1.45:g}px;display:block;'
              f'font-family:{FUENTE},sans-serif;font-size:12px">'
              f'<title id="{ident}-titulo">Salida y costo de cada neurona según la época</title>'
              f'<desc id="{ident}-desc">{alt}</desc>']
    marcas_x = MaxNLocator(nbins=5, integer=True).tick_values(0, n)
    for panel, (rotulo, tope) in enumerate((("salida a", 1.0), ("costo C", c_tope))):
        x0, x1 = px(0, panel), px(n, panel)
        y0, y1 = py(0, tope), py(tope, tope)
        for t in MaxNLocator(nbins=4).tick_values(0, tope):
            if 0 <= t <= tope + 1e-12:
                partes.append(f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{py(t, tope):.1f}" y2="{py(t, tope):.1f}" '
                              f'stroke="{GRIS_CLARO}"/><text x="{x0 - 6:.1f}" y="{py(t, tope) + 4:.1f}" '
                              f'text-anchor="end" fill="{TINTA}">{t:g}</text>')
        for t in marcas_x:
            if 0 <= t <= n:
                partes.append(f'<text x="{px(t, panel):.1f}" y="{y0 + 16:.1f}" text-anchor="middle" '
                              f'fill="{TINTA}">{t:g}</text>')
        partes.append(f'<path d="M{x0:.1f},{y1:.1f}V{y0:.1f}H{x1:.1f}" fill="none" stroke="{TINTA}"/>'
                      f'<text x="{(x0 + x1) / 2:.1f}" y="{alto_panel - 6:g}" text-anchor="middle" '
                      f'fill="{TINTA}">época</text><text x="{x0:.1f}" y="{arr - 9:g}" fill="{TINTA}">'
                      f'{rotulo}</text>')
    puntos: dict[str, list[list[float]]] = {}
    for k, (nombre, s) in enumerate(series.items()):
        color, guion = CICLO_COLORES[k], guiones[k]
        epocas = np.arange(n + 1)
        for panel, (clave, tope) in enumerate((("salida", 1.0), ("costo", c_tope))):
            xs, ys = np.round(px(epocas, panel), 1), np.round(py(s[clave], tope), 1)
            todos = " ".join(f"{a:g},{b:g}" for a, b in zip(xs, ys))
            puntos.setdefault(nombre, []).append([float(a) for par in zip(xs, ys) for a in par])
            rasgo = f' stroke-dasharray="{guion}"' if guion else ""
            partes.append(f'<polyline points="{todos}" fill="none" stroke="{color}" stroke-opacity="0.22" '
                          f'stroke-width="1.5"{rasgo}/>'
                          f'<polyline id="{ident}-l{k}-{panel}" points="{todos}" fill="none" '
                          f'stroke="{color}" stroke-width="2"{rasgo}/>'
                          f'<circle id="{ident}-p{k}-{panel}" cx="{xs[-1]:g}" cy="{ys[-1]:g}" r="3.5" '
                          f'fill="{color}"/>')
    partes.append("</svg>")

    filas = []
    for k, (nombre, s) in enumerate(series.items()):
        muestra = (f'<svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" '
                   f'stroke="{CICLO_COLORES[k]}" stroke-width="2.5"'
                   + (f' stroke-dasharray="{guiones[k]}"' if guiones[k] else "") + "/></svg>")
        celdas = "".join(f'<td id="{ident}-{c}{k}" style="text-align:right;padding:0 .6em;'
                         f'font-variant-numeric:tabular-nums">{_con_menos(s[c][-1], 3)}</td>'
                         for c in ("w", "b", "salida", "costo"))
        filas.append(f"<tr><td style=\"padding:0 .6em 0 0\">{muestra} {escape(nombre)}</td>{celdas}</tr>")
    tabla = ('<table style="border-collapse:collapse;margin:.4em 0;font-size:.9em"><thead><tr>'
             '<th style="text-align:left">caso</th><th>w</th><th>b</th><th>salida a</th><th>costo C</th>'
             f"</tr></thead><tbody>{''.join(filas)}</tbody></table>")
    controles = (f'<div style="display:flex;align-items:center;gap:.8em;flex-wrap:wrap">'
                 f'<button type="button" id="{ident}-boton" style="min-width:7.5em">▶ Reproducir</button>'
                 f'<label for="{ident}-epoca">época</label>'
                 f'<input type="range" id="{ident}-epoca" min="0" max="{n}" step="1" value="{n}" '
                 f'style="flex:1;min-width:10em">'
                 f'<output id="{ident}-texto" for="{ident}-epoca" aria-live="polite" '
                 f'style="min-width:3.5em;font-variant-numeric:tabular-nums">{n}</output></div>')
    datos = {"n": n, "duracion": duracion * 1000, "puntos": list(puntos.values()),
             "valores": [{c: [round(float(a), 6) for a in s[c]] for c in ("w", "b", "salida", "costo")}
                         for s in series.values()]}
    guion_js = """(function () {
  var id = %(id)s, d = %(datos)s;
  var raiz = document.getElementById(id);
  if (!raiz) return;
  var deslizador = document.getElementById(id + "-epoca"), texto = document.getElementById(id + "-texto");
  var boton = document.getElementById(id + "-boton"), claves = ["w", "b", "salida", "costo"];
  var cuadro = null, inicio = 0;
  function conMenos(x, decimales) { return x.toFixed(decimales).replace("-", "\\u2212"); }
  function mostrar(k) {
    k = Math.max(0, Math.min(d.n, Math.round(k)));
    deslizador.value = k;
    texto.value = String(k);
    texto.textContent = String(k);
    for (var c = 0; c < d.puntos.length; c++) {
      for (var p = 0; p < 2; p++) {
        var xy = d.puntos[c][p], trozos = [];
        for (var i = 0; i <= k; i++) trozos.push(xy[2 * i] + "," + xy[2 * i + 1]);
        document.getElementById(id + "-l" + c + "-" + p).setAttribute("points", trozos.join(" "));
        var punto = document.getElementById(id + "-p" + c + "-" + p);
        punto.setAttribute("cx", xy[2 * k]);
        punto.setAttribute("cy", xy[2 * k + 1]);
      }
      for (var j = 0; j < claves.length; j++) {
        document.getElementById(id + "-" + claves[j] + c).textContent = conMenos(d.valores[c][claves[j]][k], 3);
      }
    }
  }
  function parar() {
    if (cuadro !== null) cancelAnimationFrame(cuadro);
    cuadro = null;
    boton.textContent = "\\u25B6 Reproducir";
  }
  function paso(ahora) {
    var k = (ahora - inicio) / d.duracion * d.n;
    mostrar(k);
    if (k >= d.n) { parar(); return; }
    cuadro = requestAnimationFrame(paso);
  }
  boton.addEventListener("click", function () {
    if (cuadro !== null) { parar(); return; }
    var desde = Number(deslizador.value) >= d.n ? 0 : Number(deslizador.value);
    inicio = performance.now() - desde / d.n * d.duracion;
    boton.textContent = "\\u23F8 Pausa";
    cuadro = requestAnimationFrame(paso);
  });
  deslizador.addEventListener("input", function () { parar(); mostrar(Number(deslizador.value)); });
  mostrar(d.n);
})();""" % {"id": _json_en_script(ident), "datos": _json_en_script(datos)}
    return (f'<div id="{ident}" class="rn-interactivo" role="group" aria-label="{alt}" '
            f'style="background:#fff;color:{TINTA};padding:.6em;border:1px solid {GRIS_CLARO};border-radius:4px;text-align:left;'
            f'font-family:{FUENTE},sans-serif">'
            f"{''.join(partes)}{controles}{tabla}</div><script>{guion_js}</script>")


def softmax_interactiva(z: Sequence[float], identificador: str = "softmax", z_min: float = -6.0,
                        z_max: float = 6.0, alt: str = ALT_SOFTMAX) -> str:
    """Una capa softmax con un deslizador por cada entrada ponderada ``z_j`` (HTML y JavaScript propios).

    Al mover un deslizador se recalculan en el navegador las activaciones
    ``a_j = e^{z_j} / Σ_k e^{z_k}``, que se muestran como barras con su valor, junto con su
    suma (siempre 1). No usa bibliotecas ni recursos externos. El estado inicial se calcula
    aquí con :func:`codigo.costos.softmax`, así que sin JavaScript también se ve bien.

    Parameters
    ----------
    z
        Valores iniciales de las entradas ponderadas (de 2 a 10), entre ``z_min`` y ``z_max``.
    identificador
        Prefijo de los ``id`` HTML (minúsculas, cifras y guiones); distinto para cada
        instancia de una misma página.
    z_min, z_max
        Extremos de los deslizadores.
    alt
        Texto alternativo (no vacío) para quien no ve la figura: va en el ``aria-label`` del
        bloque (``role="group"``).

    Returns
    -------
    str
        Un fragmento HTML (para ``IPython.display.HTML``).
    """
    from codigo.costos import softmax

    z = _serie_c3("z", z)
    if not 2 <= len(z) <= 10:
        raise ValueError(f"«z» debe tener entre 2 y 10 valores; se recibieron {len(z)}.")
    ident = _identificador_html("identificador", identificador)
    alt = _texto_alternativo(alt)
    for nombre, valor in (("z_min", z_min), ("z_max", z_max)):
        if isinstance(valor, bool) or not isinstance(valor, numbers.Real) or not np.isfinite(valor):
            raise TypeError(f"«{nombre}» debe ser un número real finito; se recibió {v._describir(valor)}.")
    if not z_min < z_max:
        raise ValueError(f"Se necesita z_min < z_max; se recibió z_min={z_min} y z_max={z_max}.")
    if z.min() < z_min or z.max() > z_max:
        raise ValueError(f"Los valores de «z» deben estar entre z_min={z_min:g} y z_max={z_max:g}; "
                         f"se recibió el intervalo {z.min():g} … {z.max():g}.")
    a = softmax(z)
    filas = []
    for j, (zj, aj) in enumerate(zip(z, a), start=1):
        filas.append(
            f'<div style="display:grid;grid-template-columns:2.2em minmax(8em,1fr) 3.2em 2.2em '
            f'minmax(6em,1.2fr) 3.6em;align-items:center;gap:.5em;margin:.25em 0">'
            f'<label for="{ident}-z{j}">z<sub>{j}</sub></label>'
            f'<input type="range" id="{ident}-z{j}" min="{z_min:g}" max="{z_max:g}" step="0.1" '
            f'value="{zj:.1f}" aria-describedby="{ident}-ayuda">'
            f'<output id="{ident}-vz{j}" for="{ident}-z{j}" style="text-align:right;'
            f'font-variant-numeric:tabular-nums">{_con_menos(zj, 1)}</output>'
            f'<span>a<sub>{j}</sub></span>'
            f'<div style="background:{GRIS_CLARO};height:1em;border-radius:2px" aria-hidden="true">'
            f'<div id="{ident}-b{j}" style="background:{AZUL};height:100%;width:{100 * aj:.1f}%;'
            f'border-radius:2px"></div></div>'
            f'<output id="{ident}-a{j}" style="text-align:right;font-variant-numeric:tabular-nums">'
            f'{aj:.3f}</output></div>')
    guion_js = """(function () {
  var id = %(id)s, n = %(n)d;
  if (!document.getElementById(id)) return;
  function el(s) { return document.getElementById(id + s); }
  function actualizar() {
    var z = [], maximo = -Infinity, suma = 0, e = [];
    for (var j = 1; j <= n; j++) { z.push(Number(el("-z" + j).value)); maximo = Math.max(maximo, z[j - 1]); }
    for (var j = 0; j < n; j++) { e.push(Math.exp(z[j] - maximo)); suma += e[j]; }
    var total = 0;
    for (var j = 1; j <= n; j++) {
      var a = e[j - 1] / suma;
      total += a;
      el("-vz" + j).textContent = z[j - 1].toFixed(1).replace("-", "\\u2212");
      el("-a" + j).textContent = a.toFixed(3);
      el("-b" + j).style.width = (100 * a).toFixed(1) + "%%";
    }
    el("-suma").textContent = total.toFixed(3);
  }
  for (var j = 1; j <= n; j++) el("-z" + j).addEventListener("input", actualizar);
  actualizar();
})();""" % {"id": _json_en_script(ident), "n": len(z)}
    return (f'<div id="{ident}" class="rn-interactivo" role="group" aria-label="{alt}" '
            f'style="background:#fff;color:{TINTA};padding:.6em .8em;border:1px solid {GRIS_CLARO};border-radius:4px;max-width:40em;'
            f'margin:0 auto;text-align:left;font-family:{FUENTE},sans-serif">'
            f'<p id="{ident}-ayuda" style="margin:0 0 .4em 0">Mueve los deslizadores de las entradas '
            f"ponderadas z<sub>j</sub>; las barras muestran las activaciones a<sub>j</sub> de la capa softmax.</p>"
            f"{''.join(filas)}"
            f'<p style="margin:.4em 0 0 0">suma de las a<sub>j</sub>: <output id="{ident}-suma" '
            f'aria-live="polite">{a.sum():.3f}</output></p></div><script>{guion_js}</script>')


def curvas_sobreajuste(historial: Mapping[str, Any], nombre_evaluacion: str = "prueba",
                       desde_epoca: int = 1, publicado: Mapping[str, float] | None = None) -> Figure:
    """Las cuatro curvas de un entrenamiento: costo y exactitud, en entrenamiento y evaluación.

    Cuatro paneles: costo de entrenamiento, costo de evaluación, exactitud de entrenamiento
    y exactitud de evaluación, por época. El sobreajuste se ve cuando el costo de
    entrenamiento sigue bajando mientras el de evaluación sube y su exactitud se estanca.

    Parameters
    ----------
    historial
        ``Historial.como_dict()`` con las cuatro curvas monitoreadas (exactitudes como fracción).
    nombre_evaluacion
        Cómo se llaman los datos de evaluación en los títulos (``"prueba"`` o ``"validación"``).
    desde_epoca
        Primera época que se dibuja (las primeras pueden tapar el resto por su escala).
    publicado
        Opcional: ``{"exactitud_evaluacion": 0.8227, ...}``, cifras publicadas (fracciones)
        que se dibujan punteadas en su panel.

    Returns
    -------
    matplotlib.figure.Figure
    """
    claves = ("costo_entrenamiento", "costo_evaluacion", "exactitud_entrenamiento", "exactitud_evaluacion")
    series = _historial_c3("historial", historial, claves)
    if not isinstance(nombre_evaluacion, str) or not nombre_evaluacion:
        raise TypeError(f"«nombre_evaluacion» debe ser un texto no vacío; se recibió {v._describir(nombre_evaluacion)}.")
    n = len(series["costo_entrenamiento"])
    if any(len(s) != n for s in series.values()):
        raise ValueError("Las cuatro curvas de «historial» deben tener una entrada por época (la misma longitud).")
    desde = _entero_en_rango("desde_epoca", desde_epoca, 1, n)
    referencias = {}
    if publicado is not None:
        publicado = _diccionario_no_vacio("publicado", publicado, "curva → exactitud publicada")
        for clave, valor in publicado.items():
            if clave not in ("exactitud_entrenamiento", "exactitud_evaluacion"):
                raise ValueError(f"«publicado» solo admite «exactitud_entrenamiento» y «exactitud_evaluacion»; "
                                 f"se recibió {clave!r}.")
            referencias[clave] = _fraccion(f"publicado[{clave!r}]", valor)
    titulos = {"costo_entrenamiento": "costo en entrenamiento",
               "costo_evaluacion": f"costo en {nombre_evaluacion}",
               "exactitud_entrenamiento": "exactitud en entrenamiento (%)",
               "exactitud_evaluacion": f"exactitud en {nombre_evaluacion} (%)"}
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(4.8)
        ejes = fig.subplots(2, 2, sharex=True)
        epocas = np.arange(desde, n + 1)
        for k, (clave, ax) in enumerate(zip(claves, ejes.flat)):
            y = series[clave][desde - 1:]
            es_exactitud = clave.startswith("exactitud")
            color = (AZUL, BERMELLON, AZUL, BERMELLON)[k]
            ax.plot(epocas, 100 * y if es_exactitud else y, color=color, linewidth=1.5,
                    **_marcador(k, len(epocas)))
            if clave in referencias:
                ax.axhline(100 * referencias[clave], color=GRIS, linestyle=(0, (4, 3)), linewidth=1.2,
                           label=f"publicado: {_porcentaje(referencias[clave])}")
                ax.legend(loc="lower right")
            ax.set_title(titulos[clave])
            if es_exactitud:
                ax.yaxis.set_major_formatter(FuncFormatter(lambda t, _: f"{t:g}"))
        for ax in ejes[1]:
            _eje_epocas(ax, n, desde)
        return _terminar(fig)


def comparar_curvas(curvas: Mapping[str, Sequence[float]], eje_y: str, porcentaje: bool = True,
                    publicado: Mapping[str, float] | None = None, desde_epoca: int = 1,
                    escala_log: bool = False) -> Figure:
    """Varias curvas por época en un mismo panel (exactitudes o costos).

    Parameters
    ----------
    curvas
        Nombre → valores por época. Si ``porcentaje``, son fracciones en [0, 1] y se muestran
        en porcentaje.
    eje_y
        Rótulo del eje vertical (por ejemplo ``"exactitud de validación (%)"``).
    porcentaje
        Si los valores son exactitudes (fracciones) que se muestran en porcentaje.
    publicado
        Opcional: nombre → cifra publicada (fracción si ``porcentaje``), dibujada punteada;
        si el nombre coincide con una curva, lleva su color.
    desde_epoca
        Primera época que se dibuja.
    escala_log
        Eje vertical logarítmico (para costos que bajan varios órdenes de magnitud).

    Returns
    -------
    matplotlib.figure.Figure
    """
    limpias = _curvas_c3("curvas", curvas, porcentaje=_booleano_c3("porcentaje", porcentaje))
    if not isinstance(eje_y, str) or not eje_y:
        raise TypeError(f"«eje_y» debe ser un texto no vacío; se recibió {v._describir(eje_y)}.")
    escala_log = _booleano_c3("escala_log", escala_log)
    n_max = max(len(s) for s in limpias.values())
    desde = _entero_en_rango("desde_epoca", desde_epoca, 1, n_max)
    referencias: dict[str, float] = {}
    if publicado is not None:
        referencias = _diccionario_validado("publicado", publicado, "nombre → cifra publicada",
                                            _fraccion if porcentaje else _numero_c3)
    if escala_log and any(np.any(s[desde - 1:] <= 0) for s in limpias.values()):
        raise ValueError("Con «escala_log» todos los valores dibujados deben ser positivos.")
    factor = 100.0 if porcentaje else 1.0
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.5)
        ax = fig.add_subplot()
        color_de = {}
        for k, (nombre, s) in enumerate(limpias.items()):
            color = CICLO_COLORES[k % len(CICLO_COLORES)]
            color_de[nombre] = color
            epocas = np.arange(1, len(s) + 1)[desde - 1:]
            ax.plot(epocas, factor * s[desde - 1:], color=color, linewidth=1.6, label=nombre,
                    **_marcador(k, len(epocas)))
        libres = iter(CICLO_COLORES[len(limpias) % len(CICLO_COLORES):] + CICLO_COLORES)
        for nombre, valor in referencias.items():
            texto = _porcentaje(valor) if porcentaje else f"{valor:g}"
            ax.axhline(factor * valor, color=color_de.get(nombre) or next(libres), linestyle=(0, (4, 3)),
                       linewidth=1.2, label=f"{nombre} (publicado: {texto})")
        if escala_log:
            ax.set_yscale("log")
        else:
            ax.yaxis.set_major_formatter(FuncFormatter(lambda t, _: f"{t:g}"))
        ax.set_ylabel(eje_y)
        _eje_epocas(ax, n_max, desde)
        ax.legend(loc="best")
        return _terminar(fig)


def _booleano_c3(nombre: str, valor: object) -> bool:
    if not isinstance(valor, (bool, np.bool_)):
        raise TypeError(f"«{nombre}» debe ser True o False; se recibió {v._describir(valor)}.")
    return bool(valor)


def _por_tamano(nombre: str, valores: object) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(valores, Mapping):
        raise TypeError(f"«{nombre}» debe ser un diccionario tamaño del entrenamiento → exactitud; "
                        f"se recibió {v._describir(valores)}.")
    if not valores:
        raise ValueError(f"«{nombre}» está vacío: se espera al menos un tamaño → exactitud.")
    tamanos, exactitudes = [], []
    for n, a in valores.items():
        tamanos.append(v.entero_positivo(f"las claves de «{nombre}»", n))
        exactitudes.append(_fraccion(f"{nombre}[{n}]", a))
    orden = np.argsort(tamanos)
    return np.asarray(tamanos)[orden], np.asarray(exactitudes)[orden]


def exactitud_vs_tamano(red: Mapping[int, float], svm: Mapping[int, float] | None = None) -> Figure:
    """Exactitud de prueba según el tamaño del conjunto de entrenamiento, con eje x logarítmico.

    Parameters
    ----------
    red
        Tamaño del entrenamiento → exactitud de la red (fracción).
    svm
        Opcional: lo mismo para la máquina de vectores de soporte.

    Returns
    -------
    matplotlib.figure.Figure
    """
    series = {"red neuronal": _por_tamano("red", red)}
    if svm is not None:
        series["SVM"] = _por_tamano("svm", svm)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.5)
        ax = fig.add_subplot()
        for k, (nombre, (n, a)) in enumerate(series.items()):
            ax.plot(n, 100 * a, color=CICLO_COLORES[k], marker=CICLO_MARCADORES[k], markersize=6,
                    linewidth=1.6, label=nombre)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda t, _: _miles(t)))
        ax.set_xlabel("imágenes de entrenamiento (escala logarítmica)")
        ax.set_ylabel("exactitud en prueba (%)")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda t, _: f"{t:g}"))
        ax.legend(loc="lower right")
        return _terminar(fig)


def histogramas_z(muestras: Mapping[str, np.ndarray], saturacion: float = 4.0) -> Figure:
    """Histogramas de la entrada ponderada ``z`` de neuronas ocultas, uno por panel.

    Cada panel lleva sombreada la zona ``|z| > saturacion``, donde la sigmoide está casi
    plana (σ'(z) pequeño) y la neurona aprende despacio.

    Parameters
    ----------
    muestras
        Nombre → arreglo 1-D de valores de ``z``.
    saturacion
        Dónde empieza la zona saturada (por omisión 4: σ'(4) ≈ 0.018).

    Returns
    -------
    matplotlib.figure.Figure
    """
    limpias = _curvas_c3("muestras", muestras, que="nombre → valores de z")
    saturacion = _real_no_negativo("saturacion", saturacion)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.0)
        ejes = fig.subplots(1, len(limpias), squeeze=False)[0]
        for k, (ax, (nombre, z)) in enumerate(zip(ejes, limpias.items())):
            extremo = max(float(np.max(np.abs(z))), saturacion * 1.5)
            ax.axvspan(-extremo, -saturacion, color=GRIS_CLARO, linewidth=0)
            ax.axvspan(saturacion, extremo, color=GRIS_CLARO, linewidth=0, label="sigmoide saturada")
            ax.hist(z, bins=60, range=(-extremo, extremo), color=CICLO_COLORES[k], alpha=0.9)
            ax.set_xlim(-extremo, extremo)
            ax.set_title(nombre)
            ax.set_xlabel("entrada ponderada $z$")
            ax.grid(axis="x", visible=False)
        ejes[0].set_ylabel("frecuencia")
        fig.legend(*ejes[-1].get_legend_handles_labels(), loc="outside lower center")
        return _terminar(fig)


def ajustes_polinomicos(x: Sequence[float], y: Sequence[float], ajustes: Mapping[str, Sequence[float]],
                        x_nuevo: Sequence[float] | None = None, y_nuevo: Sequence[float] | None = None) -> Figure:
    """Puntos y curvas ajustadas (polinomios), y opcionalmente datos nuevos para comparar.

    Parameters
    ----------
    x, y
        Los datos con que se hicieron los ajustes (misma longitud).
    ajustes
        Nombre → coeficientes del polinomio, del grado mayor al término independiente
        (como los da ``numpy.polyfit``).
    x_nuevo, y_nuevo
        Opcional: datos nuevos (no usados en el ajuste), dibujados con otro marcador.

    Returns
    -------
    matplotlib.figure.Figure
    """
    x, y = _serie_c3("x", x), _serie_c3("y", y)
    if len(x) != len(y):
        raise ValueError(f"«x» e «y» deben tener la misma longitud; se recibieron {len(x)} y {len(y)}.")
    polinomios = _curvas_c3("ajustes", ajustes)
    nuevos = None
    if (x_nuevo is None) != (y_nuevo is None):
        raise ValueError("Se dan los dos, «x_nuevo» e «y_nuevo», o ninguno.")
    if x_nuevo is not None:
        nuevos = (_serie_c3("x_nuevo", x_nuevo), _serie_c3("y_nuevo", y_nuevo))
        if len(nuevos[0]) != len(nuevos[1]):
            raise ValueError("«x_nuevo» e «y_nuevo» deben tener la misma longitud.")
    todos_x = np.concatenate([x] + ([nuevos[0]] if nuevos else []))
    todos_y = np.concatenate([y] + ([nuevos[1]] if nuevos else []))
    margen = 0.05 * (todos_x.max() - todos_x.min() or 1.0)
    xs = np.linspace(todos_x.min() - margen, todos_x.max() + margen, 600)
    alto = todos_y.max() - todos_y.min() or 1.0
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(3.4)
        ax = fig.add_subplot()
        estilos = ("-", (0, (5, 2)), (0, (1.5, 1.5)))
        for k, (nombre, coeficientes) in enumerate(polinomios.items()):
            ax.plot(xs, np.polyval(coeficientes, xs), color=CICLO_COLORES[(k + 1) % len(CICLO_COLORES)],
                    linestyle=estilos[k % len(estilos)], linewidth=1.6, label=nombre)
        ax.plot(x, y, "o", color=TINTA, markersize=6, label="datos del ajuste", zorder=4)
        if nuevos:
            ax.plot(*nuevos, "D", markerfacecolor="white", markeredgecolor=TINTA, markersize=6,
                    markeredgewidth=1.4, label="datos nuevos", zorder=4)
        ax.set_ylim(todos_y.min() - 0.35 * alto, todos_y.max() + 0.35 * alto)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.legend(loc="best")
        return _terminar(fig)


def imagenes_transformadas(imagenes: np.ndarray, titulos: Sequence[str]) -> Figure:
    """Una fila de imágenes de dígitos con un título cada una (por ejemplo, una imagen y sus copias
    desplazadas o rotadas).

    Parameters
    ----------
    imagenes
        Arreglo (k, 784) con píxeles en [0, 1], de 1 a 12 imágenes.
    titulos
        Un título por imagen.

    Returns
    -------
    matplotlib.figure.Figure
    """
    x = _imagenes("imagenes", imagenes)
    if len(x) > 12:
        raise ValueError(f"«imagenes» admite a lo sumo 12 imágenes; se recibieron {len(x)}.")
    if isinstance(titulos, str) or not isinstance(titulos, Sequence) or len(titulos) != len(x):
        raise ValueError(f"«titulos» debe ser una lista con un título por imagen ({len(x)}).")
    lado = ANCHO_FIGURA / max(len(x), 6)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(lado * 1.35, ancho=lado * len(x))
        for ax, fila, titulo in zip(fig.subplots(1, len(x), squeeze=False)[0], x, titulos):
            _imagen(ax, fila)
            ax.set_title(str(titulo), fontsize=TAM_FUENTE_PEQUENA, pad=3)
        return _terminar(fig)


def calendario_y_parada(historiales: Mapping[str, Mapping[str, Any]], nombre_evaluacion: str = "validación") -> Figure:
    """Exactitud de evaluación y tasa de aprendizaje η por época de varios entrenamientos.

    Arriba, la exactitud de evaluación de cada entrenamiento, con un rombo en su mejor época;
    abajo, la η con que se entrenó cada época (escala logarítmica en base 2), que muestra
    los escalones de un calendario de η. Cada curva termina donde se detuvo su entrenamiento.

    Parameters
    ----------
    historiales
        Nombre → ``Historial.como_dict()`` con ``exactitud_evaluacion`` y ``eta``.
    nombre_evaluacion
        Cómo se llaman los datos de evaluación en el eje.

    Returns
    -------
    matplotlib.figure.Figure
    """
    series = _diccionario_validado("historiales", historiales, "nombre → historial", _historial_calendario)
    n_max = max(len(s["eta"]) for s in series.values())
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(4.6)
        ax_a, ax_eta = fig.subplots(2, 1, sharex=True, height_ratios=(2.2, 1))
        for k, (nombre, s) in enumerate(series.items()):
            color = CICLO_COLORES[k % len(CICLO_COLORES)]
            a = 100 * s["exactitud_evaluacion"]
            ax_a.plot(np.arange(1, len(a) + 1), a, color=color, linewidth=1.5, label=nombre,
                      **_marcador(k, len(a)))
            mejor = int(np.argmax(a))
            ax_a.plot([mejor + 1], [a[mejor]], "D", color=color, markersize=7, markeredgecolor=TINTA)
            ax_eta.step(np.arange(1, len(s["eta"]) + 1), s["eta"], where="mid", color=color, linewidth=1.5)
        ax_a.plot([], [], "D", color=GRIS, markeredgecolor=TINTA, label="mejor época")
        ax_a.set_ylabel(f"exactitud en {nombre_evaluacion} (%)")
        ax_a.yaxis.set_major_formatter(FuncFormatter(lambda t, _: f"{t:g}"))
        ax_a.legend(loc="lower right")
        ax_eta.set_yscale("log", base=2)
        ax_eta.yaxis.set_major_formatter(FuncFormatter(lambda t, _: f"{t:g}"))
        ax_eta.set_ylabel("η")
        _eje_epocas(ax_eta, n_max)
        return _terminar(fig)


def _historial_calendario(nombre: str, historial: object) -> dict[str, np.ndarray]:
    """La exactitud de evaluación (fracciones) y la η (positivas) de un historial."""
    series = _historial_c3(nombre, historial, ("exactitud_evaluacion", "eta"))
    _fracciones_c3(f"{nombre}['exactitud_evaluacion']", series["exactitud_evaluacion"])
    if np.any(series["eta"] <= 0):
        raise ValueError(f"«{nombre}['eta']» debe tener solo valores positivos.")
    return series


def activaciones_ocultas() -> Figure:
    """Las tres activaciones de :mod:`codigo.activaciones` (sigmoide, tanh, ReLU) y sus derivadas.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from codigo.activaciones import ReLU, Sigmoide, Tanh

    z = np.linspace(-4, 4, 801)
    with matplotlib.rc_context(ESTILO):
        fig = _nueva_figura(2.8)
        ejes = fig.subplots(1, 3, sharex=True)
        for ax, (titulo, f) in zip(ejes, (("sigmoide σ(z)", Sigmoide()), ("tanh(z)", Tanh()),
                                          ("ReLU: max(0, z)", ReLU()))):
            ax.plot(z, f(z), color=AZUL, label="$f(z)$")
            ax.plot(z, f.prima(z), color=BERMELLON, linestyle=(0, (4, 2)), linewidth=1.5, label="$f\\,'(z)$")
            ax.set_title(titulo)
            ax.set_xlabel("$z$")
            ax.set_xticks([-4, -2, 0, 2, 4])
        ejes[0].legend(loc="upper left")
        return _terminar(fig)
