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


# Capítulos ainda não revisados pela issue 11 (números colados, verificações honestas). Os testes
# novos esperam falhar neles (xfail estrito: se um passar, o teste acusa e ele sai desta lista).
# A lista só encolhe; vazia, este bloco sai.
PENDENTES_REVISAO = {"02-lenet.ipynb", "03-alexnet.ipynb", "04-vgg.ipynb", "05-lenet-alexnet-vgg.ipynb"}
TESTES_DA_REVISAO = {
    "test_numeros_da_prosa_colados_ou_citados",
    "test_nbval_compara_texto_em_ao_menos_80_por_cento",
    "test_celula_ignorada_seguida_de_verificacao",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        nome, _, parametro = item.name.partition("[")
        if nome in TESTES_DA_REVISAO and parametro.rstrip("]") in PENDENTES_REVISAO:
            item.add_marker(pytest.mark.xfail(reason="capítulo ainda não revisado (issue 11)", strict=True))
