"""El paquete se instala con pip y lleva MNIST dentro: funciona lejos del repositorio."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def instalado(tmp_path_factory, raiz):
    """``pip install --no-deps --target <tmp> <repo>``: devuelve la carpeta de destino."""
    destino = tmp_path_factory.mktemp("instalado")
    orden = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-input", "--quiet",
             "--disable-pip-version-check", "--target", str(destino)]
    if importlib.util.find_spec("hatchling") is not None:
        orden.append("--no-build-isolation")  # usa el hatchling ya instalado: sin red
    r = subprocess.run([*orden, str(raiz)], capture_output=True, text=True, timeout=600,
                       cwd=tmp_path_factory.getbasetemp())
    assert r.returncode == 0, r.stdout + r.stderr
    return destino


def entorno_sin_repo(destino) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CODIGO_DATOS")}
    env["PYTHONPATH"] = str(destino)
    return env


def test_el_paquete_instalado_lleva_mnist(instalado):
    datos = instalado / "codigo" / "_datos" / "mnist.npz"
    assert datos.is_file() and datos.stat().st_size > 10_000_000
    assert not (instalado / "datos").exists()  # solo dentro del paquete
    assert (instalado / "codigo" / "__main__.py").is_file()
    metadatos = list(instalado.glob("codigo-*.dist-info"))
    assert len(metadatos) == 1
    assert "codigo = codigo.__main__:main" in (metadatos[0] / "entry_points.txt").read_text(encoding="utf-8")


def test_cargar_mnist_desde_otra_carpeta(instalado, tmp_path):
    programa = (
        "import json, codigo, codigo.datos as d\n"
        "m = d.cargar_mnist()\n"
        "print(json.dumps({'paquete': codigo.__file__, 'ruta': str(d.ruta_mnist()),\n"
        "                  'formas': [list(p.x.shape) for p in m], 'etiquetas': m.prueba.y[:5].tolist()}))\n"
    )
    r = subprocess.run([sys.executable, "-c", programa], cwd=tmp_path, env=entorno_sin_repo(instalado),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["paquete"].startswith(str(instalado))  # no es el del repositorio
    assert info["ruta"] == str(instalado / "codigo" / "_datos" / "mnist.npz")
    assert info["formas"] == [[50000, 784], [10000, 784], [10000, 784]]
    assert info["etiquetas"] == [7, 2, 1, 0, 4]


def test_la_orden_instalada_funciona(instalado, tmp_path):
    env = entorno_sin_repo(instalado)
    r = subprocess.run([sys.executable, "-m", "codigo", "entrenar", "--epocas", "1", "--n-entrenamiento", "1000"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert 0.0 < json.loads(r.stdout)["exactitud_prueba"] <= 1.0
    script = instalado / "bin" / "codigo"
    if script.is_file():
        r = subprocess.run([str(script), "--help"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and r.stdout.startswith("uso: codigo")


def test_la_rueda_no_lleva_nada_de_mas(instalado):
    """Ni pruebas, ni el libro, ni la carpeta datos/: solo el paquete y sus metadatos."""
    nombres = {p.name for p in instalado.iterdir()}
    assert nombres <= {"codigo", "bin", *(n for n in nombres if n.endswith(".dist-info"))}, nombres
    assert not (instalado / "codigo" / "tests").exists()
