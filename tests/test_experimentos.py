"""Experimentos en caché: la clave resume código, datos y configuración, y la caché se reutiliza."""

from __future__ import annotations

import dataclasses
import json
import shutil
import types

import pytest

from codigo import datos, experimentos
from codigo.experimentos import Configuracion

PEQUENA = Configuracion(tipo="red", capas=(784, 30, 10), epocas=1, tam_mini_lote=10, eta=3.0,
                        semilla=1, n_entrenamiento=1000)


@pytest.fixture
def cache(monkeypatch, tmp_path):
    """Una caché vacía y propia de cada prueba, en modo rápido."""
    carpeta = tmp_path / "cache"
    monkeypatch.setenv("CODIGO_CACHE", str(carpeta))
    monkeypatch.setenv("CODIGO_RAPIDO", "1")
    monkeypatch.delenv("CODIGO_DATOS", raising=False)
    return carpeta


@pytest.fixture
def espia(monkeypatch):
    """Cuenta las configuraciones que se entrenan de verdad (con un solo proceso)."""
    entrenadas: list[Configuracion] = []
    original = experimentos.entrenar

    def entrenar(config, al_terminar_epoca=None):
        entrenadas.append(config)
        return original(config, al_terminar_epoca)

    monkeypatch.setattr(experimentos, "entrenar", entrenar)
    return entrenadas


@pytest.fixture
def experimento_de_prueba(monkeypatch):
    monkeypatch.setitem(experimentos.EXPERIMENTOS, "prueba_pequena", PEQUENA)
    return "prueba_pequena"


# ------------------------------------------------------------------ la clave

def test_clave_cambia_con_cada_parte_por_separado():
    huella, sha = "a" * 64, "b" * 64
    base = experimentos.clave(PEQUENA, huella, sha)
    assert base == experimentos.clave(PEQUENA, huella, sha)  # determinista
    assert experimentos.clave(PEQUENA, "c" * 64, sha) != base  # otro código
    assert experimentos.clave(PEQUENA, huella, "d" * 64) != base  # otros datos
    for cambio in ({"semilla": 2}, {"eta": 0.5}, {"epocas": 2}, {"capas": (784, 11, 10)},
                   {"tam_mini_lote": 5}, {"n_entrenamiento": 1001}, {"tipo": "oscuridad"}):
        assert experimentos.clave(dataclasses.replace(PEQUENA, **cambio), huella, sha) != base, cambio


def test_clave_por_omision_usa_la_huella_y_los_datos_reales():
    esperada = experimentos.clave(PEQUENA, experimentos.huella_codigo(), datos.sha256(datos.ruta_mnist()))
    assert experimentos.clave(PEQUENA) == esperada


def test_huella_del_codigo(monkeypatch, tmp_path, raiz):
    """Cambiar un módulo que entrena cambia la huella; cambiar la CLI o el banco de tiempos, no."""
    copia = tmp_path / "codigo"
    shutil.copytree(raiz / "codigo", copia, ignore=shutil.ignore_patterns("__pycache__", "_datos"))
    monkeypatch.setattr(experimentos, "__file__", str(copia / "experimentos.py"))
    original = experimentos.huella_codigo()
    assert len(original) == 64 and original == experimentos.huella_codigo()
    for modulo in ("__main__.py", "rendimiento.py"):
        (copia / modulo).write_text((copia / modulo).read_text(encoding="utf-8") + "\n# cambio\n", encoding="utf-8")
    assert experimentos.huella_codigo() == original
    (copia / "red.py").write_text((copia / "red.py").read_text(encoding="utf-8") + "\n# cambio\n", encoding="utf-8")
    cambiada = experimentos.huella_codigo()
    assert cambiada != original
    (copia / "nuevo.py").write_text("X = 1\n", encoding="utf-8")  # un módulo nuevo también cuenta
    assert experimentos.huella_codigo() not in (original, cambiada)


# ------------------------------------------------------------------ la caché

def test_ejecutar_varios_reutiliza_la_cache(cache, espia, experimento_de_prueba):
    nombre = experimento_de_prueba
    primero = experimentos.ejecutar_varios([nombre], procesos=1)[nombre]
    assert len(espia) == 1
    archivos = sorted(cache.glob("*.json"))
    assert len(archivos) == 1 and not list(cache.glob("*.tmp"))
    assert archivos[0].stem == experimentos.clave(PEQUENA)
    segundo = experimentos.ejecutar_varios([nombre], procesos=1)[nombre]
    assert len(espia) == 1  # no reentrenó
    assert segundo == primero
    assert experimentos.ejecutar(nombre) == primero
    assert len(espia) == 1
    experimentos.ejecutar(nombre, usar_cache=False)  # a propósito, sin caché
    assert len(espia) == 2


def test_reentrena_si_cambia_la_configuracion(cache, espia, experimento_de_prueba, monkeypatch):
    nombre = experimento_de_prueba
    experimentos.ejecutar(nombre)
    monkeypatch.setitem(experimentos.EXPERIMENTOS, nombre, dataclasses.replace(PEQUENA, semilla=2))
    experimentos.ejecutar(nombre)
    assert [c.semilla for c in espia] == [1, 2]
    assert len(list(cache.glob("*.json"))) == 2


def test_reentrena_si_cambia_el_codigo(cache, espia, experimento_de_prueba, monkeypatch):
    nombre = experimento_de_prueba
    experimentos.ejecutar(nombre)
    monkeypatch.setattr(experimentos, "huella_codigo", lambda: "0" * 64)
    experimentos.ejecutar(nombre)
    assert len(espia) == 2
    experimentos.ejecutar(nombre)
    assert len(espia) == 2


def test_reentrena_si_cambian_los_datos(cache, espia, experimento_de_prueba, monkeypatch):
    nombre = experimento_de_prueba
    experimentos.ejecutar(nombre)
    otros_datos = types.SimpleNamespace(sha256=lambda ruta: "e" * 64, ruta_mnist=datos.ruta_mnist,
                                        cargar_mnist=datos.cargar_mnist)
    monkeypatch.setattr(experimentos, "d", otros_datos)
    experimentos.ejecutar(nombre)
    assert len(espia) == 2


def test_resultado_de_una_red(cache, espia, experimento_de_prueba):
    r = experimentos.ejecutar(experimento_de_prueba)
    assert r["config"] == PEQUENA.como_dict()
    assert r["n_prueba"] == 10_000 and len(r["predicciones"]) == 10_000
    assert r["exactitud_prueba"] == r["aciertos_prueba"] / 10_000
    assert sum(p == y for p, y in zip(r["predicciones"], datos.cargar_mnist().prueba.y)) == r["aciertos_prueba"]
    assert len(r["por_epoca"]) == len(r["aciertos_por_epoca"]) == len(r["segundos_por_epoca"]) == 1
    assert r["por_epoca"][-1] == r["exactitud_prueba"]
    assert r["exactitud_prueba"] > 0.3  # ≈ 44 % con 1000 imágenes y una época; al azar, ≈ 10 %
    json.dumps(r)  # se puede guardar


def test_modo_rapido_reduce_los_experimentos(cache, espia):
    r = experimentos.ejecutar("cap1_30")
    assert espia[0].epocas == 2 and espia[0].n_entrenamiento == 5000
    assert r["config"]["epocas"] == 2 and len(r["por_epoca"]) == 2


def test_clasificadores_de_referencia(cache, espia):
    r = experimentos.ejecutar_varios(["cap1_azar", "cap1_oscuridad"], procesos=1)
    assert 0.08 < r["cap1_azar"]["exactitud_prueba"] < 0.12
    assert 0.15 < r["cap1_oscuridad"]["exactitud_prueba"] < 0.30  # Nielsen publicó 22.25 % con todo el entrenamiento


def test_experimento_desconocido(cache):
    with pytest.raises(KeyError, match="No hay ningún experimento llamado 'cap9'"):
        experimentos.ejecutar("cap9")


def test_varios_procesos_y_luego_cache(cache, request):
    """Con dos procesos se entrenan en paralelo; luego todo sale de la caché."""
    nombres = ["cap1_azar", "cap1_30_s2"]
    paralelo = experimentos.ejecutar_varios(nombres, procesos=2)
    assert list(paralelo) == nombres and len(list(cache.glob("*.json"))) == 2
    espia = request.getfixturevalue("espia")  # desde aquí, cualquier entrenamiento se cuenta
    desde_cache = experimentos.ejecutar_varios(nombres, procesos=2)
    assert desde_cache == paralelo and espia == []
    # Lo mismo que entrenar aquí mismo, sin caché: el resultado no depende del proceso.
    local = experimentos.ejecutar("cap1_30_s2", usar_cache=False)
    assert local["predicciones"] == paralelo["cap1_30_s2"]["predicciones"]
    assert local["por_epoca"] == paralelo["cap1_30_s2"]["por_epoca"]


def test_varias_configuraciones_sueltas_no_se_pisan(tmp_path, monkeypatch):
    """Cada Configuracion suelta es su propia clave del resultado: ninguna tapa a otra."""
    monkeypatch.setenv("CODIGO_CACHE", str(tmp_path))
    monkeypatch.delenv("CODIGO_RAPIDO", raising=False)
    a = experimentos.Configuracion(tipo="azar", semilla=1)
    b = experimentos.Configuracion(tipo="azar", semilla=2)
    r = experimentos.ejecutar_varios([a, b], procesos=1)
    assert set(r) == {a, b}
    assert r[a]["predicciones"] != r[b]["predicciones"]
