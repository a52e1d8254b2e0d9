"""``make pdf``: o livro inteiro num PDF (capa, sumário, capítulos na ordem, figuras, fórmulas e
referências), impresso do próprio site pelo Chromium do Debian — nenhum navegador é baixado.

O construtor ``singlehtml`` do Sphinx não aceita as células escondidas do myst-nb, então montamos
a página única nós mesmos: o conteúdo (``<article>``) de cada página do sumário, na ordem, com os
endereços relativos reescritos para a raiz do site, sob a capa e o sumário. O Chromium compõe as
fórmulas (o MathJax do site), embute as fontes, numera as páginas no rodapé e grava os marcadores
(o sumário lateral do leitor de PDF) a partir dos títulos. O papel não rola: o código e os textos
impressos quebram a linha (o CSS de impressão do site) ou encolhem um pouco, e o que ainda passaria da
margem direita encolhe até caber (``AJUSTAR``).

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


# A largura do texto no papel (A4, 210 mm, menos as margens de 14 mm de cada lado), em px do CSS: o
# Chromium compõe a impressão nessa largura. A página única é aberta com ela, em mídia de impressão.
MARGENS = {"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}
LARGURA_DO_TEXTO = int((210 - 14 - 14) / 25.4 * 96)  # 687 px

# O que o papel perderia: o que passa da largura do texto ou da caixa de um ancestral que corta o que
# sobra (``overflow`` que não é ``visible``: no site, rolaria). Percorre a árvore do artigo com o limite
# de corte e devolve os elementos que passam dele (o mais alto de cada ramo) — ou cujo texto passa.
# O que é só para leitores de tela (o MathML escondido do MathJax) não conta.
PERDIDOS = """() => {
  const artigo = document.querySelector("article.bd-article");
  const limite = artigo.getBoundingClientRect().right - parseFloat(getComputedStyle(artigo).paddingRight);
  const achados = [];
  const visitar = (e, ate) => {
    for (const filho of e.childNodes) {
      if (filho.nodeType === Node.TEXT_NODE && filho.textContent.trim()) {
        const faixa = document.createRange();
        faixa.selectNodeContents(filho);
        if (faixa.getBoundingClientRect().right <= ate + 1 || achados.includes(e)) continue;
        // palavra por palavra: os espaços no fim de uma linha quebrada (pre-wrap) passam, mas não se veem
        for (const palavra of filho.textContent.matchAll(/\\S+/g)) {
          faixa.setStart(filho, palavra.index);
          faixa.setEnd(filho, palavra.index + palavra[0].length);
          if (faixa.getBoundingClientRect().right > ate + 1) { achados.push(e); break; }
        }
      } else if (filho.nodeType === Node.ELEMENT_NODE && filho.localName !== "mjx-assistive-mml"
                 && filho.getClientRects().length) {
        const caixa = filho.getBoundingClientRect();
        if (caixa.right > ate + 1) { achados.push(filho); continue; }
        const corta = getComputedStyle(filho).overflowX !== "visible";
        visitar(filho, corta ? Math.min(ate, caixa.left + filho.clientLeft + filho.clientWidth) : ate);
      }
    }
  };
  visitar(artigo, limite);
  return achados;
}"""

# O papel não rola. O CSS de impressão do site (book/_static/estilo.css) quebra as linhas do código, dos
# textos impressos e das células das tabelas. No PDF, antes de quebrar, um bloco de código ou de texto
# impresso encolhe até ``CODIGO_MINIMO`` (a letra vai de 12,5 a 10 px, 7,5 pt): uma tabela impressa
# fica com as colunas alinhadas, e só a linha que nem assim cabe quebra. O que ainda passaria
# (``PERDIDOS``: uma fórmula longa, uma tabela de muitas colunas, o desenho de um explorador) encolhe
# (``zoom``) até caber: o menor bloco que contém tudo o que passa ali — as linhas de um desenho encolhem
# juntas, alinhadas; as seções seguem para dentro. Devolve quantos blocos de código e de texto
# encolheram e o que mais encolheu (para o relatório de tools/pdf.py e os testes).
CODIGO_MINIMO = 0.8
# A impressão mede o texto um pouco diferente da tela (sem o ajuste das letras aos pixels): o que é
# encolhido fica com 2% de folga.
FOLGA = 0.98
AJUSTAR = """({ folga, minimo }) => {
  const achar = __PERDIDOS__;
  const artigo = document.querySelector("article.bd-article");
  const blocos = [...artigo.querySelectorAll("pre")].filter((e) => e.getClientRects().length);
  const cabe = blocos.map((e) => e.offsetWidth);
  blocos.forEach((e) => {  // sem quebrar as linhas, quanto cada um precisa?
    e.style.setProperty("white-space", "pre", "important");
    e.style.setProperty("width", "max-content", "important");
  });
  const fatores = blocos.map((e, i) => Math.min(1, (folga * cabe[i]) / e.offsetWidth));
  blocos.forEach((e) => {
    e.style.removeProperty("white-space");
    e.style.removeProperty("width");
  });
  const codigo = blocos.filter((e, i) => fatores[i] < 1);
  blocos.forEach((e, i) => {
    if (fatores[i] < 1) e.style.zoom = Math.max(minimo, Math.floor(fatores[i] * 1000) / 1000);
  });
  const encolhidos = [];
  const perdidos = achar();
  if (!perdidos.length) return { codigo: codigo.length, encolhidos };
  const margem = artigo.getBoundingClientRect().right - parseFloat(getComputedStyle(artigo).paddingRight);
  const limiteDe = (e) => {  // a largura do texto, ou a caixa do ancestral que corta
    let ate = margem;
    for (let a = e.parentElement; a && a !== artigo; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") {
        ate = Math.min(ate, a.getBoundingClientRect().left + a.clientLeft + a.clientWidth);
      }
    }
    return ate;
  };
  const direita = (e) => {
    const caixa = e.getBoundingClientRect();
    return caixa.left + Math.max(caixa.width, e.scrollWidth * caixa.width / Math.max(e.offsetWidth || caixa.width, 1));
  };
  const encolher = (e, dentro) => {
    const esquerda = e.getBoundingClientRect().left;
    const precisa = Math.max(direita(e), ...dentro.map(direita)) - esquerda;
    const fator = (folga * (limiteDe(e) - esquerda)) / precisa;
    if (!(fator > 0 && fator < 1)) return;
    const zoom = Math.floor((parseFloat(e.style.zoom) || 1) * fator * 1000) / 1000;
    e.style.zoom = zoom;
    encolhidos.push({
      elemento: e.localName + [...e.classList].map((c) => "." + c).join(""), zoom,
      secao: (e.closest("section[id]") || {}).id || "", texto: e.textContent.trim().replace(/\\s+/g, " ").slice(0, 80),
    });
  };
  const ajustar = (no, lista) => {
    const dentro = lista.filter((p) => no.contains(p));
    const filhos = [...no.children].filter((f) => dentro.some((p) => f.contains(p)));
    if (dentro.includes(no) || !filhos.length) return encolher(no, dentro);
    if (filhos.length === 1 || no.matches("article, section")) return filhos.forEach((f) => ajustar(f, dentro));
    encolher(no, dentro);  // vários filhos largos (as linhas de um desenho): encolhem juntos
  };
  for (let volta = 0, lista = perdidos; volta < 4 && lista.length; volta++) {
    ajustar(artigo, lista);
    lista = achar();
  }
  return { codigo: codigo.length, encolhidos };
}""".replace("__PERDIDOS__", PERDIDOS)


# Um desenho de explorador (as casas da entrada e as posições do filtro) que só caberia no papel
# encolhido abaixo de ``DESENHO_MINIMO`` — as 227 casas da AlexNet ficariam com 16% do tamanho,
# ilegíveis — vira uma nota: o resultado (o número, a mensagem) continua logo acima dele, e no
# site o desenho rola para o lado.
DESENHO_MINIMO = 0.5
OMITIR_DESENHOS = """({ minimo }) => {
  const artigo = document.querySelector("article.bd-article");
  const estilo = getComputedStyle(artigo);
  const largura = artigo.clientWidth - parseFloat(estilo.paddingLeft) - parseFloat(estilo.paddingRight);
  let omitidos = 0;
  for (const faixa of artigo.querySelectorAll(".redesconv-explorador [id$='-faixa']")) {
    if (!faixa.getClientRects().length || faixa.scrollWidth * minimo <= largura) continue;
    const linha = faixa.querySelector(".redesconv-linha");
    const casas = linha ? linha.querySelectorAll(".redesconv-celula").length : 0;
    const nota = document.createElement("p");
    nota.className = "redesconv-nota-impressa";
    nota.textContent = `(O desenho das posições não cabe no papel: a entrada preenchida tem ${casas} casas. ` +
      "No site, ele rola para o lado.)";
    faixa.replaceChildren(nota);
    omitidos++;
  }
  return omitidos;
}"""


def abrir_para_impressao(pagina, endereco: str) -> dict:
    """Abre a página única em ``pagina`` (Playwright) como ela vai para o papel: fórmulas compostas,
    mídia de impressão, na largura do texto; encolhe o que não cabe (``AJUSTAR``) e devolve
    ``{"codigo": blocos de código e texto encolhidos, "encolhidos": [o que mais encolheu]}``."""
    pagina.set_viewport_size({"width": LARGURA_DO_TEXTO, "height": 1000})
    pagina.goto(endereco, wait_until="load")
    pagina.wait_for_function("!window.MathJax || (MathJax.startup && MathJax.startup.promise)")
    pagina.evaluate("window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
    pagina.emulate_media(media="print")
    pagina.evaluate("document.fonts.ready.then(() => true)")  # medir com as letras de verdade
    omitidos = pagina.evaluate(OMITIR_DESENHOS, {"minimo": DESENHO_MINIMO})
    return {**pagina.evaluate(AJUSTAR, {"folga": FOLGA, "minimo": CODIGO_MINIMO}), "desenhos_omitidos": omitidos}


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
            ajuste = abrir_para_impressao(pagina, pagina_unica.as_uri())
            print(f"{ajuste['codigo']} blocos de código ou texto impresso com letra menor para caber no papel")
            for item in ajuste["encolhidos"]:
                print(f"encolhido para caber no papel ({item['zoom']:.0%}): {item['elemento']} em "
                      f"#{item['secao']}: {item['texto'][:60]!r}")  # fmt: skip
            rodape = (
                '<div style="font-size:8px; width:100%; text-align:center; color:#555;">'
                '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
            )
            saida.parent.mkdir(parents=True, exist_ok=True)
            pagina.pdf(
                path=str(saida), format="A4", print_background=True, display_header_footer=True,
                header_template="<span></span>", footer_template=rodape, outline=True, tagged=True,
                margin=MARGENS,
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
