"""O texto como o leitor o lê: o site construído, com os números colados já no lugar.

Os testes do caderno leem o Markdown com ``{glue:text}`nome```; o leitor lê o valor. Deslizes
mecânicos só aparecem depois da colagem (``a {glue:text}`x` a`` vira "a 3 a", e uma colagem
sem valor some da frase). Aqui, cada página do sumário é lida do HTML construído (fixture ``livro``)
em três partes:

* **prosa**: parágrafos, itens de lista, títulos, legendas, caixas (exercícios, notas) e o texto
  dos questionários — sem código, sem fórmulas, sem tabelas;
* **tabelas**: as tabelas do texto e as de saídas HTML;
* **saídas de texto**: o que as células imprimem (``print``, valores), linha a linha.

O código das células (a entrada) não é lido: lá ``True`` e ``(s)`` são Python.

O que se procura, e onde:

============================  ======  =======  ================
deslize                       prosa   tabelas  saídas de texto
============================  ======  =======  ================
palavra repetida ("o o")      sim     não      não (colunas repetem de propósito: "fora fora")
colagem sem valor             sim     sim      sim (e os avisos do myst-nb no log)
plural remendado ("(ões)")    sim     sim      sim
``True``/``False``            sim     sim      sim (exceto ``nome=True``, a repr de um objeto)
"mi"/"bi" abreviados          sim     não      não
============================  ======  =======  ================
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from redesconv.formatacao import plural_br
from tools.pdf import paginas_do_sumario

pytestmark = pytest.mark.livro

PAGINAS = paginas_do_sumario()

LACUNA = " ⌗ "  # o lugar de um código ou de uma fórmula tirados do texto
# uma palavra (letras, sem dígitos) repetida: "o o", "de De"; com uma letra só, na mesma caixa
# ("a A-LRN não melhorou a A": o artigo e o nome da configuração)
REPETIDA = re.compile(r"(?<![\w-])(?:([^\W\d_]{2,})\s+(?i:\1)|([^\W\d_])\s+\2)(?![\w-])")
PLURAL_REMENDADO = re.compile(r"[^\W\d_]\((?:s|es|is|ns|ões|ãos|ães|a|as)\)")
# True/False como palavra; não a repr de um objeto ou dicionário (bias=True, 'lrn': False)
BOOLEANO = re.compile(r"(?<![\w=.])(?<!': )(True|False)(?![\w=])")
ABREVIACAO = re.compile(r"(?<![\w-])(mi|bi)(?![\w-])")
COLAGEM = re.compile(r"\{glue[:\w]*\}|\bglue:(?:text|any|math|figure)\b")

# Palavras que repetidas são português correto. Mantenha curta, com o motivo.
REPETICAO_CORRETA: set[str] = set()


@dataclass
class Pagina:
    prosa: list[str] = field(default_factory=list)
    tabelas: list[str] = field(default_factory=list)
    saidas: list[str] = field(default_factory=list)
    colagens_vazias: int = 0


def _texto(no) -> str:
    return " ".join(no.get_text().split())


def ler_pagina(html: str) -> Pagina:
    """Separa o artigo de uma página do site em prosa, tabelas e saídas de texto."""
    sopa = BeautifulSoup(html, "html.parser")
    artigo = sopa.find("article") or sopa
    pagina = Pagina()
    for no in artigo.select("script, style, .headerlink, div.cell_input, .redesconv-explorador"):
        no.decompose()
    for no in artigo.select(".math"):
        no.replace_with(LACUNA)  # a fórmula sai, mas as palavras em volta dela não ficam vizinhas
    pagina.colagens_vazias = sum(1 for span in artigo.select("span.pasted-text") if not span.get_text().strip())
    for no in artigo.select("div.output.stream pre, div.output.text_plain pre"):
        pagina.saidas += [linha for linha in no.get_text().splitlines() if linha.strip()]
        no.decompose()
    for no in artigo.select("code, pre"):
        no.replace_with(LACUNA)
    for tabela in artigo.select("table"):
        pagina.tabelas += [_texto(celula) for celula in tabela.select("th, td")]
        tabela.decompose()
    for no in artigo.select("p, h1, h2, h3, h4, h5, h6, figcaption, caption, dt, dd, li, label, legend"):
        if no.name == "li" and no.find("p"):
            continue  # o texto está nos parágrafos do item
        texto = _texto(no)
        if texto:
            pagina.prosa.append(texto)
    return pagina


def _contexto(texto: str, m: re.Match) -> str:
    return repr(texto[max(0, m.start() - 60) : m.end() + 40].strip())


def deslizes(pagina: Pagina) -> list[str]:
    achados = []
    for onde, textos in (("prosa", pagina.prosa), ("tabela", pagina.tabelas), ("saída", pagina.saidas)):
        for texto in textos:
            if onde == "prosa":
                for m in REPETIDA.finditer(texto):
                    if (m.group(1) or m.group(2)).lower() not in REPETICAO_CORRETA:
                        achados.append(f"{onde}: palavra repetida {m.group(0)!r} em {_contexto(texto, m)}")
                for m in ABREVIACAO.finditer(texto):
                    achados.append(
                        f"{onde}: abreviação {m.group(0)!r} em {_contexto(texto, m)} (escreva milhões/bilhões)"
                    )
            for m in PLURAL_REMENDADO.finditer(texto):
                achados.append(f"{onde}: plural remendado {m.group(0)!r} em {_contexto(texto, m)} (use plural_br)")
            for m in BOOLEANO.finditer(texto):
                achados.append(
                    f"{onde}: {m.group(0)} do Python para o leitor em {_contexto(texto, m)} (escreva sim/não)"
                )
            for m in COLAGEM.finditer(texto):
                achados.append(f"{onde}: colagem não resolvida {m.group(0)!r} em {_contexto(texto, m)}")
    if pagina.colagens_vazias:
        n = pagina.colagens_vazias
        achados.append(f"{n} {plural_br(n, 'colagem', 'colagens')} sem texto")
    return achados


def avisos_de_colagem(log: str) -> list[str]:
    """Os avisos do myst-nb sobre colagens: uma chave que não existe some da frase sem deixar rastro no HTML."""
    linhas = re.sub(r"\x1b\[[0-9;]*m", "", log).splitlines()  # sem as cores do terminal
    return [linha for linha in linhas if re.search(r"WARNING|ERROR", linha) and "glue" in linha.lower()]


@pytest.mark.parametrize("pagina", PAGINAS)
def test_texto_renderizado_sem_deslizes(livro, pagina):
    html, _ = livro
    arquivo = html / f"{pagina}.html"
    assert arquivo.exists(), f"{pagina}.html não foi construída"
    achados = deslizes(ler_pagina(arquivo.read_text(encoding="utf-8")))
    assert not achados, "\n".join(achados)


def test_nenhuma_colagem_sem_chave(livro):
    _, processo = livro
    avisos = avisos_de_colagem(processo.stdout + processo.stderr)
    assert not avisos, "\n".join(avisos)


# ---------------------------------------------------------------------------------------------
# Autoconferência: cada deslize, plantado numa página de verdade do site, é acusado


PLANTADOS = {
    "palavra repetida": "<p>A saída de de CONV1 tem 96 mapas.</p>",
    "plural remendado": "<p>O filtro passa por 3 posição(ões).</p>",
    "True": "<p>A ReLU satura? True</p>",
    "colagem": "<p>A acurácia foi {glue:text}`acc`.</p>",
    "abreviação": "<p>A VGG-16 tem 138 mi de parâmetros.</p>",
}


@pytest.mark.parametrize("tipo", PLANTADOS)
def test_deslize_plantado_numa_pagina_real_e_acusado(livro, tipo):
    html, _ = livro
    original = (html / "book" / "verificacao.html").read_text(encoding="utf-8")
    assert not deslizes(ler_pagina(original))
    plantado = original.replace("</article>", PLANTADOS[tipo] + "</article>", 1)
    achados = deslizes(ler_pagina(plantado))
    assert len(achados) == 1 and tipo.split()[0].lower() in achados[0].lower(), achados


def test_detector_separa_prosa_codigo_e_saida():
    pagina = ler_pagina(
        """<article>
        <p>Escreva <code>bias=True</code> e <span class="math">\\(x x\\)</span>: nada acusado; 138 mi.</p>
        <div class="cell_input"><pre>ok = True  # (s)</pre></div>
        <div class="output stream"><pre>Conv2d(3, 96, bias=True)\nconv1   conv1\nidêntico? False</pre></div>
        <table><tr><td>mi</td><td>de</td><td>de</td></tr></table>
        <p>A acurácia foi <span class="pasted-text"></span>.</p>
        </article>"""
    )
    assert pagina.saidas == ["Conv2d(3, 96, bias=True)", "conv1   conv1", "idêntico? False"]
    achados = deslizes(pagina)
    assert any("False" in a and a.startswith("saída") for a in achados)
    assert any("'mi'" in a and a.startswith("prosa") for a in achados)
    assert "1 colagem sem texto" in achados
    assert len(achados) == 3, achados


def test_avisos_de_colagem_do_myst_nb():
    """Uma chave que não existe some do HTML sem deixar rastro (plantada em book/intro.md, a frase
    saiu inteira, só sem o valor); o que sobra é o aviso do myst-nb no log da construção."""
    aviso = (
        "book/intro.md:3: WARNING: No key 'chave_que_nao_existe' found in glue data for this document. "
        "(use `path::key`, to glue from another document) [mystnb.glue]"
    )
    assert avisos_de_colagem(f"\x1b[91m{aviso}\x1b[39;49;00m\nbuild succeeded.") == [aviso]


def test_pagina_da_verificacao_no_sumario():
    assert "book/verificacao" in PAGINAS
    assert PAGINAS.index("book/verificacao") < PAGINAS.index("book/glossario")
    intro = (Path(__file__).resolve().parents[1] / "book" / "intro.md").read_text(encoding="utf-8")
    assert "{doc}`verificacao`" in intro
