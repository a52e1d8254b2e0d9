"""Extensão local do livro: interface em português e página sem erros no console.

* **Traduções que faltam.** Os temas (pydata-sphinx-theme, sphinx-book-theme) e o
  sphinx-exercise não têm todas as frases em pt-BR. Geramos, na construção, catálogos com as
  que faltam e os registramos como *reserva* (as traduções que os pacotes já têm prevalecem).
* **Citações em português**: "Dumoulin e Visin, 2016" em vez de "Dumoulin and Visin".
* **THEBE_JS_URL declarado duas vezes.** O sphinx-thebe acrescenta o mesmo ``<script>`` duas
  vezes (erro de sintaxe no console); removemos a repetição.
* **Textos fixos em inglês.** Alguns rótulos estão escritos direto nos modelos HTML e no
  JavaScript dos temas, fora do sistema de traduções; trocamos esses poucos textos exatos nos
  arquivos gerados (``TEXTOS_FIXOS``).
* **Sem estado de widgets no site.** Sem kernel, os controles do ipywidgets não respondem: o
  site não os mostra nem carrega o gerenciador (``nb_ipywidgets_js: {}`` em ``_config.yml``), e
  o estado gravado nos cadernos, inútil sem ele, sai das páginas.
* **Busca sem acento.** "dilatacao" acha "dilatação": o índice e a consulta tiram os acentos
  antes do radical do português (o mesmo no Python, que indexa, e no JavaScript, que consulta);
  os trechos mostrados nos resultados vêm sem LaTeX cru (``livro.js``).
* **Ícones sem JavaScript.** O tema carrega os ícones duas vezes: em fontes, pela folha de estilo,
  e num ``fontawesome.js`` de 1,5 MB que os troca por SVG. Tiramos o segundo.
* **Barras laterais e caixas largas** (``livro.js``): o ☰ visível funciona
  (pydata/pydata-sphinx-theme#2451) e o que é largo rola na própria caixa, com aviso.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

RAIZ = Path(__file__).resolve().parents[2]

# Frases da interface que os temas ainda mostrariam em inglês.
TRADUCOES = {
    "Skip to main content": "Pular para o conteúdo principal",
    "Back to top": "Voltar ao topo",
    "Color mode": "Modo de cor",
    "Light": "Claro",
    "Dark": "Escuro",
    "System Settings": "Configuração do sistema",
    "Search this book...": "Buscar neste livro...",
    "Search": "Buscar",
    "Site navigation": "Navegação do site",
    "Toggle primary sidebar": "Mostrar/ocultar a barra lateral principal",
    "Toggle secondary sidebar": "Mostrar/ocultar a barra lateral secundária",
    "Toggle hidden content": "Mostrar/ocultar conteúdo oculto",
    "On this page": "Nesta página",
    "Contents": "Conteúdo",
    "previous page": "página anterior",
    "next page": "próxima página",
    "previous": "anterior",
    "next": "próxima",
    "Main": "Principal",
    "Page": "Página",
    "Version warning": "Aviso de versão",
    "Launch interactive content": "Abrir conteúdo interativo",
    "Launch on": "Abrir no",
    "Launch on Colab": "Abrir no Colab",
    "Colab logo": "Logotipo do Colab",
    "Download this page": "Baixar esta página",
    "Download source file": "Baixar arquivo fonte",
    "Print to PDF": "Imprimir em PDF",
    "Fullscreen mode": "Modo tela cheia",
    "Source repository": "Repositório fonte",
    "repository": "repositório",
    "By": "Por",
    "Exercise": "Exercício",
    "Solution to": "Solução do",
    "Solution": "Solução",
}
DOMINIOS = ("sphinx", "booktheme", "exercise")

# Textos exatos, escritos nos modelos e scripts sem passar pelas traduções.
TEXTOS_FIXOS = {
    'title="Toggle primary sidebar"': 'title="Mostrar/ocultar a barra lateral principal"',
    'title="Toggle secondary sidebar"': 'title="Mostrar/ocultar a barra lateral secundária"',
    'aria-label="Main"': 'aria-label="Principal"',
    'aria-label="Page"': 'aria-label="Página"',
    'alt="Colab logo"': 'alt="Logotipo do Colab"',
    'placeholder="Search this book..."': 'placeholder="Buscar neste livro..."',
    'aria-label="Search this book..."': 'aria-label="Buscar neste livro..."',
    'aria-label="Toggle hidden content"': 'aria-label="Mostrar/ocultar conteúdo oculto"',
}


def _catalogos(destino: Path) -> Path:
    for dominio in DOMINIOS:
        catalogo = Catalog(locale="pt_BR", domain=dominio)
        for original, traducao in TRADUCOES.items():
            catalogo.add(original, traducao)
        for lingua in ("pt_BR", "pt"):
            pasta = destino / lingua / "LC_MESSAGES"
            pasta.mkdir(parents=True, exist_ok=True)
            with open(pasta / f"{dominio}.mo", "wb") as arquivo:
                write_mo(arquivo, catalogo)
    return destino


def _sem_scripts_repetidos(app, pagename, templatename, context, doctree):
    vistos, unicos = set(), []
    for script in context.get("script_files", []):
        # o mesmo script pode vir com filename None ou "" (as duas inclusões do sphinx-thebe)
        chave = (getattr(script, "filename", script) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if chave not in vistos:
            vistos.add(chave)
            unicos.append(script)
    context["script_files"] = unicos


def _traduzir_textos_fixos(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    saida = Path(app.outdir)
    for arquivo in [*saida.rglob("*.html"), saida / "_static" / "togglebutton.js"]:
        if not arquivo.exists():
            continue
        texto = original = arquivo.read_text(encoding="utf-8")
        for ingles, portugues in TEXTOS_FIXOS.items():
            texto = texto.replace(ingles, portugues)
        if texto != original:
            arquivo.write_text(texto, encoding="utf-8")


_PESOS_MORTOS = [
    # o estado dos widgets gravados: sem o gerenciador (e sem kernel), não serve para nada
    re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>\s*', re.S),
    # os ícones do tema em JavaScript (1,5 MB): a folha de estilo do tema já traz as mesmas
    # fontes de ícones (fa-solid, fa-brands), que desenham os mesmos ícones
    re.compile(r'<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\s*'),
]


def _link_dos_slides(app, exception):
    """Logo abaixo do título de cada capítulo: "Slides desta aula" (os decks de ``make slides``,
    publicados em ``slides/``) e "Baixar o livro em PDF" (``make pdf``, em ``livro.pdf``); na
    introdução, só o PDF."""
    if exception is not None or app.builder.format != "html":
        return
    saida = Path(app.outdir)
    paginas = [*(saida / "notebooks").glob("*.html"), saida / "book" / "intro.html"]
    for arquivo in (p for p in paginas if p.exists()):
        texto = arquivo.read_text(encoding="utf-8")
        if 'class="slides-da-aula"' in texto:
            continue
        pdf = '<a href="../livro.pdf">Baixar o livro em PDF</a>'
        slides = f'<a href="../slides/{arquivo.stem}.slides.html">Slides desta aula</a> (reveal.js) · '
        link = f'<p class="slides-da-aula">{slides if arquivo.parent.name == "notebooks" else ""}{pdf}</p>'
        artigo = texto.find('<article class="bd-article"')  # não o título só de impressão, antes dele
        fim_do_titulo = texto.find("</h1>", artigo) + len("</h1>")
        if artigo < 0 or fim_do_titulo < len("</h1>"):
            raise RuntimeError(f"{arquivo}: sem o título do artigo para pôr os links dos slides e do PDF")
        texto = texto[:fim_do_titulo] + link + texto[fim_do_titulo:]
        arquivo.write_text(texto, encoding="utf-8")


def _paginas_mais_leves(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for arquivo in Path(app.outdir).rglob("*.html"):
        texto = original = arquivo.read_text(encoding="utf-8")
        for padrao in _PESOS_MORTOS:
            texto = padrao.sub("", texto)
        # Acessibilidade: as referências são uma lista (role="list"), e cada uma, um item dela. O
        # docutils marca cada uma com o papel doc-biblioentry, que o ARIA 1.2 aposentou e que
        # não pode ser filho de uma lista (axe-core: aria-required-children, crítico).
        texto = texto.replace('role="doc-biblioentry"', 'role="listitem"')
        if texto != original:
            arquivo.write_text(texto, encoding="utf-8")


def _estilo_de_citacao_pt():
    """author_year com "e" entre dois autores e ", e" antes do último."""
    from sphinxcontrib.bibtex.plugin import register_plugin
    from sphinxcontrib.bibtex.style.referencing import PersonStyle
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    @dataclass
    class AutorAnoPt(AuthorYearReferenceStyle):
        person: PersonStyle = field(default_factory=lambda: PersonStyle(sep2=" e ", last_sep=" e "))

    register_plugin("sphinxcontrib.bibtex.style.referencing", "autor_ano_pt", AutorAnoPt)


def _estilo_de_bibliografia_pt():
    """Estilo de bibliografia no formato da ABNT (NBR 6023), registrado como ``abnt_pt``.

    * autores como "SOBRENOME, Nome; SOBRENOME, Nome" (todos, na ordem do artigo);
    * títulos como foram escritos (sem trocar maiúsculas: "ImageNet", não "Imagenet");
    * o veículo em negrito: "**Proceedings of the IEEE**, v. 86, n. 11, p. 2278–2324, 1998.";
    * trabalhos em eventos: "In: **Nome do evento**. p. 1097–1105, 2012.";
    * o identificador do arXiv e o DOI uma única vez, como link; "[s.d.]" quando não há data.
    """
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting import BaseStyle, toplevel
    from pybtex.style.formatting.unsrt import pages as intervalo
    from pybtex.style.names import BaseNameStyle, name_part
    from pybtex.style.template import field, first_of, href, join, names, optional, optional_field, sentence, tag
    from pybtex.style.template import words as palavras

    class NomesAbnt(BaseNameStyle):
        def format(self, person, abbr=False):
            sobrenome = join(sep=" ")[
                join(sep=" ")[*[p.upper() for p in person.rich_prelast_names + person.rich_last_names]],
                join(sep=" ")[*[p.upper() for p in person.rich_lineage_names]],
            ]
            return join[sobrenome, name_part(before=", ")[person.rich_first_names + person.rich_middle_names]]

    paginas = palavras["p.", intervalo]  # "2278--2324" → "p. 2278–2324"
    ano = first_of[optional[field("year")], "[s.d.]"]
    autores = sentence[names("author", sep="; ", sep2="; ", last_sep="; ")]
    titulo = sentence[field("title")]

    def refs_na_web():
        arxiv = join["https://arxiv.org/abs/", field("eprint", raw=True)]
        doi = join["https://doi.org/", field("doi", raw=True)]
        url = field("url", raw=True)
        return sentence[
            optional[href(arxiv)[join["arXiv:", field("eprint", raw=True)]]],
            optional[palavras["DOI:", href(doi)[field("doi", raw=True)]]],
            optional[palavras["Disponível em:", href(url)[url]]],
        ]

    class AbntPt(BaseStyle):
        default_name_style = "abnt_nomes"
        default_sorting_style = "author_year_title"
        default_label_style = "number"  # os rótulos numéricos ficam ocultos (estilo.css)

        def get_article_template(self, e):
            return toplevel[
                autores,
                titulo,
                sentence(sep=", ")[
                    tag("strong")[field("journal")],
                    optional[palavras["v.", field("volume")]],
                    optional[palavras["n.", field("number")]],
                    optional[paginas],
                    ano,
                ],
                refs_na_web(),
            ]

        def get_inproceedings_template(self, e):
            return toplevel[
                autores,
                titulo,
                palavras["In:", sentence[tag("strong")[field("booktitle")]]],
                sentence(sep=", ")[optional[paginas], ano],
                sentence[optional_field("note")],
                refs_na_web(),
            ]

        def get_book_template(self, e):
            return toplevel[
                autores,
                sentence[tag("strong")[field("title")]],
                sentence(sep=", ")[join(sep=": ")[optional_field("address"), field("publisher")], ano],
                refs_na_web(),
            ]

        def get_misc_template(self, e):
            return toplevel[
                autores,
                titulo,
                sentence(sep=", ")[optional_field("howpublished"), ano],
                sentence[optional_field("note")],
                refs_na_web(),
            ]

    register_plugin("pybtex.style.names", "abnt_nomes", NomesAbnt)
    register_plugin("pybtex.style.formatting", "abnt_pt", AbntPt)


def sem_acento(texto: str) -> str:
    """'dilatação' → 'dilatacao' (tira as marcas diacríticas, mantém as letras)."""
    return "".join(c for c in unicodedata.normalize("NFD", texto) if unicodedata.category(c) != "Mn")


def _busca_sem_acento():
    """A língua de busca 'pt' do Sphinx, com os acentos tirados antes do radical, nos dois lados."""
    import sphinx
    from sphinx.search.pt import SearchPortuguese

    pasta = Path(sphinx.__file__).parent / "search" / "minified-js"
    codigo = (pasta / "base-stemmer.js").read_text(encoding="utf-8") + "\n"
    codigo += (pasta / "portuguese-stemmer.js").read_text(encoding="utf-8")
    codigo += """
var Stemmer = function () {
  var portugues = new PortugueseStemmer();
  this.stemWord = function (palavra) {
    return portugues.stemWord(palavra.normalize("NFD").replace(/[\\u0300-\\u036f]/g, ""));
  };
};
"""

    class BuscaSemAcento(SearchPortuguese):
        js_stemmer_rawcode = ""  # o código vai inteiro em js_stemmer_code, com o invólucro acima
        js_stemmer_code = codigo

        def stem(self, word: str) -> str:
            return self.stemmer.stemWord(sem_acento(word.lower()))

    return BuscaSemAcento


def setup(app):
    locais = _catalogos(Path(app.doctreedir).parent / "locale-livro")
    for dominio in DOMINIOS:
        app.add_message_catalog(dominio, str(locais))
    app.add_js_file("livro.js")
    app.add_search_language(_busca_sem_acento())
    app.connect("html-page-context", _sem_scripts_repetidos, priority=900)
    app.connect("build-finished", _paginas_mais_leves)
    app.connect("build-finished", _link_dos_slides)
    app.connect("build-finished", _traduzir_textos_fixos)
    _estilo_de_citacao_pt()
    _estilo_de_bibliografia_pt()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
