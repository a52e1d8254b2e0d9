"""As apresentações de ``make slides`` (tools/slides.py): uma por capítulo, geradas do caderno.

Cada deck abre sem internet no Chromium, tem o número de slides que o fluxo do capítulo pede,
nenhum erro no console, fórmulas compostas pelo MathJax, está em português e não mostra código,
colagens cruas nem as seções de exercícios. Nenhum slide termina anunciando ("… a tabela por
camada:") o que não mostra: o que o texto anuncia (a saída da célula seguinte) vem junto.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
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


# No deck montado: em cada slide, o último bloco com conteúdo não pode ser um texto que termina em ":"
# (anuncia algo que viria depois e não vem). Um texto impresso, uma tabela ou uma figura no fim, sim.
ANUNCIOS_SEM_NADA = """() => {
  const BLOCOS = "p, li, h1, h2, h3, h4, h5, h6, pre, img, table, svg, mjx-container, blockquote";
  const problemas = [];
  Reveal.getSlides().forEach((secao) => {
    const blocos = [...secao.querySelectorAll(BLOCOS)].filter((el) => el.textContent.trim() || el.matches("img, svg"));
    if (!blocos.length) return;
    const ultimo = blocos[blocos.length - 1];
    if (ultimo.closest("pre, table, svg") || ultimo.matches("img")) return;
    const texto = (ultimo.closest("p, li, h1, h2, h3, h4, h5, h6, blockquote") || ultimo).innerText.trim();
    const { h, v } = Reveal.getIndices(secao);
    if (/:\\s*$/.test(texto)) problemas.push(`slide ${h + 1}.${(v || 0) + 1}: …${texto.slice(-90)}`);
  });
  return problemas;
}"""


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_slide_mostra_o_que_anuncia(decks, navegador, caminho):
    pagina = navegador.new_page(viewport={"width": 1280, "height": 800})
    pagina.goto((decks / f"{caminho.stem}.slides.html").as_uri())
    pagina.wait_for_function("window.Reveal && Reveal.isReady()")
    problemas = pagina.evaluate(ANUNCIOS_SEM_NADA)
    impressos = pagina.locator(".jp-OutputArea-output pre").count()
    pagina.close()
    assert problemas == [], "slides que anunciam o que não mostram:\n" + "\n".join(problemas)
    assert impressos > 0, "nenhum texto impresso anunciado foi para os slides"


def test_anuncio_traz_a_saida_ou_sai():
    def celula_de_codigo(*saidas, etiquetas=()):
        return nbformat.v4.new_code_cell("x = 1", outputs=list(saidas), metadata={"tags": list(etiquetas)})

    impresso = nbformat.v4.new_output("stream", name="stdout", text="12.345 parâmetros\n")
    aviso = nbformat.v4.new_output("stream", name="stderr", text="UserWarning\n")
    assert slides.anuncia("Conferimos somando os números da aula:") and not slides.anuncia("Fim. Nada mais.")
    assert slides._saidas_anunciadas(celula_de_codigo(impresso, aviso)) == [impresso]
    assert slides._saidas_anunciadas(celula_de_codigo(impresso, etiquetas=["remove-output"])) == []
    assert slides._saidas_anunciadas(nbformat.v4.new_markdown_cell("texto")) == []
    # sem saída para mostrar, a frase que anuncia sai (e só ela)
    assert (
        slides.sem_o_anuncio("A conta fecha (Autor, 2015). Conferimos com a fórmula:") == "A conta fecha (Autor, 2015)."
    )
    assert slides.sem_o_anuncio("- um item;\n- outro.\n\nMontando a previsão:") == "- um item;\n- outro."
    assert slides.sem_o_anuncio("Só o anúncio:") == ""


def test_anuncio_fica_junto_do_que_anuncia(tmp_path):
    # dois print() seguidos viram um bloco só (sem mexer no caderno)
    um, dois = (nbformat.v4.new_output("stream", name="stdout", text=t) for t in ("linha 1\n", "linha 2\n"))
    [junto] = slides._saidas_anunciadas(nbformat.v4.new_code_cell("print(1); print(2)", outputs=[um, dois]))
    assert junto.text == "linha 1\nlinha 2\n" and um.text == "linha 1\n"
    # o parágrafo que anuncia se separa do texto antes dele — não de um título, de uma lista nem dentro
    # de um bloco de código
    cerca = "Texto.\n\n```\na\n\nb\n```"
    assert slides._paragrafo_final(f"{cerca}\n\nA saída:") == (cerca, "A saída:")
    for inteiro in ("### Título\n\nA tabela:", "Veja:\n\n- um;\n- dois:", "Um parágrafo só:"):
        assert slides._paragrafo_final(inteiro) == ("", inteiro)
    # um texto longo e a saída que ele anuncia não cabem juntos: o anúncio abre um subslide, com a saída
    longo = "Uma frase de texto corrido que ocupa o slide. " * 13
    impresso = nbformat.v4.new_output("stream", name="stdout", text="camada  saída  parâmetros\n" * 20)
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Capítulo"),
        nbformat.v4.new_markdown_cell(f"## Seção\n\n{longo}\n\nA tabela por camada:"),
        nbformat.v4.new_code_cell("tabela()", outputs=[impresso]),
        nbformat.v4.new_markdown_cell("Curto. O resultado:"),
        nbformat.v4.new_code_cell("print(2)", outputs=[nbformat.v4.new_output("stream", name="stdout", text="2\n")]),
    ])  # fmt: skip
    nbformat.write(nb, tmp_path / "capitulo.ipynb")
    preparado = slides.preparar(tmp_path / "capitulo.ipynb")
    celulas = [(c.metadata.slideshow.slide_type, c.source.split("\n")[0]) for c in preparado.cells]
    assert celulas == [
        ("slide", "# Capítulo"), ("slide", "## Seção"), ("subslide", "A tabela por camada:"), ("-", ""),
        ("subslide", "Curto. O resultado:"), ("-", ""),
    ]  # fmt: skip
