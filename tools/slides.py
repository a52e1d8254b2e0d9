"""``make slides``: cada capítulo vira uma apresentação reveal.js, gerada do próprio caderno.

O fluxo dos slides sai da estrutura do capítulo, sem marcar célula por célula (editou o capítulo,
rode ``make slides`` de novo):

* ``#``/``##`` abrem um slide; ``###``/``####``, um subslide (para baixo, no reveal.js);
* cada outro bloco de texto vira um subslide; fórmulas ficam (MathJax);
* código não aparece; as figuras e tabelas (HTML) ficam com o texto curto que as apresenta (ou
  ganham um subslide); exploradores e questionários ficam de fora;
* um texto que anuncia o que vem ("… sincronizando a GPU antes de ler o relógio:") leva para o seu
  slide a saída da célula de código seguinte — o texto impresso, a tabela, a figura; se os dois não
  cabem no slide em curso, o parágrafo que anuncia abre um subslide com ela; se essa célula não
  mostra nada, a frase que anuncia sai (um slide não promete o que não mostra); os outros textos
  impressos ficam de fora;
* "Preparação", "Teste-se", "Exercícios" e "Referências" ficam de fora;
* os números colados (``{glue:text}`nome```) são trocados pelo valor gravado no caderno, as
  citações (``{cite:p}`chave```) por "(Autor, ano)" de ``book/referencias.bib``.

Uma célula pode escolher o seu papel com os metadados do Jupyter (``"slideshow": {"slide_type":
…}``); esses prevalecem. O reveal.js (do registro npm, por ``tools/vendorizar.py``) e o MathJax do
site vão para ``_build/html/slides/recursos/``: as apresentações funcionam sem internet, dentro do
site publicado ou copiadas sozinhas.

Uso: python tools/slides.py [--saida PASTA] [cadernos…]
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import shutil
import sys
from html import escape
from pathlib import Path

import nbformat

RAIZ = Path(__file__).resolve().parents[1]
SAIDA = RAIZ / "_build" / "html" / "slides"
VENDOR = RAIZ / "_vendor"
VENDOR_SLIDES = RAIZ / ".vendor-slides"
MODELO = RAIZ / "tools" / "slides_modelo"
FORA = ("Preparação", "Teste-se", "Exercícios", "Referências")
PREFIXO_COLAGEM = "application/papermill.record/"
LIMITE = 700  # caracteres de texto que cabem num slide
LIMITE_COM_FIGURA = 350  # ... e os que cabem acima de uma figura
LINHA = 60  # ... e os de uma linha


def cadernos_do_sumario() -> list[Path]:
    """Os cadernos, na ordem do sumário (``_toc.yml``, lido por :func:`tools.pdf.paginas_do_sumario`)."""
    if str(RAIZ) not in sys.path:
        sys.path.insert(0, str(RAIZ))  # rodando como script: `tools` é um pacote da raiz
    from tools.pdf import paginas_do_sumario

    return [RAIZ / f"{p}.ipynb" for p in paginas_do_sumario() if p.startswith("notebooks/")]


def colagens(nb) -> dict[str, str]:
    """nome → texto de cada ``colar``/``glue`` gravado nas saídas do caderno."""
    valores = {}
    for celula in nb.cells:
        for saida in celula.get("outputs", []):
            nome = saida.get("metadata", {}).get("scrapbook", {}).get("name")
            texto = saida.get("data", {}).get(PREFIXO_COLAGEM + "text/plain")
            if nome and texto is not None:
                valores[nome] = ast.literal_eval(texto)
    return valores


def referencias() -> dict[str, str]:
    """chave do BibTeX → "Sobrenome et al., ano" (ou "Sobrenome, ano")."""
    bib = (RAIZ / "book" / "referencias.bib").read_text(encoding="utf-8")
    saida = {}
    for m in re.finditer(r"@\w+\{([^,]+),(.*?)\n\}", bib, flags=re.S):
        chave, corpo = m.group(1).strip(), m.group(2)
        autor = re.search(r"author\s*=\s*[{\"](.+?)[}\"],?\s*\n", corpo, flags=re.S)
        ano = re.search(r"year\s*=\s*[{\"]?(\d{4})", corpo)
        autores = [a.strip() for a in (autor.group(1) if autor else chave).split(" and ")]
        sobrenomes = [a.split(",")[0].strip("{} ") if "," in a else a.split()[-1].strip("{}") for a in autores]
        if len(sobrenomes) > 2:
            nome = f"{sobrenomes[0]} et al."
        else:
            nome = " e ".join(sobrenomes)
        saida[chave] = f"{nome}, {ano.group(1) if ano else 's.d.'}"
    return saida


def _citacao(m: re.Match, refs: dict[str, str]) -> str:
    chaves = [c.strip() for c in m.group(2).split(",")]
    textos = "; ".join(refs.get(c, c) for c in chaves)
    return f"({textos})" if m.group(1) == "p" else textos


def _titulo_do_documento(alvo: str) -> str:
    """O título (primeiro ``# ``) do capítulo ou página que um ``{doc}`alvo``` sem texto aponta."""
    for extensao in (".ipynb", ".md"):
        arquivo = (RAIZ / "notebooks" / alvo.strip()).with_suffix(extensao)
        if arquivo.exists():
            texto = arquivo.read_text(encoding="utf-8")
            fonte = "".join(nbformat.reads(texto, as_version=4).cells[0].source) if extensao == ".ipynb" else texto
            titulo = re.search(r"^#\s+(.+)$", fonte, flags=re.M)
            if titulo:
                return f"“{titulo.group(1).strip()}”"
    return alvo


def _separar_secoes(nb) -> None:
    """Uma célula de Markdown com um ``#``/``##`` no meio vira duas (cada seção decide o seu slide)."""
    novas = []
    for celula in nb.cells:
        if celula.cell_type != "markdown":
            novas.append(celula)
            continue
        partes, cerca = [[]], None
        for linha in celula.source.splitlines():
            marca = re.match(r"^(`{3,}|:{3,})", linha)
            if marca and cerca is None:
                cerca = marca.group(1)
            elif cerca and linha.strip() == cerca:
                cerca = None
            elif cerca is None and re.match(r"^#{1,2}\s", linha) and partes[-1]:
                partes.append([])  # um título fora de bloco de código abre outra célula
            partes[-1].append(linha)
        for k, parte in enumerate("\n".join(linhas) for linhas in partes):
            nova = copy.deepcopy(celula)
            nova.source = parte
            if k and "id" in nova:
                nova["id"] = f"{celula['id']}-{k}"  # ids únicos
            novas.append(nova)
    nb.cells = novas


def texto_para_slide(fonte: str, valores: dict[str, str], refs: dict[str, str], nome: str) -> str:
    """O Markdown do MyST em Markdown comum: colagens e citações resolvidas, diretivas simplificadas."""

    def colagem(m: re.Match) -> str:
        chave = m.group(1)
        fonte_valores = valores
        if "::" in chave:  # de outro capítulo: {glue:text}`04-vgg.ipynb::nome:s`
            outro, chave = chave.split("::", 1)
            fonte_valores = colagens(nbformat.read(RAIZ / "notebooks" / outro, as_version=4))
        chave = chave.split(":")[0]  # sem o formato (":s"): os valores já são texto formatado
        if chave not in fonte_valores:
            raise SystemExit(f"{nome}: colagem {m.group(1)!r} sem valor gravado — reexecute o caderno (make cadernos).")
        return fonte_valores[chave]

    fonte = re.sub(r"\{glue(?::text)?\}`([^`]+)`", colagem, fonte)
    fonte = re.sub(r"\{cite:(p|t)\}`([^`]+)`", lambda m: _citacao(m, refs), fonte)
    fonte = re.sub(r"\{doc\}`([^`<]+)`", lambda m: _titulo_do_documento(m.group(1)), fonte)
    fonte = re.sub(r"\{(?:doc|ref|numref|eq|term|download)\}`([^`<]*?)\s*(?:<[^>]*>)?`", r"\1", fonte)
    fonte = re.sub(r"^\(\S+\)=\s*$", "", fonte, flags=re.M)  # rótulos do MyST
    # diretivas (```{note} … ```): o conteúdo fica, como citação; opções (:label:) saem
    linhas, dentro = [], False
    for linha in fonte.splitlines():
        abre = re.match(r"^(`{3,}|:{3,})\{(\w+)\}\s*(.*)$", linha)
        if abre and not dentro:
            dentro = abre.group(1)
            titulo = abre.group(3).strip()
            if titulo:
                linhas.append(f"> **{titulo}**")
            continue
        if dentro and linha.strip() == dentro:
            dentro = False
            continue
        if dentro:
            if not re.match(r"^:[\w-]+:", linha):
                linhas.append("> " + linha if linha.strip() else ">")
            continue
        linhas.append(linha)
    return "\n".join(linhas).strip()


def _saida_que_vai(celula) -> bool:
    """Figuras e tabelas HTML (não exploradores, questionários nem colagens)."""
    for saida in celula.get("outputs", []):
        dados = saida.get("data", {})
        if "image/png" in dados or "image/svg+xml" in dados:
            return True
        html = "".join(dados.get("text/html", ""))
        if "<table" in html and "<script" not in html:
            return True
    return False


def anuncia(texto: str) -> bool:
    """O texto termina anunciando o que vem a seguir (um ``:`` no fim, como "… a tabela por camada:")."""
    return texto.rstrip().rstrip("*_").endswith(":")


def _saidas_anunciadas(celula) -> list:
    """As saídas que um texto que anuncia a célula traz para o slide: o texto impresso (não os avisos
    nem os erros), as figuras e as tabelas — não as colagens, os exploradores nem os questionários."""
    etiquetas = set(celula.metadata.get("tags", []))
    if celula.cell_type != "code" or etiquetas & {"remove-cell", "remove-output"}:
        return []
    vao = []
    for saida in celula.get("outputs", []):
        dados = saida.get("data", {})
        html = "".join(dados.get("text/html", ""))
        if saida.get("output_type") == "stream":
            if saida.get("name") != "stdout" or not saida.get("text", "").strip():
                continue
            if vao and vao[-1].get("output_type") == "stream":  # um print() após o outro: um bloco só
                vao[-1] = nbformat.from_dict({**vao[-1], "text": vao[-1]["text"] + saida["text"]})
            else:
                vao.append(saida)
        elif saida.get("metadata", {}).get("scrapbook") or saida.get("output_type") == "error":
            continue
        elif "image/png" in dados or ("<table" in html and "<script" not in html):
            vao.append(saida)
        elif set(dados) == {"text/plain"} and saida.get("output_type") == "execute_result":
            vao.append(saida)  # o valor da última expressão da célula
    return vao


def _peso(saidas: list) -> int:
    """Quanto do slide as saídas ocupam, em "caracteres de texto" (a mesma escala de ``LIMITE``)."""
    peso = 0
    for saida in saidas:
        if "image/png" in saida.get("data", {}):
            peso += LIMITE - LIMITE_COM_FIGURA
        else:  # texto impresso (letra menor) ou tabela
            peso += len(saida.get("text", "") or "".join(saida.get("data", {}).get("text/plain", ""))) // 2
    return peso


def sem_o_anuncio(texto: str) -> str:
    """O texto sem a frase final que anuncia algo (a que termina em ``:``); "" se era só ela."""
    while anuncia(texto):
        fins = list(re.finditer(r"[.!?…][)\]\"”*_]*\s+(?=\S)|\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)", texto.rstrip()))
        texto = texto[: fins[-1].end()].rstrip() if fins else ""
    return texto


def _paragrafo_final(texto: str) -> tuple[str, str]:
    """(o texto antes do último parágrafo, o último parágrafo); ("", texto) se não há onde cortar —
    um parágrafo só, o corte dentro de um bloco de código ou o que vem antes também anunciando algo."""
    cerca, corte = None, None
    linhas = texto.splitlines()
    for i, linha in enumerate(linhas):
        marca = re.match(r"^\s*(`{3,}|~{3,})", linha)
        if marca and cerca is None:
            cerca = marca.group(1)
        elif cerca and linha.strip() == cerca:
            cerca = None
        elif cerca is None and not linha.strip() and i + 1 < len(linhas) and linhas[i + 1].strip():
            corte = i
    if corte is None:
        return "", texto
    cabeca, final = "\n".join(linhas[:corte]).strip(), "\n".join(linhas[corte:]).strip()
    if not cabeca or re.fullmatch(r"#{1,6}\s.*", cabeca) or anuncia(cabeca) or re.match(r"^(?:[-*+]|\d+\.)\s", final):
        return "", texto  # um título sozinho num slide, ou uma lista cortada ao meio, não
    return cabeca, final


def _tamanho(texto: str) -> int:
    """Quanto um texto ocupa do slide, em caracteres: uma linha curta (um item, um título, uma linha de
    citação) ocupa a linha inteira, e a separação entre parágrafos, um terço de linha."""
    return sum(max(len(linha), LINHA) if linha.strip(" >") else LINHA // 3 for linha in texto.splitlines())


def _papel(texto: str, titulo: re.Match | None, ocupado: int, extra: int = 0) -> tuple[str, int]:
    """O papel de um texto nos slides e quanto do slide fica ocupado depois dele: um ``#``/``##`` abre
    um slide; um ``###``/``####`` ou o que não cabe no slide em curso (com as saídas que o texto
    anuncia, ``extra``), um subslide; o resto continua o slide."""
    tamanho = _tamanho(texto)
    if titulo and len(titulo.group(1)) <= 2:
        return "slide", tamanho
    if titulo or ocupado + tamanho + (extra if ocupado else 0) > LIMITE:
        return "subslide", tamanho
    return "-", ocupado + tamanho  # continua o slide


def _imagens_locais(fonte: str, caminho: Path, saida: Path | None) -> str:
    """Imagens do Markdown com caminho relativo ao caderno vão para ``saida/recursos/imagens``."""

    def trocar(m: re.Match) -> str:
        alvo = m.group(2)
        if re.match(r"^(https?:|data:)", alvo) or saida is None:
            return m.group(0)
        origem = (caminho.parent / alvo).resolve()
        destino = saida / "recursos" / "imagens" / origem.name
        destino.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origem, destino)
        return f"![{m.group(1)}](recursos/imagens/{origem.name})"

    return re.sub(r"!\[([^\]]*)\]\(([^)\s]+)\)", trocar, fonte)


def preparar(caminho: Path, saida: Path | None = None) -> nbformat.NotebookNode:
    """Uma cópia do caderno com o papel de cada célula nos slides (``metadata.slideshow``).

    Textos curtos seguidos ficam no mesmo slide (até ``LIMITE`` caracteres, ver :func:`_tamanho`);
    figuras e tabelas abrem um subslide; o que um texto anuncia fica no slide dele.
    """
    nb = nbformat.read(caminho, as_version=4)
    valores, refs = colagens(nb), referencias()
    _separar_secoes(nb)
    novas, pulando, ocupado, anunciada = [], False, LIMITE, None
    for indice, celula in enumerate(nb.cells):
        celula = copy.deepcopy(celula)
        etiquetas = set(celula.metadata.get("tags", []))
        escolhido = celula.metadata.get("slideshow", {}).get("slide_type")
        if celula.cell_type == "markdown":
            fonte = celula.source.lstrip()
            titulo = re.match(r"^(#{1,4})\s+(.*)", fonte)
            if titulo and len(titulo.group(1)) <= 2:
                pulando = any(titulo.group(2).strip().startswith(f) for f in FORA)
            if pulando or "remove-cell" in etiquetas:
                continue
            celula.source = _imagens_locais(
                texto_para_slide(celula.source, valores, refs, caminho.name), caminho, saida
            )
            # o texto que anuncia a célula seguinte leva a saída dela para o mesmo slide; se ela não
            # mostra nada, a frase que anuncia sai
            seguinte = nb.cells[indice + 1] if indice + 1 < len(nb.cells) else None
            anunciada = _saidas_anunciadas(seguinte) if seguinte is not None and anuncia(celula.source) else None
            if anuncia(celula.source) and not anunciada:
                celula.source = sem_o_anuncio(celula.source)
            if not celula.source:
                continue
            if anunciada:
                # o parágrafo que anuncia fica junto do que anuncia: se os dois não cabem no slide em
                # curso, ele abre um subslide com a saída, e o resto do texto fica onde estava
                cabeca, anuncio = _paragrafo_final(celula.source)
                if cabeca:
                    primeira = copy.deepcopy(celula)
                    primeira.source = cabeca
                    papel, ocupado = _papel(cabeca, titulo, ocupado)
                    primeira.metadata["slideshow"] = {"slide_type": escolhido or papel}
                    novas.append(primeira)
                    celula.source, titulo, escolhido = anuncio, None, None
                    if "id" in celula:
                        celula["id"] = f"{celula['id']}-anuncio"
            papel, ocupado = _papel(celula.source, titulo, ocupado, _peso(anunciada) if anunciada else 0)
        elif anunciada:
            if pulando:
                continue
            celula.source = ""  # código fora: só o que o texto anterior anunciou
            celula.outputs, anunciada = anunciada, None
            papel, ocupado = "-", LIMITE  # no slide do anúncio; o texto seguinte vai para outro
        else:
            if pulando or "remove-cell" in etiquetas or "remove-output" in etiquetas or not _saida_que_vai(celula):
                continue
            celula.source = ""  # código fora: só a figura ou a tabela
            celula.outputs = [
                s for s in celula.outputs
                if "image/png" in s.get("data", {}) or "<table" in "".join(s.get("data", {}).get("text/html", ""))
            ]  # fmt: skip
            # a figura fica no slide do texto curto que a apresenta; o texto seguinte vai para outro
            papel = "-" if ocupado <= LIMITE_COM_FIGURA else "subslide"
            ocupado = LIMITE
        celula.metadata["slideshow"] = {"slide_type": escolhido or papel}
        novas.append(celula)
    nb.cells = novas
    [titulo] = [c.source.splitlines()[0][2:].strip() for c in nb.cells if c.source.startswith("# ")][:1] or [
        caminho.stem
    ]
    nb.metadata["title"] = re.sub(r"`([^`]*)`", r"\1", titulo)
    return nb


def recursos(saida: Path) -> None:
    """O reveal.js e o MathJax, de _vendor/ (tools/vendorizar.py), para ``saida/recursos``."""
    destino = saida / "recursos"
    for origem in [VENDOR_SLIDES / "reveal.js", VENDOR / "mathjax"]:
        pasta = origem.name
        if not origem.is_dir():
            raise SystemExit(f"{origem} não existe: rode `python tools/vendorizar.py` (o Makefile o chama).")
        shutil.rmtree(destino / pasta, ignore_errors=True)
        shutil.copytree(origem, destino / pasta, ignore=shutil.ignore_patterns(".versao"))


def exportar(caminho: Path, saida: Path) -> Path:
    from nbconvert import SlidesExporter

    exportador = SlidesExporter(
        extra_template_basedirs=[str(MODELO.parent)],
        template_name=MODELO.name,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        reveal_url_prefix="recursos/reveal.js",
        reveal_number="c/t",
        reveal_transition="none",
        reveal_theme="white",
        language_code="pt",
    )
    nb = preparar(caminho, saida)
    html, _ = exportador.from_notebook_node(nb, resources={"metadata": {"name": caminho.stem}})
    html = html.replace('<html lang="pt">', '<html lang="pt-BR">', 1)
    # o texto alternativo de cada figura é o do capítulo (metadados mystnb.image.alt), na ordem
    textos_alt = [
        c.metadata.get("mystnb", {}).get("image", {}).get("alt", "Figura do capítulo.")
        for c in nb.cells
        for s in c.get("outputs", [])
        if "image/png" in s.get("data", {})
    ]
    partes = html.split('alt="No description has been provided for this image"')
    if len(partes) != len(textos_alt) + 1:
        raise SystemExit(
            f"{caminho.name}: {len(partes) - 1} figuras sem texto alternativo, esperava {len(textos_alt)}."
        )
    html = partes[0] + "".join(f'alt="{escape(t, quote=True)}"' + resto for t, resto in zip(textos_alt, partes[1:]))
    html = html.replace(
        f"<title>{nb.metadata.title} slides</title>", f"<title>{nb.metadata.title} — slides da aula</title>"
    )
    arquivo = saida / f"{caminho.stem}.slides.html"
    arquivo.write_text(html, encoding="utf-8")
    return arquivo


def main(argv: list[str]) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("cadernos", nargs="*", type=Path)
    args.add_argument("--saida", type=Path, default=SAIDA)
    opcoes = args.parse_args(argv)
    opcoes.saida.mkdir(parents=True, exist_ok=True)
    recursos(opcoes.saida)
    for caminho in opcoes.cadernos or cadernos_do_sumario():
        arquivo = exportar(caminho.resolve(), opcoes.saida)
        print(f"{caminho.name} → {arquivo.relative_to(RAIZ) if arquivo.is_relative_to(RAIZ) else arquivo}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
