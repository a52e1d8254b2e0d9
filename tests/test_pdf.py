"""O livro em PDF (``make pdf``, tools/pdf.py): impresso do site construído, pelo Chromium do Debian.

Confere no arquivo, com o poppler (``pdftotext``, ``pdffonts``, ``pdfinfo``, ``pdfimages``): capa e
sumário, os capítulos na ordem do sumário, texto em português extraível (sem glifos trocados por
"�"), fórmulas, figuras e todas as fontes embutidas. E a composição da página, como vai para o papel
(mídia de impressão, na largura do texto de uma folha A4): o papel não rola, então nenhum bloco de
código, texto impresso, tabela, fórmula ou desenho pode passar da margem direita nem ficar escondido
numa caixa que, no site, rolaria; e o que encolheu para caber continua legível.
"""

from __future__ import annotations

import json
import os
import re
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
def site_completo(livro, tmp_path_factory):
    """O site como ``make site`` o publica, na mesma ordem: o livro (uma cópia do construído pela
    fixture ``livro``), depois os slides dentro dele, depois o PDF impresso dele (``livro.pdf``)."""
    html, processo = livro
    assert processo.returncode == 0, processo.stdout[-3000:]
    site = tmp_path_factory.mktemp("site") / "html"
    shutil.copytree(html, site)
    for passo in (["tools/slides.py", "--saida", str(site / "slides")], ["tools/pdf.py", "--site", str(site)]):
        feito = subprocess.run([sys.executable, *passo], cwd=RAIZ, capture_output=True, text=True)
        assert feito.returncode == 0, feito.stderr[-3000:]
    assert not (site / ferramenta.PAGINA_UNICA).exists(), "a página de impressão ficou no site"
    return site


@pytest.fixture(scope="module")
def pdf(site_completo):
    return site_completo / "livro.pdf"


def test_site_completo_tem_livro_slides_e_pdf_juntos(site_completo):
    """O que o workflow publica: cada capítulo com o seu deck e o PDF, e os links de cada capítulo
    ("Slides desta aula", "Baixar o livro em PDF") levam a arquivos que existem no mesmo site."""
    assert (site_completo / "index.html").exists()
    assert (site_completo / "livro.pdf").stat().st_size > 1_000_000
    capitulos = [p for p in ferramenta.paginas_do_sumario() if p.startswith("notebooks/")]
    assert capitulos
    for pagina in capitulos:
        texto = (site_completo / f"{pagina}.html").read_text(encoding="utf-8")
        links = re.findall(r'href="(\.\./(?:slides/[^"]+|livro\.pdf))"', texto)
        assert len(links) == 2, f"{pagina}: esperava os links de slides e PDF, achou {links}"
        for link in links:
            alvo = (site_completo / pagina).parent / link
            assert alvo.resolve().exists(), f"{pagina}: {link} não existe no site publicado"


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


# Independente de tools/pdf.py (que encolhe o que não cabe): o que o papel perderia. (1) Um elemento
# visível que passa da borda do texto; (2) uma caixa que corta o que sobra (``overflow`` que não é
# ``visible``: no site, rolaria) com conteúdo além dela — os filhos visíveis ou, sem fórmulas dentro,
# a largura rolável (a de uma fórmula inclui o MathML escondido para leitores de tela, que não conta).
# E a letra do código, dos textos impressos e das tabelas, já com o zoom, no papel.
COMPOSICAO = """() => {
  const largura = document.documentElement.clientWidth;
  const artigo = document.querySelector("article.bd-article");
  const mostra = (e) => !e.closest("mjx-assistive-mml") && e.getClientRects().length > 0;
  const todos = [...artigo.querySelectorAll("*")].filter(mostra);
  const nome = (e) => `${e.localName}.${[...e.classList].join(".")} em #${(e.closest("section[id]") || {}).id}: `
    + JSON.stringify(e.textContent.trim().replace(/\\s+/g, " ").slice(0, 60));
  const passam = todos.filter((e) => e.getBoundingClientRect().right > largura + 1
    && e.parentElement.getBoundingClientRect().right <= largura + 1);
  const cortam = todos.filter((c) => {
    if (getComputedStyle(c).overflowX === "visible") return false;
    const borda = c.getBoundingClientRect().left + c.clientLeft + c.clientWidth;
    if (!c.querySelector("mjx-container") && c.scrollWidth > c.clientWidth + 1) return true;
    return [...c.querySelectorAll("*")].some((d) => mostra(d) && d.getBoundingClientRect().right > borda + 1);
  });
  const zoom = (e) => {
    let z = 1;
    for (let a = e; a; a = a.parentElement) z *= parseFloat(getComputedStyle(a).zoom) || 1;
    return z;
  };
  const letras = [...artigo.querySelectorAll("pre, td, th")].filter(mostra)
    .map((e) => ({ e, px: parseFloat(getComputedStyle(e).fontSize) * zoom(e) }));
  const miuda = letras.filter((l) => l.px < 9.5).map((l) => `${l.px.toFixed(1)} px: ${nome(l.e)}`);
  // os desenhos dos exploradores: casas de 1 rem, legíveis até a metade do tamanho
  const desenhos = [...artigo.querySelectorAll(".redesconv-linha")].filter(mostra);
  const desenhoMiudo = desenhos.filter((e) => zoom(e) < 0.5).map((e) => `${zoom(e).toFixed(2)}: ${nome(e)}`);
  const notas = [...artigo.querySelectorAll(".redesconv-nota-impressa")].filter(mostra).length;
  return {
    largura, pagina: document.documentElement.scrollWidth, passam: passam.map(nome), cortam: cortam.map(nome),
    miuda, desenhos: desenhos.length, desenhoMiudo, notas,
    blocos: artigo.querySelectorAll("pre").length, tabelas: artigo.querySelectorAll("table").length,
  };
}"""


@pytest.fixture(scope="module")
def composicao(livro, navegador, tmp_path_factory):
    """A página única do PDF aberta como vai para o papel (tools/pdf.py: mídia de impressão, na largura
    do texto de uma folha A4, com o que não cabe já encolhido) e medida com ``COMPOSICAO``."""
    html, processo = livro
    assert processo.returncode == 0, processo.stdout[-3000:]
    documento, _ = ferramenta.montar(html)
    # fora do site (nada de arquivo a mais ali), com os endereços relativos resolvidos no site
    documento = documento.replace("<head>", f'<head><base href="{html.as_uri()}/">', 1)
    arquivo = tmp_path_factory.mktemp("impressao") / ferramenta.PAGINA_UNICA
    arquivo.write_text(documento, encoding="utf-8")
    pagina = navegador.new_page()
    ajuste = ferramenta.abrir_para_impressao(pagina, arquivo.as_uri())
    medida = pagina.evaluate(COMPOSICAO)
    pagina.close()
    print(f"{medida['blocos']} blocos de código e texto, {medida['tabelas']} tabelas; {ajuste['codigo']} blocos com "
          f"letra menor; encolhidos: {[(e['elemento'], e['zoom']) for e in ajuste['encolhidos']]}")  # fmt: skip
    return medida


def test_nada_passa_da_margem_no_papel(composicao):
    assert composicao["largura"] == ferramenta.LARGURA_DO_TEXTO and composicao["blocos"] > 100
    assert composicao["pagina"] <= composicao["largura"], "algo alarga a página: a impressão encolheria tudo"
    assert composicao["passam"] == [], "passa da margem direita do papel:\n" + "\n".join(composicao["passam"])
    assert composicao["cortam"] == [], "cortado numa caixa que rolaria no site:\n" + "\n".join(composicao["cortam"])


def test_o_que_encolheu_continua_legivel(composicao):
    # código e textos impressos quebram a linha (book/_static/estilo.css) ou encolhem só até 80%; uma
    # tabela larga, pouco: nada abaixo de 9,5 px do CSS (7 pt) no papel
    assert composicao["miuda"] == [], "letra miúda demais no papel:\n" + "\n".join(composicao["miuda"][:20])


def test_desenho_largo_demais_vira_nota_no_papel(composicao):
    # o explorador do cap. 1 começa em W=227 (a AlexNet): 227 casas só caberiam a 16% do tamanho
    assert composicao["notas"] >= 1, "o desenho de 227 casas não virou nota"
    assert composicao["desenhoMiudo"] == [], "desenho ilegível no papel:\n" + "\n".join(composicao["desenhoMiudo"])
