"""O site como os alunos o encontram: num navegador de verdade, sem internet, em português.

Constrói o livro (fixture ``livro``), serve ``_build/html`` em 127.0.0.1 e visita cada página
do sumário no Chromium do Debian (``/usr/bin/chromium``), guiado pelo Playwright — nenhum
navegador é baixado. Toda requisição que não seja para 127.0.0.1 é bloqueada e registrada.
Em caso de falha, uma captura da página fica em ``relatorios/capturas/``.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tools.pdf import paginas_do_sumario

RAIZ = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CAPTURAS = RAIZ / "relatorios" / "capturas"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("O Chromium do Debian é necessário na CI (apt-get install chromium).")
    pytest.skip("Chromium não instalado (sudo apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.livro


PAGINAS = paginas_do_sumario()
CADERNOS = [p for p in PAGINAS if p.startswith("notebooks/")]

# Rótulos da interface que não podem aparecer em inglês.
INGLES = [
    "Skip to main content", "Back to top", "Search this book", "Toggle primary sidebar", "Toggle secondary sidebar",
    "On this page", "previous page", "next page", "Download this page", "Download source file", "Launch",
    "Print to PDF", "Fullscreen", "Color mode", "Show code cell", "Hide code cell", "Exercise", "Solution to",
    "Toggle hidden content", "Colab logo", "Copy to clipboard", "Copied!",
]  # fmt: skip


class _Silencioso(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def servidor(livro):
    html, processo = livro
    assert processo.returncode == 0, processo.stdout[-3000:]
    manipulador = functools.partial(_Silencioso, directory=str(html))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), manipulador) as srv:
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{srv.server_address[1]}", html
        srv.shutdown()


@pytest.fixture
def abrir(servidor, navegador, request):
    """Abre uma página e devolve (page, problemas), com requisições externas bloqueadas."""
    base, _ = servidor
    contexto = navegador.new_context(viewport={"width": 1280, "height": 900})
    registro = {"externas": [], "falhas": [], "console": [], "pedidos": []}
    paginas = []

    def rota(route):
        registro["pedidos"].append(route.request.url)
        if route.request.url.startswith(base):
            route.continue_()
        else:
            registro["externas"].append(route.request.url)
            route.abort()

    def abrir_pagina(caminho, tela=(1280, 900)):
        pagina = contexto.new_page()
        pagina.set_viewport_size({"width": tela[0], "height": tela[1]})
        paginas.append(pagina)
        pagina.route("**/*", rota)
        pagina.on("console", lambda m: m.type == "error" and registro["console"].append(m.text))
        pagina.on("pageerror", lambda e: registro["console"].append(str(e)))
        pagina.on("response", lambda r: r.status >= 400 and registro["falhas"].append(f"{r.status} {r.url}"))
        pagina.goto(f"{base}/{caminho}", wait_until="networkidle")
        # espera o MathJax terminar a composição (se a página usa fórmulas)
        pagina.wait_for_function("!window.MathJax || !MathJax.startup || MathJax.startup.promise !== undefined")
        pagina.evaluate("window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
        return pagina

    yield abrir_pagina, registro
    falhou = getattr(request.node, "rep_call", None)
    if falhou is not None and falhou.failed:
        CAPTURAS.mkdir(parents=True, exist_ok=True)
        for i, pagina in enumerate(paginas):
            nome = re.sub(r"[^\w-]+", "_", request.node.name)
            pagina.screenshot(path=str(CAPTURAS / f"{nome}-{i}.png"), full_page=True)
    contexto.close()


TELAS = {"celular": (390, 844), "notebook": (1280, 800)}

# Um link está à vista se está dentro da janela e não escondido (a barra fechada fica fora da tela).
LINKS_A_VISTA = """(raiz) => Array.from(document.querySelectorAll(raiz + ' a.reference')).filter(a => {
    const r = a.getBoundingClientRect();
    return r.width > 0 && r.left >= 0 && r.right <= innerWidth && getComputedStyle(a).visibility !== 'hidden';
}).map(a => new URL(a.href).pathname)"""


def _esperar(p, condicao: str, argumento=None, limite_ms: int = 5_000) -> None:
    """Espera ``condicao`` (JS) ficar verdadeira; se não ficar no limite, segue — o assert seguinte
    diz o que faltou, com a mensagem do teste, em vez de um TimeoutError do Playwright."""
    try:
        p.wait_for_function(condicao, arg=argumento, timeout=limite_ms)
    except PlaywrightTimeout:
        pass


def _botao_visivel(p, seletor):
    botoes = [p.locator(seletor).nth(i) for i in range(p.locator(seletor).count())]
    visiveis = [b for b in botoes if b.is_visible()]
    assert len(visiveis) == 1, f"esperava um único {seletor} visível, achei {len(visiveis)}"
    return visiveis[0]


@pytest.mark.parametrize("tela", TELAS)
def test_barra_lateral_abre_fecha_e_leva_a_todos_os_capitulos(abrir, tela):
    """O ☰ visível funciona (pydata-sphinx-theme#2451: o tema liga o clique a um botão escondido)."""
    abrir_pagina, registro = abrir
    p = abrir_pagina("notebooks/03-alexnet.html", TELAS[tela])
    esperados = {f"{pagina}.html" for pagina in PAGINAS}

    botao = _botao_visivel(p, ".primary-toggle")
    if tela == "celular":
        assert not p.evaluate(LINKS_A_VISTA, "#pst-primary-sidebar"), "a barra deveria começar fechada no celular"
        botao.click()
        assert p.evaluate("document.getElementById('pst-primary-sidebar-modal').open")
        links = set(p.evaluate(LINKS_A_VISTA, "#pst-primary-sidebar-modal"))
        p.keyboard.press("Escape")
        assert not p.evaluate("document.getElementById('pst-primary-sidebar-modal').open")
    else:
        links = set(p.evaluate(LINKS_A_VISTA, "#pst-primary-sidebar"))
        # espera a condição (a barra some, a barra volta inteira), não um tempo fixo; o assert diz o que faltou
        quantos = f"(raiz) => ({LINKS_A_VISTA})(raiz).length"
        botao.click()
        _esperar(p, f"(raiz) => ({quantos})(raiz) === 0", "#pst-primary-sidebar")
        assert not p.evaluate(LINKS_A_VISTA, "#pst-primary-sidebar"), "o ☰ não escondeu a barra"
        botao.click()
        _esperar(p, f"(raiz) => ({quantos})(raiz) === {len(links)}", "#pst-primary-sidebar")
        assert set(p.evaluate(LINKS_A_VISTA, "#pst-primary-sidebar")) == links, "o ☰ não trouxe a barra de volta"
    faltam = {
        c
        for c in esperados
        if not any(link.endswith(c) or (c == "index.html" and link.endswith("/")) for link in links)
    }
    assert not faltam, f"capítulos que a barra lateral não mostra: {faltam}"
    assert p.locator(".tooltip.show").count() == 0, "a dica do botão ficou aberta depois do toque"
    assert registro["console"] == []


def test_sumario_da_pagina_abre_no_celular(abrir):
    abrir_pagina, registro = abrir
    p = abrir_pagina("notebooks/03-alexnet.html", TELAS["celular"])
    _botao_visivel(p, ".secondary-toggle").click()
    assert p.evaluate("document.getElementById('pst-secondary-sidebar-modal').open")
    secoes = p.evaluate(LINKS_A_VISTA, "#pst-secondary-sidebar-modal")
    assert len(secoes) >= 5, secoes  # as seções do capítulo
    assert registro["console"] == []


CORTES = r"""() => {
    const artigo = document.querySelector('article');
    const borda = artigo.getBoundingClientRect().right + 1;
    const rola = el => { for (let a = el.parentElement; a && a !== artigo; a = a.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
    const cortados = Array.from(artigo.querySelectorAll('*')).filter(el => {
        const r = el.getBoundingClientRect(); return r.width > 0 && r.right > borda && !rola(el); })
        .map(el => el.tagName + ': ' + (el.textContent || '').trim().slice(0, 60));
    const seletor = "pre, .cell_output .output.text_html, mjx-container[display='true']";
    const caixas = Array.from(artigo.querySelectorAll(seletor));
    const largas = caixas.filter(c => c.scrollWidth - c.clientWidth > 1);
    return {
        pagina: document.documentElement.scrollWidth - innerWidth,
        cortados,
        frases_largas: largas.filter(c => c.matches('.cell_output pre') && !/\S {2,}\S/.test(c.textContent))
            .map(c => c.textContent.trim().slice(0, 60)),
        sem_aviso: largas.filter(c => c.scrollLeft === 0 && !c.classList.contains('rola-direita'))
            .map(c => c.tagName + ': ' + c.textContent.trim().slice(0, 60)),
        largas: largas.length,
    };
}"""


BUSCAS_A_VISTA = """() => Array.from(
    document.querySelectorAll('.search-button, .search-button-field, input[type=search]')
).filter(e => e.getBoundingClientRect().width > 0 && getComputedStyle(e).visibility !== 'hidden').length"""


def _conferir_cortes(p, pagina, tela):
    """Sem rolagem lateral da página; frases impressas quebram a linha; o que é largo rola dentro da
    própria caixa, com a sombra que avisa que há mais (classe rola-direita)."""
    p.evaluate("window.livroMarcarCaixas()")
    r = p.evaluate(CORTES)
    print(f"{pagina} ({tela}): {r['largas']} caixas roláveis")
    assert r["pagina"] <= 0, "a página rola para o lado"
    assert r["cortados"] == [], "elementos cortados na borda direita"
    assert r["frases_largas"] == [], "saídas impressas que deveriam quebrar a linha"
    assert r["sem_aviso"] == [], "caixas largas sem a sombra que avisa que há mais"


AXE = RAIZ / ".vendor-testes" / "axe-core" / "axe.min.js"  # tools/vendorizar.py (make test o traz)


def _acessibilidade(p):
    """As violações sérias e críticas que o axe-core (WCAG 2 A/AA e boas práticas) acha na página."""
    p.add_script_tag(path=str(AXE))
    return p.evaluate(
        """async () => {
            if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
        }"""
    )


PESO_TRANSFERIDO = """async () => {
    if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
    await new Promise(r => setTimeout(r, 500));
    const entradas = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
    return entradas.reduce((soma, e) => soma + (e.decodedBodySize || 0), 0);
}"""


@pytest.mark.parametrize("pagina", PAGINAS)
def test_pagina_no_notebook(abrir, pagina):
    """Uma visita, a 1280 px e sem cache, a cada página do sumário: tudo vem do próprio site, sem
    erros; no máximo 4 MB transferidos (sem compressão); fórmulas compostas; interface em
    português; imagens com texto alternativo; nada cortado; nos capítulos, o link do Colab certo e
    nenhum controle do ipywidgets (mortos sem kernel) nem o gerenciador de widgets."""
    abrir_pagina, registro = abrir
    p = abrir_pagina(f"{pagina}.html", TELAS["notebook"])
    total = p.evaluate(PESO_TRANSFERIDO)
    print(f"{pagina}: {total / 1e6:.2f} MB transferidos")
    assert registro["externas"] == [], "a página pediu recursos fora do site"
    assert registro["falhas"] == [], "recursos que não carregaram"
    assert registro["console"] == [], "erros de JavaScript no console"
    assert total <= 4_000_000, f"{pagina}: {total / 1e6:.2f} MB"

    assert p.evaluate("document.documentElement.lang").lower().startswith("pt")
    texto = p.inner_text("article")
    for bruto in ["$$", "\\(", "\\[", "\\frac", "\\cdot"]:
        assert bruto not in texto, f"fórmula não composta: {bruto!r}"
    if p.locator("mjx-container").count() == 0:
        assert "$" not in texto or "US$" in texto
    rotulos = p.evaluate(
        """() => Array.from(document.querySelectorAll('[title],[aria-label],[placeholder],[alt],[data-tooltip]'))
             .flatMap(e => ['title','aria-label','placeholder','alt','data-tooltip'].map(a => e.getAttribute(a)))
             .concat(Array.from(document.querySelectorAll('svg title')).map(t => t.textContent))
             .filter(Boolean)"""
    )
    assert "Copy" not in rotulos, "botão de copiar em inglês"
    visivel = p.inner_text("body")
    for frase in INGLES:
        assert frase not in visivel, f"texto em inglês: {frase!r}"
        assert not any(frase in r for r in rotulos), f"rótulo em inglês: {frase!r}"
    sem_alt = p.evaluate(
        """() => Array.from(document.querySelectorAll('article img'))
             .map(i => i.getAttribute('alt') || '')
             .filter(a => a.trim().length < 4 || /\\.(png|svg|jpe?g)$/i.test(a))"""
    )
    assert sem_alt == [], "imagens sem texto alternativo significativo"
    _conferir_cortes(p, pagina, "notebook")
    assert p.evaluate(BUSCAS_A_VISTA) == 1, "uma caixa (ou botão) de busca só"
    graves = _acessibilidade(p)
    assert graves == [], f"violações sérias ou críticas de acessibilidade (axe-core): {graves}"

    if pagina in CADERNOS:
        links = p.evaluate("() => Array.from(document.querySelectorAll('a')).map(a => a.href)")
        colab = [link for link in links if "colab.research.google.com/github/" in link]
        assert colab, "nenhum link para o Colab"
        assert all(link.endswith(f"/{pagina}.ipynb") for link in colab), colab
        assert p.locator(".widget-slider, .widget-dropdown, .jupyter-widgets").count() == 0
        html = p.content()
        assert "widget-state+json" not in html and "widget-view+json" not in html
        widgets = [u for u in registro["pedidos"] if "html-manager" in u or "require.js" in u or "embed-amd" in u]
        assert widgets == [], "o gerenciador de widgets foi carregado"
        if "precisam de um kernel" in texto:
            assert "não aparecem" in texto and "Colab" in texto


@pytest.mark.parametrize("pagina", PAGINAS)
def test_nada_cortado_no_celular(abrir, pagina):
    abrir_pagina, _ = abrir
    p = abrir_pagina(f"{pagina}.html", TELAS["celular"])
    _conferir_cortes(p, pagina, "celular")
    assert p.evaluate(BUSCAS_A_VISTA) == 1, "uma caixa (ou botão) de busca só"


def test_explorador_sem_kernel_responde(abrir):
    abrir_pagina, registro = abrir
    p = abrir_pagina("notebooks/01-aritmetica-da-convolucao.html")
    resultado = p.locator("#explorador-aritmetica-resultado")
    assert "Tamanho de saída: 55" in resultado.inner_text()  # W=227, F=11, S=4, P=0

    def ajustar(nome, valor):
        p.eval_on_selector(
            f"#explorador-aritmetica-{nome}",
            "(e, v) => { e.value = v; e.dispatchEvent(new Event('input', {bubbles: true})); }",
            str(valor),
        )

    ajustar("W", 224)  # o enigma da AlexNet: (224 − 11)/4 + 1 não é inteiro
    texto = resultado.inner_text()
    assert "Configuração inválida" in texto and "não é inteiro" in texto
    ajustar("modo", "piso")
    assert "Tamanho de saída: 54" in resultado.inner_text()
    ajustar("P", 2)
    assert "Tamanho de saída: 55" in resultado.inner_text()
    # Digitando na caixa, também além do fim do deslizante (P vai até 6 nele):
    p.fill("#explorador-aritmetica-W-caixa", "7")
    p.fill("#explorador-aritmetica-F-caixa", "3")
    p.fill("#explorador-aritmetica-S-caixa", "1")
    p.fill("#explorador-aritmetica-P-caixa", "11")
    assert "Tamanho de saída: 27" in resultado.inner_text()  # (7 − 3 + 22)/1 + 1
    assert p.input_value("#explorador-aritmetica-W") == "7"  # o deslizante acompanha a caixa
    assert registro["console"] == []


# (página, explorador, valores digitados nas caixas, o que precisa aparecer)
CASOS_DOS_EXPLORADORES = [
    ("notebooks/02-lenet", "explorador-lenet", {}, ["28×28×6", "5×5×16", "61.706"]),
    ("notebooks/02-lenet", "explorador-lenet", {"entrada": 32, "P": 0}, ["28×28×6", "61.706"]),
    ("notebooks/02-lenet", "explorador-lenet", {"F": 4}, ["Na camada S2", "não é inteiro"]),
    ("notebooks/03-alexnet", "explorador-alexnet", {}, ["55×55×96", "6×6×256", "62.378.344"]),  # a aula
    ("notebooks/03-alexnet", "explorador-alexnet", {"entrada": 224}, ["Na camada CONV1", "213/4 + 1"]),
    ("notebooks/03-alexnet", "explorador-alexnet", {"F1": 7, "S1": 2}, ["111×111×96"]),
    ("notebooks/04-vgg", "explorador-vgg", {}, ["224×224×64", "7×7×512", "138.357.544"]),  # VGG-16
    ("notebooks/04-vgg", "explorador-vgg", {"configuracao": "A", "entrada": 32}, ["1×1×512", "32.200.040"]),
    ("notebooks/04-vgg", "explorador-vgg", {"entrada": 200}, ["Na camada POOL4"]),
]


@pytest.mark.parametrize(("pagina", "explorador", "valores", "esperado"), CASOS_DOS_EXPLORADORES)
def test_exploradores_de_rede_respondem_sem_kernel(abrir, pagina, explorador, valores, esperado):
    """Digitando nas caixas (como um aluno no celular), a tabela ou a explicação muda na hora."""
    abrir_pagina, registro = abrir
    p = abrir_pagina(f"{pagina}.html", TELAS["celular"])
    for nome, valor in valores.items():
        if nome == "configuracao":
            p.select_option(f"#{explorador}-{nome}", str(valor))
        else:
            p.fill(f"#{explorador}-{nome}-caixa", str(valor))
    texto = p.inner_text(f"#{explorador}-resultado")
    for trecho in esperado:
        assert trecho in texto, f"{trecho!r} não está em {texto[:300]!r}"
    for nome, valor in valores.items():  # a caixa e o deslizante andam juntos
        if nome != "configuracao":
            assert p.input_value(f"#{explorador}-{nome}") == str(valor)
    assert registro["console"] == []


def test_capitulos_e_exercicios_numerados_por_capitulo(abrir):
    p = abrir[0]("notebooks/02-lenet.html")
    assert p.inner_text("article h1").startswith("2. LeNet")
    exercicios = [p.locator(".exercise .admonition-title, .exercise p.admonition-title").nth(i).inner_text()
                  for i in range(p.locator(".exercise").count())]  # fmt: skip
    assert exercicios and exercicios[0].startswith("Exercício 2.1"), exercicios


def test_exercicios_com_solucao_escondida(abrir):
    abrir_pagina, _ = abrir
    p = abrir_pagina("notebooks/01-aritmetica-da-convolucao.html")
    assert p.locator(".exercise").count() >= 3
    texto = p.inner_text("article")
    assert "Exercício" in texto and "Solução" in texto
    solucao = p.locator("details.solution, .solution.dropdown").first
    assert solucao.count() == 1
    resposta = solucao.locator(".solution-content, .admonition-body, section").first
    assert not resposta.is_visible()
    solucao.locator("summary, .admonition-title").first.click()
    assert resposta.is_visible()


def test_peso_de_cada_pagina(servidor):
    """HTML da página + imagens só dela ≤ 1 MB (os recursos do tema, comuns a todas, não contam)."""
    _, html = servidor
    pesos = {}
    for pagina in PAGINAS:
        arquivo = html / f"{pagina}.html"
        texto = arquivo.read_text(encoding="utf-8")
        imagens = set(re.findall(r'src="([^"]+\.(?:png|svg|jpg|jpeg|gif))"', texto))
        proprias = [(arquivo.parent / i).resolve() for i in imagens if "_static" not in i]
        pesos[pagina] = arquivo.stat().st_size + sum(i.stat().st_size for i in proprias if i.exists())
    for pagina, peso in sorted(pesos.items(), key=lambda kv: -kv[1]):
        print(f"{pagina}: {peso / 1e6:.2f} MB")
    pesadas = {p: peso for p, peso in pesos.items() if peso > 1_000_000}
    assert not pesadas, pesadas


@pytest.mark.parametrize("consulta", ["dilatacao", "dilatação", "formula", "saida"])
def test_busca_ignora_acentos_e_mostra_trechos_sem_latex(abrir, consulta):
    """Quem digita no celular nem sempre acentua: "dilatacao" acha a dilatação. E os trechos dos
    resultados não mostram LaTeX cru (\\frac, \\( … \\))."""
    abrir_pagina, registro = abrir
    p = abrir_pagina(f"search.html?q={consulta}")
    p.wait_for_selector("#search-results li", timeout=15_000)
    # os trechos chegam depois, página a página: espera a busca terminar e cada resultado ter o seu
    _esperar(
        p,
        """() => {
        const fim = document.querySelector("#search-results .search-summary");
        const itens = [...document.querySelectorAll("#search-results li")];
        return fim && fim.textContent.trim() && itens.every((li) => li.querySelector("p.context, span"));
    }""",
        limite_ms=15_000,
    )
    resultados = p.inner_text("#search-results")
    assert "Aritmética da convolução" in resultados
    assert not re.search(r"\\[a-zA-Z]+|\\[()\[\]]|\$\$", resultados), resultados[:500]
    assert registro["console"] == []


def _questionarios_gravados() -> list[tuple[str, str, int]]:
    """(página, id, número de perguntas) de cada questionário, lidos do gabarito nas saídas gravadas."""
    achados = []
    for pagina in CADERNOS:
        nb = json.loads((RAIZ / f"{pagina}.ipynb").read_text(encoding="utf-8"))
        for celula in nb["cells"]:
            for saida in celula.get("outputs", []):
                texto = "".join(saida.get("data", {}).get("text/plain", ""))
                m = re.match(r"Questionário ([\w-]+) \((\d+) perguntas?\)", texto)
                if m:
                    achados.append((pagina, m.group(1), int(m.group(2))))
    return achados


QUESTIONARIOS = _questionarios_gravados()


def test_todo_capitulo_tem_questionario():
    assert {pagina for pagina, _, _ in QUESTIONARIOS} == set(CADERNOS)


@pytest.mark.parametrize(("pagina", "ident", "n"), QUESTIONARIOS, ids=[q[1] for q in QUESTIONARIOS])
def test_questionarios_conferem_no_site(abrir, pagina, ident, n):
    """Cada pergunta, no site e sem kernel: resposta errada → "Ainda não"; certa → "Certo!" e a explicação;
    número ilegível → mensagem que diz o formato; a resposta também está em "Ver a resposta"."""
    from redesconv.formatacao import numero_br

    abrir_pagina, registro = abrir
    p = abrir_pagina(f"{pagina}.html", TELAS["celular"])
    perguntas = p.locator(f"#{ident} form.redesconv-pergunta")
    assert perguntas.count() == n

    def conferir(pergunta):
        pergunta.locator("button[type=submit]").click()
        retorno = pergunta.locator(".redesconv-retorno")
        return retorno.inner_text(), retorno.get_attribute("class")

    for i in range(n):
        pergunta = perguntas.nth(i)
        explicacao = pergunta.locator(".redesconv-explicacao").text_content()
        if pergunta.get_attribute("data-tipo") == "numero":
            campo = pergunta.locator("input[type=text]")
            certa = float(pergunta.get_attribute("data-resposta"))
            campo.fill("abc")
            texto, classe = conferir(pergunta)
            assert "Não entendi" in texto and "redesconv-erro" in classe
            campo.fill(numero_br(2 * certa + 1))
            texto, classe = conferir(pergunta)
            assert texto.startswith("Ainda não") and "redesconv-erro" in classe, texto
            campo.fill(numero_br(certa))  # como o aluno escreve: 1.516, 0,75
            texto, classe = conferir(pergunta)
        else:
            correta = int(pergunta.get_attribute("data-correta"))
            opcoes = pergunta.locator("input[type=radio]")
            texto, classe = conferir(pergunta)
            assert "Escolha uma das opções" in texto
            opcoes.nth(1 if correta == 0 else 0).check()
            texto, classe = conferir(pergunta)
            assert texto.startswith("Ainda não") and "redesconv-erro" in classe, texto
            opcoes.nth(correta).check()
            texto, classe = conferir(pergunta)
        assert texto == f"Certo! {explicacao}" and "redesconv-ok" in classe, texto
        assert pergunta.locator("details summary").inner_text() == "Ver a resposta"
    assert registro["console"] == []


def test_capitulos_apontam_para_os_seus_slides(servidor):
    """Logo abaixo do título de cada capítulo, "Slides desta aula" leva ao deck que `make slides` grava."""
    from tools.slides import cadernos_do_sumario

    _, html = servidor
    for caderno in cadernos_do_sumario():
        texto = (html / "notebooks" / f"{caderno.stem}.html").read_text(encoding="utf-8")
        artigo = texto[texto.index('<article class="bd-article"') :]
        links = re.findall(r'<a href="([^"]+)">Slides desta aula</a>', artigo)
        assert links == [f"../slides/{caderno.stem}.slides.html"], (caderno.stem, links)
        assert re.search(r'</h1><p class="slides-da-aula">.*<a href="../livro.pdf">Baixar o livro em PDF</a>', artigo)
