"""Fixtures compartilhadas dos testes."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def livro(tmp_path_factory):
    """Constrói o livro do zero, com avisos tratados como erros; devolve (pasta html, log)."""
    saida = tmp_path_factory.mktemp("livro")
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
