"""La línea de comandos: ``python -m codigo``, en español de punta a punta."""

from __future__ import annotations

import argparse
import gettext
import glob
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from codigo import __main__ as cli


def ejecutar(python, entorno, cwd, *argumentos, timeout=300):
    return subprocess.run([python, "-m", "codigo", *argumentos], cwd=cwd, env=entorno,
                          capture_output=True, text=True, timeout=timeout)


# ---------------------------------------------------------------- éxito

def test_entrenar_imprime_json_y_progreso(python, entorno, tmp_path):
    r = ejecutar(python, entorno, tmp_path, "entrenar", "--epocas", "2", "--n-entrenamiento", "2000",
                 "--semilla", "3", "--capas", "784", "20", "10", "--eta", "3", "--mini-lote", "10")
    assert r.returncode == 0, r.stderr
    resultado = json.loads(r.stdout)  # la salida estándar es solo el JSON
    assert 0.5 < resultado["exactitud_prueba"] <= 1.0
    assert len(resultado["por_epoca"]) == 2 and resultado["por_epoca"][-1] == resultado["exactitud_prueba"]
    assert all(0.0 <= e <= 1.0 for e in resultado["por_epoca"])
    assert isinstance(resultado["segundos_por_epoca"], float) and resultado["segundos_por_epoca"] > 0
    assert resultado["config"] == {"tipo": "red", "capas": [784, 20, 10], "epocas": 2, "tam_mini_lote": 10,
                                   "eta": 3.0, "semilla": 3, "n_entrenamiento": 2000}
    assert "predicciones" not in resultado
    # El progreso va por la salida de errores, una línea por época.
    assert "época 1/2" in r.stderr and "época 2/2" in r.stderr
    assert "exactitud en prueba" in r.stderr and " s" in r.stderr
    assert "Traceback" not in r.stderr


def test_entrenar_en_proceso_es_determinista(capsys):
    argumentos = ["entrenar", "--epocas", "1", "--n-entrenamiento", "1000", "--capas", "784", "15", "10"]
    assert cli.main(argumentos) == 0
    primero = json.loads(capsys.readouterr().out)
    assert cli.main(argumentos) == 0
    segundo = json.loads(capsys.readouterr().out)
    assert primero["por_epoca"] == segundo["por_epoca"]
    assert primero["config"]["semilla"] == 1 and primero["config"]["epocas"] == 1


# -------------------------------------------------------------- errores

@pytest.mark.parametrize("argumentos, patron", [
    (["entrenar", "--epocas", "0"], "argumento --epocas: se esperaba un entero positivo"),
    (["entrenar", "--epocas", "-4"], "argumento --epocas: se esperaba un entero positivo"),
    (["entrenar", "--epocas", "dos"], "argumento --epocas: se esperaba un número entero; se recibió 'dos'"),
    (["entrenar", "--eta", "0"], "argumento --eta: se esperaba un número real positivo"),
    (["entrenar", "--eta", "-3"], "argumento --eta: se esperaba un número real positivo"),
    (["entrenar", "--eta", "rápido"], "argumento --eta: se esperaba un número real"),
    (["entrenar", "--eta", "nan"], "argumento --eta: se esperaba un número real positivo y finito"),
    (["entrenar", "--mini-lote", "0"], "argumento --mini-lote: se esperaba un entero positivo"),
    (["entrenar", "--capas", "784"], "argumento --capas: se necesitan al menos dos capas"),
    (["entrenar", "--capas", "784", "0", "10"], "argumento --capas: cada capa debe ser un entero positivo"),
    (["entrenar", "--capas", "784", "treinta", "10"], "argumento --capas: cada capa debe ser un entero positivo"),
    (["entrenar", "--capas", "100", "30", "10"], "la primera capa debe tener 784 neuronas"),
    (["entrenar", "--capas", "784", "30", "9"], "la última capa debe tener 10 neuronas"),
    (["entrenar", "--capas"], "argumento --capas: se esperaba al menos un valor"),
    (["entrenar", "--epocas"], "argumento --epocas: se esperaba un valor"),
    (["entrenar", "--semilla", "-1"], "argumento --semilla: se esperaba un entero mayor o igual que 0"),
    (["entrenar", "--n-entrenamiento", "50001"], "MNIST tiene 50000 imágenes de entrenamiento"),
    (["entrenar", "--n-entrenamiento", "0"], "argumento --n-entrenamiento: se esperaba un entero positivo"),
    (["entrenar", "--epocaz", "3"], "argumentos desconocidos: --epocaz 3"),
    (["entrenar", "extra"], "argumentos desconocidos: extra"),
    (["entrena"], "argumento ORDEN: elección inválida: 'entrena' (elige entre 'entrenar', 'rendimiento')"),
    ([], "faltan argumentos requeridos: ORDEN"),
    (["rendimiento", "--epocas-bucle", "0"], "argumento --epocas-bucle: se esperaba un entero positivo"),
])
def test_argumentos_malos(capsys, argumentos, patron):
    assert cli.main(argumentos) == 2
    salida = capsys.readouterr()
    assert salida.out == ""
    assert patron in salida.err
    assert "uso: " in salida.err and "error: " in salida.err
    assert "usage" not in salida.err and "Traceback" not in salida.err
    assert argparse._ is gettext.gettext  # la traducción no se queda puesta


def test_argumento_malo_en_subproceso(python, entorno, tmp_path):
    r = ejecutar(python, entorno, tmp_path, "entrenar", "--epocas", "0")
    assert r.returncode == 2
    assert r.stdout == ""
    assert "python -m codigo entrenar: error: argumento --epocas" in r.stderr
    assert "Traceback" not in r.stderr and "usage" not in r.stderr


def test_datos_faltantes_codigo_1(python, entorno, tmp_path):
    entorno["CODIGO_DATOS"] = str(tmp_path / "no_esta.npz")
    r = ejecutar(python, entorno, tmp_path, "entrenar", "--epocas", "1", "--n-entrenamiento", "100")
    assert r.returncode == 1
    assert "error: La variable de entorno CODIGO_DATOS" in r.stderr and "Traceback" not in r.stderr


# ---------------------------------------------------------------- ayuda

@pytest.mark.parametrize("orden", [[], ["entrenar"], ["rendimiento"]])
def test_ayuda_en_espanol(capsys, orden):
    assert cli.main([*orden, "--help"]) == 0
    ayuda = capsys.readouterr().out
    assert ayuda.startswith("uso: codigo")  # en el mismo proceso no es «python -m codigo»
    assert "opciones:" in ayuda and "-h, --help" in ayuda and "muestra esta ayuda y termina" in ayuda
    for ingles in ("usage:", "show this help", "options:", "positional arguments", "default:", "(default"):
        assert ingles not in ayuda


def test_ayuda_general_lista_las_ordenes(python, entorno, tmp_path):
    r = ejecutar(python, entorno, tmp_path, "--help")
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.startswith("uso: python -m codigo [-h] ORDEN")
    assert "usage:" not in r.stdout and "show this help" not in r.stdout
    assert "órdenes:" in r.stdout and "entrenar" in r.stdout and "rendimiento" in r.stdout


def test_ayuda_de_entrenar_dice_los_valores_por_omision(capsys):
    cli.main(["entrenar", "-h"])
    ayuda = capsys.readouterr().out
    for texto in ("--capas N [N ...]", "(por omisión: 30)", "(por omisión: 3.0)", "--mini-lote M", "tasa de aprendizaje"):
        assert texto in ayuda


def test_traduccion_de_los_textos_genericos_de_argparse(capsys):
    """Los textos que nuestros tipos no usan también salen traducidos (p. ej., type=int)."""
    with cli._en_espanol():
        analizador = argparse.ArgumentParser(prog="prueba")
        analizador.add_argument("--n", type=int)
        analizador.add_argument("--color", choices=["rojo", "azul"])
        analizador.add_argument("archivo")
        for argumentos, patron in [
            (["x", "--n", "tres"], "argumento --n: valor inválido para int: 'tres'"),
            (["x", "--color", "verde"], "argumento --color: elección inválida: 'verde' (elige entre"),
            (["--n", "3"], "faltan argumentos requeridos: archivo"),
            (["x", "--otro"], "argumentos desconocidos: --otro"),
        ]:
            with pytest.raises(SystemExit) as salida:
                analizador.parse_args(argumentos)
            assert salida.value.code == 2
            error = capsys.readouterr().err
            assert patron in error and error.startswith("uso: prueba")
        analizador.print_help()
    ayuda = capsys.readouterr().out
    assert "argumentos posicionales:" in ayuda and "opciones:" in ayuda
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext


def test_todas_las_traducciones_conservan_los_marcadores():
    """Cada traducción lleva los mismos %(nombre)s / %s que el original, o fallaría al formatear."""
    import re

    marcadores = re.compile(r"%\(\w+\)[sr]|%[sr]")
    for original, traduccion in cli._TRADUCCIONES.items():
        assert sorted(marcadores.findall(original)) == sorted(marcadores.findall(traduccion)), original
    for (singular, plural), (es_singular, es_plural) in cli._TRADUCCIONES_PLURAL.items():
        assert marcadores.findall(singular) == marcadores.findall(es_singular)
        assert marcadores.findall(plural) == marcadores.findall(es_plural)


def _otros_pythons():
    """Intérpretes 3.11–3.13 instalados (sin NumPy basta: la ayuda no importa NumPy)."""
    encontrados = []
    for version in ("3.11", "3.12", "3.13"):
        candidatos = [shutil.which(f"python{version}"),
                      *sorted(glob.glob(str(Path.home() / ".pyenv" / "versions" / f"{version}.*" / "bin" / "python3")))]
        for ruta in filter(None, candidatos):
            if subprocess.run([ruta, "-c", "pass"], capture_output=True, timeout=60).returncode == 0:
                encontrados.append(pytest.param(ruta, id=version))
                break
    return encontrados or [pytest.param(None, marks=pytest.mark.skip("no hay otros Python 3.11–3.13"))]


@pytest.mark.parametrize("interprete", _otros_pythons())
def test_espanol_en_cada_version_de_python(interprete, entorno, tmp_path):
    r = ejecutar(interprete, entorno, tmp_path, "entrenar", "--help", timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("uso: ") and "muestra esta ayuda y termina" in r.stdout
    assert "usage" not in r.stdout and "show this help" not in r.stdout and "options:" not in r.stdout
    for argumentos, patron in [(["entrenar", "--epocas", "0"], "argumento --epocas: se esperaba un entero positivo"),
                               (["entrenar", "--nada"], "argumentos desconocidos: --nada"),
                               (["otra"], "elección inválida: 'otra'"),
                               ([], "faltan argumentos requeridos: ORDEN")]:
        r = ejecutar(interprete, entorno, tmp_path, *argumentos, timeout=60)
        assert r.returncode == 2 and patron in r.stderr and "Traceback" not in r.stderr, r.stderr
        assert "usage" not in r.stderr


def test_rendimiento(python, entorno, tmp_path):
    """Una época de cada red: el JSON trae los tiempos, el cociente y la comprobación del gradiente."""
    r = ejecutar(python, entorno, tmp_path, "rendimiento", "--epocas-matricial", "1", "--epocas-bucle", "1")
    assert r.returncode == 0, r.stderr
    resultado = json.loads(r.stdout)
    assert resultado["capas"] == [784, 30, 10] and resultado["n_entrenamiento"] == 50_000
    assert resultado["error_gradiente"] < 1e-12
    assert len(resultado["segundos_matricial"]) == len(resultado["segundos_bucle"]) == 1
    assert resultado["cociente"] == resultado["segundos_por_epoca_bucle"] / resultado["segundos_por_epoca_matricial"]
    assert resultado["cociente"] > 1  # el bucle nunca gana (el objetivo, ≥ 6×, depende de la máquina)
    assert resultado["exactitud_matricial"][0] > 0.85 and resultado["exactitud_bucle"][0] > 0.85
    assert "veces más rápida" in r.stderr and "mismo gradiente" in r.stderr and "Traceback" not in r.stderr
