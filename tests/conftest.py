"""Fixtures compartilhadas dos testes."""

import subprocess
import sys
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]


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
