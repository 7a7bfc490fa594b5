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
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib import patches
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from codigo import validacion as v
from codigo.red import sigmoide

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
