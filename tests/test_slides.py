"""As apresentações de ``make slides`` (tools/slides.py): uma por capítulo, geradas do caderno.

Cada deck abre sem internet no Chromium, tem o número de slides que o fluxo do capítulo pede,
nenhum erro no console, fórmulas compostas pelo MathJax, está em português e não mostra código,
colagens cruas nem as seções de exercícios.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools import slides

RAIZ = Path(__file__).resolve().parents[1]
CADERNOS = slides.cadernos_do_sumario()


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    saida = tmp_path_factory.mktemp("slides")
    processo = subprocess.run(
        [sys.executable, "tools/slides.py", "--saida", str(saida)], cwd=RAIZ, capture_output=True, text=True
    )
    assert processo.returncode == 0, processo.stderr[-3000:]
    return saida


def _papeis(caminho: Path) -> list[str]:
    return [c.metadata["slideshow"]["slide_type"] for c in slides.preparar(caminho).cells]


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_fluxo_do_capitulo(caminho):
    nb = slides.preparar(caminho)
    textos = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert nb.cells[0].source.startswith("# ") and _papeis(caminho)[0] == "slide"
    assert "{glue" not in textos and "{cite" not in textos and "{doc}" not in textos, "papel do MyST não resolvido"
    assert all(c.source == "" for c in nb.cells if c.cell_type == "code"), "código nos slides"
    for secao in ("Preparação", "Teste-se", "Exercícios", "Referências"):  # o que não vai para a aula
        assert not re.search(rf"^##\s+{secao}", textos, flags=re.M), f"a seção {secao} foi para os slides"
    saidas = "".join(str(c.get("outputs", "")) for c in nb.cells)
    assert "<script" not in saidas, "exploradores ou questionários nos slides"


def test_colagem_e_citacao_resolvidas():
    texto = slides.texto_para_slide(
        "Chegou a {glue:text}`acc` {cite:p}`lecun1998,simonyan2014`; veja o {doc}`capítulo <02-lenet>`.",
        {"acc": "89,4%"}, slides.referencias(), "teste",
    )  # fmt: skip
    assert texto == "Chegou a 89,4% (LeCun et al., 1998; Simonyan e Zisserman, 2015); veja o capítulo."
    with pytest.raises(SystemExit, match="colagem 'falta' sem valor gravado"):
        slides.texto_para_slide("{glue:text}`falta`", {}, {}, "teste")


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_deck_abre_sem_internet(decks, navegador, caminho):
    deck = decks / f"{caminho.stem}.slides.html"
    esperados = sum(p in {"slide", "subslide"} for p in _papeis(caminho))
    html = deck.read_text(encoding="utf-8")
    assert '<html lang="pt-BR">' in html and "— slides da aula</title>" in html
    assert "No description has been provided" not in html, "figura sem o texto alternativo do capítulo"
    pagina = navegador.new_page(viewport={"width": 1280, "height": 800})
    erros, externos = [], []
    pagina.on("console", lambda m: m.type == "error" and erros.append(m.text))
    pagina.on("pageerror", lambda e: erros.append(str(e)))
    pagina.on("requestfailed", lambda r: erros.append(f"falhou: {r.url}"))

    def rota(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            externos.append(route.request.url)
            route.abort()

    pagina.route("**/*", rota)
    pagina.goto(deck.as_uri())
    pagina.wait_for_function("window.Reveal && Reveal.isReady()")
    pagina.evaluate("MathJax.startup.promise")
    total = pagina.evaluate("Reveal.getTotalSlides()")
    formulas = pagina.locator("mjx-container").count()
    texto = pagina.evaluate("document.querySelector('.slides').innerText")
    pagina.close()
    assert externos == [] and erros == []
    assert total == esperados
    assert formulas > 0 and "$$" not in texto and "\\frac" not in texto, "fórmula não composta"
