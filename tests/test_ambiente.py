"""O ambiente instalado é o que constraints.txt trava, e requirements.txt não diverge dele."""

import re
from importlib import metadata
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


def _normalizar(nome: str) -> str:
    return re.sub(r"[-_.]+", "-", nome).lower()


def _fixados(arquivo: str) -> dict[str, str]:
    fixados = {}
    for linha in (RAIZ / arquivo).read_text(encoding="utf-8").splitlines():
        linha = linha.split("#")[0].strip()
        if "==" in linha:
            nome, versao = linha.split("==")
            assert _normalizar(nome) not in fixados, f"{nome} aparece duas vezes em {arquivo}"
            fixados[_normalizar(nome)] = versao.strip()
    return fixados


def test_requirements_e_constraints_concordam():
    diretos, travados = _fixados("requirements.txt"), _fixados("constraints.txt")
    for nome, versao in diretos.items():
        assert travados.get(nome) == versao, (
            f"{nome}: requirements.txt diz {versao}, constraints.txt {travados.get(nome)}"
        )


def test_ambiente_instalado_e_o_travado():
    diferentes = []
    for nome, versao in _fixados("constraints.txt").items():
        try:
            instalada = metadata.version(nome)
        except metadata.PackageNotFoundError:
            instalada = None
        if instalada != versao:
            diferentes.append(f"{nome}: travado {versao}, instalado {instalada}")
    assert not diferentes, "\n".join(diferentes)


def test_makefile_instala_com_as_restricoes():
    assert "-r requirements.txt -c constraints.txt" in (RAIZ / "Makefile").read_text(encoding="utf-8")
