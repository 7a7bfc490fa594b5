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
    (["entrenar", "--n-entrenamiento", "50001"], "MNIST tiene 50\u2009000 imágenes de entrenamiento; se pidieron 50\u2009001"),
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
    assert r.stdout.startswith("uso: python -m codigo [-h] [--version] ORDEN")
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


# ------------------------------------------------- la red mejorada (capítulo 3)

CLAVES_MEJORADA = {"config", "exactitud_prueba", "aciertos_prueba", "n_prueba", "evaluacion", "n_evaluacion",
                   "por_epoca", "aciertos_por_epoca", "curvas", "eta_por_epoca", "epocas_entrenadas",
                   "motivo_parada", "mejor_epoca", "mejor_exactitud_evaluacion", "segundos_por_epoca",
                   "segundos_cada_epoca", "segundos_total", "red_guardada"}


def test_entrenar_red_mejorada_imprime_json_y_progreso(python, entorno, tmp_path):
    r = ejecutar(python, entorno, tmp_path, "entrenar", "--red", "mejorada", "--epocas", "1",
                 "--n-entrenamiento", "2000")
    assert r.returncode == 0, r.stderr
    resultado = json.loads(r.stdout)  # la salida estándar es solo el JSON
    assert set(resultado) == CLAVES_MEJORADA
    assert 0.5 < resultado["exactitud_prueba"] <= 1.0
    assert resultado["exactitud_prueba"] == resultado["aciertos_prueba"] / resultado["n_prueba"] == \
        resultado["aciertos_prueba"] / 10_000
    # Por omisión se evalúa en validación, y la exactitud por época es la de esos datos.
    assert resultado["evaluacion"] == "validacion" and resultado["n_evaluacion"] == 10_000
    assert len(resultado["por_epoca"]) == 1 and 0.5 < resultado["por_epoca"][0] <= 1.0
    assert resultado["aciertos_por_epoca"] == [round(10_000 * resultado["por_epoca"][0])]
    assert resultado["curvas"] == {"exactitud_evaluacion": resultado["por_epoca"]}
    assert resultado["motivo_parada"] == "epocas" and resultado["mejor_epoca"] == 1
    assert resultado["epocas_entrenadas"] == 1 and resultado["eta_por_epoca"] == [0.5]
    assert isinstance(resultado["segundos_por_epoca"], float) and resultado["segundos_por_epoca"] > 0
    assert resultado["red_guardada"] is None
    assert resultado["config"] == {
        "tipo": "mejorada", "capas": [784, 30, 10], "epocas": 1, "tam_mini_lote": 10, "eta": 0.5,
        "semilla": 1, "n_entrenamiento": 2000, "costo": "entropia_cruzada", "activacion": "sigmoide",
        "inicializacion": "normalizada", "lmbda": 0.0, "regularizacion": "L2", "abandono": 0.0,
        "momento": 0.0, "paciencia_eta": None, "parada_temprana": None, "evaluacion": "validacion",
        "monitorear": ["exactitud_evaluacion"]}
    assert "época 1/1: exactitud en validación" in r.stderr and "Exactitud en prueba" in r.stderr
    assert "Traceback" not in r.stderr and "Warning" not in r.stderr


def test_red_mejorada_con_todas_las_opciones(capsys):
    """Cada opción llega a la red: curvas pedidas, η por época, parada y configuración."""
    argumentos = ["entrenar", "--red", "mejorada", "--epocas", "3", "--n-entrenamiento", "1000",
                  "--capas", "784", "20", "10", "--eta", "0.2", "--mini-lote", "20", "--semilla", "4",
                  "--costo", "log_verosimilitud", "--activacion", "tanh", "--inicializacion", "grande",
                  "--lmbda", "2.5", "--regularizacion", "L1", "--abandono", "0.2", "--momento", "0.5",
                  "--paciencia-eta", "1", "--parada-temprana", "2", "--evaluacion", "prueba",
                  "--monitorear", "costo_evaluacion", "costo_entrenamiento", "costo_entrenamiento",
                  "exactitud_entrenamiento"]
    assert cli.main(argumentos) == 0
    salida = capsys.readouterr()
    resultado = json.loads(salida.out)
    config = resultado["config"]
    assert {clave: config[clave] for clave in ("capas", "eta", "tam_mini_lote", "semilla", "costo", "activacion",
                                                "inicializacion", "lmbda", "regularizacion", "abandono",
                                                "momento", "paciencia_eta", "parada_temprana", "evaluacion")} == {
        "capas": [784, 20, 10], "eta": 0.2, "tam_mini_lote": 20, "semilla": 4, "costo": "log_verosimilitud",
        "activacion": "tanh", "inicializacion": "grande", "lmbda": 2.5, "regularizacion": "L1",
        "abandono": 0.2, "momento": 0.5, "paciencia_eta": 1, "parada_temprana": 2, "evaluacion": "prueba"}
    # Sin repeticiones, en orden fijo, y la exactitud de evaluación siempre.
    curvas = ["costo_entrenamiento", "exactitud_entrenamiento", "costo_evaluacion", "exactitud_evaluacion"]
    assert config["monitorear"] == curvas and list(resultado["curvas"]) == curvas
    n = resultado["epocas_entrenadas"]
    assert 1 <= n <= 3 and all(len(valores) == n for valores in resultado["curvas"].values())
    assert len(resultado["por_epoca"]) == len(resultado["eta_por_epoca"]) == len(resultado["segundos_cada_epoca"]) == n
    assert resultado["motivo_parada"] in ("epocas", "parada_temprana", "eta_minima")
    assert resultado["mejor_exactitud_evaluacion"] == resultado["por_epoca"][resultado["mejor_epoca"] - 1]
    assert all(c > 0 for c in resultado["curvas"]["costo_entrenamiento"])
    # Evaluando en prueba, la última exactitud de evaluación es la exactitud en prueba.
    assert resultado["por_epoca"][-1] == resultado["exactitud_prueba"]
    assert "costo en entrenamiento" in salida.err and "costo en prueba" in salida.err and "η = " in salida.err


def test_red_mejorada_se_detiene_y_lo_dice(capsys):
    """Con paciencia de η 1 y muchas épocas, η baja hasta η/128 y el JSON dice por qué paró."""
    assert cli.main(["entrenar", "--red", "mejorada", "--epocas", "200", "--n-entrenamiento", "200",
                     "--eta", "1", "--paciencia-eta", "1"]) == 0
    salida = capsys.readouterr()
    resultado = json.loads(salida.out)
    assert resultado["motivo_parada"] == "eta_minima" and resultado["epocas_entrenadas"] < 200
    assert resultado["eta_por_epoca"][0] == 1 and resultado["eta_por_epoca"][-1] == 1 / 64
    assert "la η inicial entre 128: fin del entrenamiento" in salida.err
    assert cli.main(["entrenar", "--red", "mejorada", "--epocas", "200", "--n-entrenamiento", "200",
                     "--eta", "1", "--parada-temprana", "1"]) == 0
    salida = capsys.readouterr()
    resultado = json.loads(salida.out)
    assert resultado["motivo_parada"] == "parada_temprana" and resultado["epocas_entrenadas"] < 200
    assert resultado["mejor_epoca"] == resultado["epocas_entrenadas"] - 1
    assert "Parada temprana: 1 época sin mejorar la exactitud en validación" in salida.err


def test_red_mejorada_es_determinista(capsys):
    argumentos = ["entrenar", "--red", "mejorada", "--epocas", "1", "--n-entrenamiento", "1000",
                  "--abandono", "0.3", "--monitorear", "costo_entrenamiento"]
    assert cli.main(argumentos) == 0
    primero = json.loads(capsys.readouterr().out)
    assert cli.main(argumentos) == 0
    segundo = json.loads(capsys.readouterr().out)
    assert primero["por_epoca"] == segundo["por_epoca"] and primero["curvas"] == segundo["curvas"]
    assert primero["exactitud_prueba"] == segundo["exactitud_prueba"]


def test_guardar_da_una_red_que_cargar_lee_igual(capsys, tmp_path, mnist):
    from codigo.red_mejorada import RedMejorada

    ruta = tmp_path / "red.json"
    assert cli.main(["entrenar", "--red", "mejorada", "--epocas", "1", "--n-entrenamiento", "2000",
                     "--capas", "784", "25", "10", "--costo", "log_verosimilitud", "--activacion", "relu",
                     "--guardar", str(ruta)]) == 0
    salida = capsys.readouterr()
    resultado = json.loads(salida.out)
    assert resultado["red_guardada"] == str(ruta) and f"Red guardada en «{ruta}»" in salida.err
    red = RedMejorada.cargar(ruta)
    assert list(red.tamanos) == [784, 25, 10]
    assert red.costo.nombre == "log_verosimilitud" and red.activacion.nombre == "relu"
    assert red.evaluar(mnist.prueba.x, mnist.prueba.y) == resultado["aciertos_prueba"]
    assert red.exactitud(mnist.prueba.x, mnist.prueba.y) == resultado["exactitud_prueba"]


def test_si_no_se_puede_guardar_codigo_1(capsys, tmp_path, monkeypatch):
    from codigo.red_mejorada import RedMejorada

    def falla(self, ruta):
        raise OSError("disco lleno")

    monkeypatch.setattr(RedMejorada, "guardar", falla)
    ruta = tmp_path / "red.json"
    assert cli.main(["entrenar", "--red", "mejorada", "--epocas", "1", "--n-entrenamiento", "200",
                     "--guardar", str(ruta)]) == 1
    salida = capsys.readouterr()
    assert salida.out == ""
    assert f"error: no se pudo guardar la red en «{ruta}»: disco lleno" in salida.err
    assert "Traceback" not in salida.err


def test_red_basica_sigue_igual_con_red_explicita(capsys):
    """``--red basica`` es lo mismo que no decir nada: la red, η = 3.0 y el JSON del capítulo 1."""
    argumentos = ["entrenar", "--epocas", "1", "--n-entrenamiento", "1000", "--capas", "784", "15", "10"]
    assert cli.main(argumentos) == 0
    sin_red = json.loads(capsys.readouterr().out)
    assert cli.main([*argumentos, "--red", "basica"]) == 0
    con_red = json.loads(capsys.readouterr().out)
    assert sin_red["por_epoca"] == con_red["por_epoca"] and sin_red["config"] == con_red["config"]
    assert con_red["config"]["eta"] == 3.0 and con_red["config"]["tipo"] == "red"
    assert "red" not in con_red["config"] and "curvas" not in con_red


_OPCIONES_SOLO_MEJORADA = [
    ["--costo", "cuadratico"], ["--activacion", "tanh"], ["--inicializacion", "grande"], ["--lmbda", "5"],
    ["--regularizacion", "L1"], ["--abandono", "0.5"], ["--momento", "0.9"], ["--paciencia-eta", "10"],
    ["--parada-temprana", "10"], ["--evaluacion", "prueba"], ["--monitorear", "costo_entrenamiento"],
    ["--guardar", "red.json"],
]


@pytest.mark.parametrize("opcion", _OPCIONES_SOLO_MEJORADA, ids=lambda o: o[0])
@pytest.mark.parametrize("red", [[], ["--red", "basica"]], ids=["sin_red", "red_basica"])
def test_opcion_de_la_red_mejorada_con_la_basica_es_un_error(capsys, opcion, red):
    assert cli.main(["entrenar", *red, *opcion]) == 2
    salida = capsys.readouterr()
    assert salida.out == ""
    assert f"error: argumento {opcion[0]}: solo sirve con --red mejorada" in salida.err
    assert ("con --red basica se entrena" if red else "sin --red se entrena") in salida.err
    assert f"Añade --red mejorada o quita {opcion[0]}." in salida.err
    assert "uso: " in salida.err and "usage" not in salida.err and "Traceback" not in salida.err
    assert argparse._ is gettext.gettext


def test_varias_opciones_de_la_mejorada_con_la_basica_se_nombran_todas(capsys):
    assert cli.main(["entrenar", "--lmbda", "5", "--momento", "0.9", "--epocas", "2"]) == 2
    error = capsys.readouterr().err
    assert "argumentos --lmbda, --momento: solo sirven con --red mejorada" in error
    assert "que no las usa" in error


def _mejorada(*argumentos):
    return ["entrenar", "--red", "mejorada", *argumentos]


@pytest.mark.parametrize("argumentos, patron", [
    (["entrenar", "--red", "avanzada"],
     "argumento --red: elección inválida: 'avanzada' (elige entre 'basica', 'mejorada')"),
    (_mejorada("--costo", "cuadrado"), "argumento --costo: elección inválida: 'cuadrado' (elige entre 'cuadratico', "
                                       "'entropia_cruzada', 'log_verosimilitud')"),
    (_mejorada("--activacion", "softplus"), "argumento --activacion: elección inválida: 'softplus'"),
    (_mejorada("--inicializacion", "pequena"), "argumento --inicializacion: elección inválida: 'pequena'"),
    (_mejorada("--regularizacion", "L3"), "argumento --regularizacion: elección inválida: 'L3'"),
    (_mejorada("--evaluacion", "entrenamiento"), "argumento --evaluacion: elección inválida: 'entrenamiento'"),
    (_mejorada("--monitorear", "costo"), "argumento --monitorear: elección inválida: 'costo'"),
    (_mejorada("--monitorear"), "argumento --monitorear: se esperaba al menos un valor"),
    (_mejorada("--lmbda", "-1"), "argumento --lmbda: se esperaba un número real mayor o igual que 0 y finito; "
                                 "se recibió '-1'"),
    (_mejorada("--lmbda", "nan"), "argumento --lmbda: se esperaba un número real mayor o igual que 0 y finito"),
    (_mejorada("--lmbda", "inf"), "argumento --lmbda: se esperaba un número real mayor o igual que 0 y finito"),
    (_mejorada("--lmbda", "mucha"), "argumento --lmbda: se esperaba un número real; se recibió 'mucha'"),
    (_mejorada("--abandono", "1"), "argumento --abandono: se esperaba un número real entre 0 (incluido) y 1 "
                                   "(excluido); se recibió '1'"),
    (_mejorada("--abandono", "1.5"), "argumento --abandono: se esperaba un número real entre 0 (incluido) y 1"),
    (_mejorada("--abandono", "-0.1"), "argumento --abandono: se esperaba un número real entre 0 (incluido) y 1"),
    (_mejorada("--abandono", "nan"), "argumento --abandono: se esperaba un número real entre 0 (incluido) y 1"),
    (_mejorada("--momento", "1"), "argumento --momento: se esperaba un número real entre 0 (incluido) y 1"),
    (_mejorada("--momento", "-0.5"), "argumento --momento: se esperaba un número real entre 0 (incluido) y 1"),
    (_mejorada("--momento", "alto"), "argumento --momento: se esperaba un número real; se recibió 'alto'"),
    (_mejorada("--paciencia-eta", "0"), "argumento --paciencia-eta: se esperaba un entero positivo"),
    (_mejorada("--paciencia-eta", "2.5"), "argumento --paciencia-eta: se esperaba un número entero"),
    (_mejorada("--parada-temprana", "-2"), "argumento --parada-temprana: se esperaba un entero positivo"),
    (_mejorada("--guardar", "red.txt"), "argumento --guardar: se esperaba la ruta de un archivo terminado en .json"),
    (_mejorada("--guardar", "/no/existe/red.json"), "argumento --guardar: la carpeta «/no/existe» no existe"),
    (_mejorada("--guardar"), "argumento --guardar: se esperaba un valor"),
    (_mejorada("--lmbda", "5", "--regularizacion", "ninguna"),
     "argumento --lmbda: λ = 5.0 pide regularizar, pero --regularizacion es ninguna"),
    (_mejorada("--abandono", "0.5", "--capas", "784", "10"),
     "argumento --abandono: el abandono apaga neuronas ocultas, pero la red [784, 10] no tiene capas ocultas"),
    (_mejorada("--eta", "0"), "argumento --eta: se esperaba un número real positivo"),
])
def test_argumentos_malos_de_la_red_mejorada(capsys, argumentos, patron):
    assert cli.main(argumentos) == 2
    salida = capsys.readouterr()
    assert salida.out == ""
    assert patron in salida.err
    assert "uso: " in salida.err and "entrenar: error: " in salida.err
    assert "usage" not in salida.err and "Traceback" not in salida.err
    assert argparse._ is gettext.gettext


def test_guardar_en_una_carpeta_es_un_error(capsys, tmp_path):
    carpeta = tmp_path / "redes.json"
    carpeta.mkdir()
    assert cli.main(_mejorada("--guardar", str(carpeta))) == 2
    assert f"argumento --guardar: «{carpeta}» es una carpeta" in capsys.readouterr().err


def test_error_de_la_red_mejorada_en_subproceso(python, entorno, tmp_path):
    r = ejecutar(python, entorno, tmp_path, "entrenar", "--red", "mejorada", "--abandono", "1")
    assert r.returncode == 2 and r.stdout == ""
    assert "python -m codigo entrenar: error: argumento --abandono: se esperaba un número real" in r.stderr
    assert "Traceback" not in r.stderr and "usage" not in r.stderr


def test_ayuda_de_entrenar_explica_la_red_mejorada(capsys):
    assert cli.main(["entrenar", "--help"]) == 0
    ayuda = " ".join(capsys.readouterr().out.split())  # sin los saltos de línea, que dependen del ancho
    for texto in ("--red {basica,mejorada}", "(por omisión: basica)",
                  "opciones de la red mejorada (capítulo 3; solo con --red mejorada)",
                  "--costo {cuadratico,entropia_cruzada,log_verosimilitud}", "--activacion {sigmoide,tanh,relu}",
                  "--inicializacion {normalizada,grande}", "--lmbda λ", "--regularizacion {L2,L1,ninguna}",
                  "--abandono p", "--momento μ", "--paciencia-eta N", "--parada-temprana N",
                  "--evaluacion {validacion,prueba}", "--monitorear CURVA [CURVA ...]", "--guardar RUTA.json",
                  "(por omisión: 3.0) con --red basica y 0.5 con --red mejorada",
                  "(por omisión: entropia_cruzada)", "(por omisión: validacion)",
                  "entrenar --red mejorada"):
        assert texto in ayuda, texto
    for ingles in ("usage:", "show this help", "default", "arguments"):
        assert ingles not in ayuda


def test_las_opciones_coinciden_con_las_del_paquete():
    """La interfaz escribe las opciones a mano (para no importar NumPy); deben ser las del paquete."""
    from codigo.activaciones import ACTIVACIONES
    from codigo.costos import COSTOS
    from codigo.experimentos import CURVAS
    from codigo.red_mejorada import INICIALIZACIONES, REGULARIZACIONES, RedMejorada

    assert set(cli.COSTOS_CLI) == set(COSTOS) and set(cli.ACTIVACIONES_CLI) == set(ACTIVACIONES)
    assert set(cli.INICIALIZACIONES_CLI) == set(INICIALIZACIONES)
    assert set(cli.REGULARIZACIONES_CLI) == {r or "ninguna" for r in REGULARIZACIONES}
    assert set(cli.CURVAS_CLI) == set(CURVAS)
    red = RedMejorada([784, 30, 10])
    d = cli._POR_OMISION_MEJORADA
    assert (d["costo"], d["activacion"], d["inicializacion"]) == (red.costo.nombre, red.activacion.nombre,
                                                                  red.inicializacion)


# ------------------------------------------------ versión, plurales y miles

def test_version_en_espanol(capsys):
    from codigo import __version__

    assert cli.main(["--version"]) == 0
    salida = capsys.readouterr()
    assert salida.out.strip().endswith(f", versión {__version__} (el paquete codigo del libro "
                                       "«Redes neuronales y aprendizaje profundo»)")
    assert "version" not in salida.out.replace("versión", "")


def test_version_en_la_ayuda(capsys):
    assert cli.main(["--help"]) == 0
    assert "--version" in capsys.readouterr().out


@pytest.mark.parametrize("n, singular, plural, esperado", [
    (1, "época", "épocas", "1 época"), (2, "época", "épocas", "2 épocas"),
    (1, "imagen", "imágenes", "1 imagen"), (50_000, "imagen", "imágenes", "50\u2009000 imágenes"),
    (0, "imagen", "imágenes", "0 imágenes"), (1_000_000, "época", "épocas", "1\u2009000\u2009000 épocas"),
])
def test_cantidad_concuerda_y_separa_miles(n, singular, plural, esperado):
    assert cli._cantidad(n, singular, plural) == esperado


def test_progreso_en_singular_y_con_miles(capsys):
    argumentos = ["entrenar", "--epocas", "1", "--n-entrenamiento", "1000", "--capas", "784", "15", "10"]
    assert cli.main(argumentos) == 0
    err = capsys.readouterr().err
    assert "con 1\u2009000 imágenes: 1 época," in err
    assert "1 épocas" not in err
    assert "/ 10\u2009000)" in err and "/ 10000" not in err


def test_progreso_mejorada_en_singular(capsys):
    argumentos = ["entrenar", "--red", "mejorada", "--epocas", "1", "--n-entrenamiento", "1000",
                  "--capas", "784", "15", "10"]
    assert cli.main(argumentos) == 0
    err = capsys.readouterr().err
    assert "con 1\u2009000 imágenes: hasta 1 época," in err
    assert "/ 10\u2009000)" in err
