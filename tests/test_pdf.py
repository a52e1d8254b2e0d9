"""O livro em PDF (``make pdf``, tools/pdf.py): impresso do site construído, pelo Chromium do Debian.

Confere no arquivo, com o poppler (``pdftotext``, ``pdffonts``, ``pdfinfo``, ``pdfimages``): capa e
sumário, os capítulos na ordem do sumário, texto em português extraível (sem glifos trocados por
"�"), fórmulas, figuras e todas as fontes embutidas.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import pdf as ferramenta

RAIZ = Path(__file__).resolve().parents[1]

if not Path(ferramenta.CHROMIUM).exists() or not shutil.which("pdftotext"):
    if os.environ.get("CI"):
        raise RuntimeError("A CI precisa do chromium e do poppler-utils (apt-get install chromium poppler-utils).")
    pytest.skip("Chromium ou poppler-utils não instalados", allow_module_level=True)

pytestmark = pytest.mark.livro


def _rodar(*comando: str) -> str:
    return subprocess.run(comando, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf(livro, tmp_path_factory):
    html, processo = livro
    assert processo.returncode == 0, processo.stdout[-3000:]
    saida = tmp_path_factory.mktemp("pdf") / "livro.pdf"
    feito = subprocess.run(
        [sys.executable, "tools/pdf.py", "--site", str(html), "--saida", str(saida)],
        cwd=RAIZ, capture_output=True, text=True,
    )  # fmt: skip
    assert feito.returncode == 0, feito.stderr[-3000:]
    assert not (html / ferramenta.PAGINA_UNICA).exists(), "a página de impressão ficou no site"
    return saida


def _titulos_dos_capitulos() -> list[str]:
    titulos = []
    for pagina in ferramenta.paginas_do_sumario():
        caminho = RAIZ / f"{pagina}.ipynb"
        if caminho.exists():
            fonte = "".join(json.loads(caminho.read_text(encoding="utf-8"))["cells"][0]["source"])
            titulos.append(fonte.splitlines()[0].removeprefix("# ").strip())
    return titulos


def test_capa_sumario_e_capitulos_na_ordem(pdf):
    paginas = _rodar("pdftotext", str(pdf), "-").split("\f")
    primeiras = [next((linha.strip() for linha in p.splitlines() if linha.strip()), "") for p in paginas]
    assert primeiras[0].startswith("Redes Neurais Convolucionais") and primeiras[1] == "Sumário"
    # cada capítulo começa numa página nova, com o título numerado como no site
    comecos = []
    for numero, titulo in enumerate(_titulos_dos_capitulos(), start=1):
        achadas = [i for i, linha in enumerate(primeiras) if linha == f"{numero}. {titulo}"]
        assert len(achadas) == 1, f"capítulo {numero}. {titulo!r}: páginas {achadas}"
        comecos.append(achadas[0])
    assert comecos == sorted(comecos) and comecos[0] > 1, f"capítulos fora da ordem do sumário: {comecos}"
    assert primeiras.index("Referências") > comecos[-1]


def test_texto_em_portugues_formulas_e_figuras(pdf):
    texto = _rodar("pdftotext", str(pdf), "-")
    assert "\ufffd" not in texto, "glifo que faltou na fonte"
    for trecho in ["convolução", "preenchimento", "parâmetros", "W − F + 2P", "Teste-se"]:
        assert trecho in texto, trecho
    info = _rodar("pdfinfo", str(pdf))
    assert "Tagged:          yes" in info and "Title:           Redes Neurais Convolucionais" in info
    paginas = int(next(linha.split()[-1] for linha in info.splitlines() if linha.startswith("Pages:")))
    figuras = len(_rodar("pdfimages", "-list", str(pdf)).splitlines()) - 2
    print(f"{paginas} páginas, {figuras} imagens")
    assert paginas > 50 and figuras >= 20


def test_fontes_embutidas(pdf):
    linhas = _rodar("pdffonts", str(pdf)).splitlines()[2:]
    assert linhas
    sem = [linha for linha in linhas if linha.split()[-5] != "yes"]  # coluna "emb"
    assert sem == [], f"fontes não embutidas: {sem}"
