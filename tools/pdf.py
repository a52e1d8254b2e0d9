"""``make pdf``: o livro inteiro num PDF (capa, sumário, capítulos na ordem, figuras, fórmulas e
referências), impresso do próprio site pelo Chromium do Debian — nenhum navegador é baixado.

O construtor ``singlehtml`` do Sphinx não aceita as células escondidas do myst-nb, então montamos
a página única nós mesmos: o conteúdo (``<article>``) de cada página do sumário, na ordem, com os
endereços relativos reescritos para a raiz do site, sob a capa e o sumário. O Chromium compõe as
fórmulas (o MathJax do site), embute as fontes, numera as páginas no rodapé e grava os marcadores
(o sumário lateral do leitor de PDF) a partir dos títulos.

Uso: python tools/pdf.py [--site _build/html] [--saida _build/html/livro.pdf]
"""

from __future__ import annotations

import argparse
import html
import os
import posixpath
import re
import shutil
import sys
from datetime import date
from pathlib import Path

import yaml

RAIZ = Path(__file__).resolve().parents[1]
SITE = RAIZ / "_build" / "html"
# o Chromium do Debian (ou o navegador em $CHROMIUM, como o Chrome dos runners do GitHub)
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PAGINA_UNICA = "livro-impressao.html"

ESTILO = """
<style>
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
html, body { background: #fff !important; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article,
.bd-header-article, .prev-next-area, .headerlink, .slides-da-aula, .toggle-button,
a[href*="colab.research.google.com"] img { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: none !important; }
.parte-do-livro { break-before: page; }
.bd-article h1 { display: block !important; visibility: visible !important; font-size: 2em; }
.capa { height: 250mm; display: flex; flex-direction: column; justify-content: center; text-align: center; }
.capa h1 { font-size: 2.4em; margin-bottom: 0.6em; }
.capa p { font-size: 1.2em; }
.sumario { break-before: page; }
.sumario ol { font-size: 1.15em; line-height: 2; }
pre, .highlight, table { break-inside: avoid; }
img { max-width: 100% !important; break-inside: avoid; }
details { display: block; }
</style>
"""


def paginas_do_sumario() -> list[str]:
    toc = yaml.safe_load((RAIZ / "_toc.yml").read_text(encoding="utf-8"))
    capitulos = [*toc.get("chapters", []), *[c for parte in toc.get("parts", []) for c in parte["chapters"]]]
    return [toc["root"], *[c["file"] for c in capitulos]]


def _reescrever(trecho: str, pagina: str, impressas: set[str]) -> str:
    """Endereços relativos à ``pagina`` → relativos à raiz do site (a página única fica na raiz); um link
    para outra página impressa vira uma âncora dentro do PDF."""
    pasta = posixpath.dirname(pagina)

    def trocar(m: re.Match) -> str:
        atributo, aspas, alvo = m.group(1), m.group(2), m.group(3)
        if re.match(r"^(#|[a-z][a-z0-9+.-]*:|/)", alvo):
            return m.group(0)
        caminho, _, ancora = alvo.partition("#")
        novo = posixpath.normpath(posixpath.join(pasta, caminho)) if caminho else ""
        if novo.endswith(".html") and novo.removesuffix(".html") in impressas:
            ancora = ancora or "parte-" + _id(novo.removesuffix(".html"))
            novo = ""
        return f"{atributo}={aspas}{novo}{'#' + ancora if ancora else ''}{aspas}"

    return re.sub(r'\b(src|href)=(["\'])([^"\']*)\2', trocar, trecho)


def _id(pagina: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", pagina.lower()).strip("-")


def montar(site: Path) -> tuple[str, list[tuple[str, str]]]:
    """A página única (HTML) e a lista (id, título) das partes, na ordem do sumário."""
    paginas = paginas_do_sumario()
    impressas = set(paginas)
    capa_html = (site / f"{paginas[0]}.html").read_text(encoding="utf-8")
    cabeca = re.search(r"<head>(.*?)</head>", capa_html, flags=re.S).group(1)
    cabeca = _reescrever(cabeca, paginas[0], impressas)
    cabeca = re.sub(r"<title>.*?</title>", "", cabeca, flags=re.S)
    config = yaml.safe_load((RAIZ / "_config.yml").read_text(encoding="utf-8"))
    partes, corpo = [], []
    for pagina in paginas:
        texto = (site / f"{pagina}.html").read_text(encoding="utf-8")
        artigo = re.search(r'<article class="bd-article"[^>]*>(.*?)</article>', texto, flags=re.S)
        if not artigo:
            raise SystemExit(f"{pagina}.html: não achei o <article> do conteúdo (o tema mudou?).")
        titulo = re.search(r"<h1[^>]*>(.*?)</h1>", artigo.group(1), flags=re.S)
        titulo_texto = html.unescape(re.sub(r"<[^>]+>|#$", "", titulo.group(1) if titulo else pagina)).strip()
        titulo_texto = titulo_texto.removesuffix("#").strip()
        partes.append((_id(pagina), titulo_texto))
        conteudo = _reescrever(artigo.group(1), pagina, impressas)
        corpo.append(f'<section class="parte-do-livro" id="parte-{_id(pagina)}">{conteudo}</section>')
    capa = (
        '<section class="capa">'
        f"<h1>{html.escape(config['title'])}</h1>"
        "<p>Curso em português sobre as três arquiteturas que abriram o caminho das redes convolucionais, "
        "com cada derivação provada por código PyTorch.</p>"
        f"<p>{html.escape(config['author'])}</p>"
        f"<p>Versão para impressão gerada do site em {date.today().strftime('%d/%m/%Y')}</p>"
        "</section>"
    )
    sumario = (
        '<section class="sumario"><h1>Sumário</h1><ol>'
        + "".join(f'<li><a href="#parte-{ident}">{html.escape(t)}</a></li>' for ident, t in partes)
        + "</ol></section>"
    )
    documento = (
        f'<!DOCTYPE html><html lang="pt-BR"><head>{cabeca}<title>{html.escape(config["title"])}</title>'
        f'{ESTILO}</head><body><main class="bd-main"><div class="bd-content"><div class="bd-article-container">'
        f'<article class="bd-article">{capa}{sumario}{"".join(corpo)}</article></div></div></main></body></html>'
    )
    return documento, partes


def imprimir(site: Path, saida: Path) -> Path:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit("O PDF é impresso pelo Chromium do Debian: sudo apt-get install chromium.")
    documento, _ = montar(site)
    pagina_unica = site / PAGINA_UNICA
    pagina_unica.write_text(documento, encoding="utf-8")
    try:
        with sync_playwright() as p:
            navegador = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            pagina = navegador.new_page()
            pagina.goto(pagina_unica.as_uri(), wait_until="load")
            pagina.wait_for_function("!window.MathJax || (MathJax.startup && MathJax.startup.promise)")
            pagina.evaluate("window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
            pagina.emulate_media(media="print")
            rodape = (
                '<div style="font-size:8px; width:100%; text-align:center; color:#555;">'
                '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
            )
            saida.parent.mkdir(parents=True, exist_ok=True)
            pagina.pdf(
                path=str(saida), format="A4", print_background=True, display_header_footer=True,
                header_template="<span></span>", footer_template=rodape, outline=True, tagged=True,
                margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
            )  # fmt: skip
            navegador.close()
    finally:
        pagina_unica.unlink(missing_ok=True)
    return saida


def main(argv: list[str]) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--site", type=Path, default=SITE)
    args.add_argument("--saida", type=Path, default=None)
    opcoes = args.parse_args(argv)
    if not (opcoes.site / "book" / "intro.html").exists():
        raise SystemExit(f"{opcoes.site} não tem o site construído: rode `make book` antes.")
    saida = imprimir(opcoes.site, opcoes.saida or opcoes.site / "livro.pdf")
    print(f"PDF em {saida} ({saida.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
