"""Fixtures compartilhadas dos testes."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def livro(tmp_path_factory, worker_id):
    """Constrói o livro do zero, com avisos tratados como erros; devolve (pasta html, log).

    Uma construção só por execução do pytest: com o xdist, o primeiro processo que pede o livro o
    constrói numa pasta comum a todos (sob uma trava), e os outros esperam e reusam o resultado."""
    if worker_id == "master":  # sem xdist
        return _construir_livro(tmp_path_factory.mktemp("livro"))
    from filelock import FileLock

    comum = tmp_path_factory.getbasetemp().parent  # a mesma pasta para todos os processos do xdist
    with FileLock(str(comum / "livro.trava")):
        pronto = comum / "livro" / "pronto.json"
        if not pronto.exists():
            html, processo = _construir_livro(comum / "livro")
            pronto.write_text(json.dumps({"returncode": processo.returncode, "stdout": processo.stdout,
                                          "stderr": processo.stderr}), encoding="utf-8")  # fmt: skip
        gravado = json.loads(pronto.read_text(encoding="utf-8"))
    processo = subprocess.CompletedProcess([], gravado["returncode"], gravado["stdout"], gravado["stderr"])
    return comum / "livro" / "_build" / "html", processo


def _construir_livro(saida: Path):
    saida.mkdir(parents=True, exist_ok=True)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    processo = subprocess.run(
        [str(jupyter_book), "build", str(RAIZ), "--path-output", str(saida), "--all", "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
    )
    return saida / "_build" / "html", processo


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Guarda o resultado de cada fase no item (as fixtures do site tiram captura se falhou)."""
    resultado = yield
    relatorio = resultado.get_result()
    setattr(item, f"rep_{relatorio.when}", relatorio)


@pytest.fixture(scope="session")
def navegador():
    """O Chromium do Debian, guiado pelo Playwright, um só para a sessão inteira do processo: duas
    instâncias do Playwright síncrono no mesmo processo não convivem ("Sync API inside the asyncio
    loop"), e o xdist pode pôr test_site e test_slides no mesmo processo."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError("O Chromium do Debian é necessário na CI (apt-get install chromium).")
        pytest.skip("Chromium não instalado (sudo apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield chromium
        chromium.close()


# Quanto cada arquivo leva, em segundos de um processo: tests/duracoes.json, gravado por
# tools/duracoes.py a partir de um `pytest --junitxml` nesta máquina de 2 núcleos. Com
# `--dist loadfile`, o xdist entrega os arquivos inteiros aos processos na ordem da coleta: os mais
# longos vão primeiro (a regra "maior tarefa primeiro"), e nenhum processo fica parado no fim
# esperando um caderno longo que começou tarde. Um arquivo que não está na tabela conta como curto
# e vai depois, na ordem de sempre.
_DURACOES = RAIZ / "tests" / "duracoes.json"
DURACAO_S = json.loads(_DURACOES.read_text(encoding="utf-8")) if _DURACOES.exists() else {}


def pytest_collection_modifyitems(session, config, items):
    def arquivo(item):
        return Path(str(item.fspath)).resolve().relative_to(RAIZ).as_posix()

    items.sort(key=lambda item: -DURACAO_S.get(arquivo(item), 0.0))  # estável: dentro do arquivo, a ordem fica
