"""A construção estrita do livro (Jupyter Book 1.x): zero avisos, páginas em pt-BR."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.livro


def test_construcao_sem_avisos(livro):
    html, processo = livro
    log = processo.stdout + processo.stderr
    assert processo.returncode == 0, log[-4000:]
    avisos = [linha for linha in log.splitlines() if re.search(r"\bWARNING\b|\bERROR\b", linha)]
    assert not avisos, "\n".join(avisos)
    assert (html / "index.html").exists()


def test_paginas_do_sumario_existem(livro):
    html, _ = livro
    for pagina in [
        "book/intro",
        "book/como-usar",
        "book/glossario",
        "book/referencias",
        "notebooks/01-aritmetica-da-convolucao",
        "notebooks/05-lenet-alexnet-vgg",
    ]:
        assert (html / f"{pagina}.html").exists(), pagina


def test_idioma_e_textos_em_portugues(livro):
    html, _ = livro
    pagina = (html / "notebooks" / "01-aritmetica-da-convolucao.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*lang="pt[-_]BR"', pagina) or re.search(r'<html[^>]*lang="pt"', pagina)
    assert "Mostrar" in pagina  # rótulo das células recolhidas (nb_code_prompt_show)
    assert "Show code cell" not in pagina


def test_capitulo_mostra_saidas_gravadas(livro):
    html, _ = livro
    pagina = (html / "notebooks" / "01-aritmetica-da-convolucao.html").read_text(encoding="utf-8")
    # números produzidos pelo código e gravados no caderno
    assert "(227 − 11)/4 + 1 = 55" in pagina
    assert "34.944" in pagina
    # o explorador sem kernel vai para o site com ids fixos
    assert 'id="explorador-aritmetica-resultado"' in pagina
    assert "redesconvMontarExplorador" in pagina
    # exercícios com soluções recolhidas
    assert "dropdown" in pagina and "Solução" in pagina


def test_referencias(livro):
    html, _ = livro
    pagina = (html / "book" / "referencias.html").read_text(encoding="utf-8").lower()
    for trecho in [
        "gradient-based learning",
        "imagenet classification",
        "very deep convolutional",
        "a guide to convolution arithmetic",
    ]:
        assert trecho in pagina


def _entradas_da_bibliografia(html) -> list[str]:
    pagina = (html / "book" / "referencias.html").read_text(encoding="utf-8")
    entradas = re.findall(r'<div class="citation"[^>]*>.*?<p>(.*?)</p>', pagina, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", e)).replace("\xa0", " ").split()) for e in entradas]


def test_bibliografia_no_formato_da_abnt(livro):
    """NBR 6023: SOBRENOME, Nome; … Título. In: veículo. p. x–y, ano. — ids do arXiv uma vez só."""
    html, _ = livro
    entradas = _entradas_da_bibliografia(html)
    assert (
        "KRIZHEVSKY, Alex; SUTSKEVER, Ilya; HINTON, Geoffrey E. ImageNet Classification with Deep Convolutional "
        "Neural Networks. In: Advances in Neural Information Processing Systems 25 (NIPS 2012). p. 1097–1105, 2012."
    ) in entradas
    assert (
        "LECUN, Yann; BOTTOU, Léon; BENGIO, Yoshua; HAFFNER, Patrick. Gradient-Based Learning Applied to Document "
        "Recognition. Proceedings of the IEEE, v. 86, n. 11, p. 2278–2324, 1998. DOI: 10.1109/5.726791."
    ) in entradas
    assert entradas == sorted(entradas, key=lambda e: e.split(",")[0]), "em ordem alfabética de sobrenome"
    for entrada in entradas:
        assert re.search(r"\b(19|20)\d\d\b|\[s\.d\.\]", entrada), f"sem ano: {entrada}"
        assert len(re.findall(r"\d{4}\.\d{4,5}", entrada)) <= 1, f"id do arXiv repetido: {entrada}"
        autores = entrada.split(". ")[0]
        assert " and " not in autores and autores.split(",")[0].isupper(), f"autores fora da NBR 6023: {entrada}"
        sem_titulos = entrada.replace("Network In Network", "")  # o título do artigo tem "In"
        assert not re.search(r"\bpages\b|\bIn\b(?!:)", sem_titulos), f"palavra do estilo em inglês: {entrada}"


def test_obras_citadas_na_prosa_estao_na_bibliografia(livro):
    html, _ = livro
    texto = " ".join(_entradas_da_bibliografia(html))
    for sobrenomes in ["GLOROT", "HE, Kaiming", "IOFFE", "NAIR", "SZEGEDY", "JARRETT", "One Weird Trick"]:
        assert sobrenomes in texto, sobrenomes
    pagina = (html / "book" / "referencias.html").read_text(encoding="utf-8")
    assert "span.label { display: none; }" in (html / "_static" / "estilo.css").read_text(encoding="utf-8")
    assert pagina.count('class="citation"') == len(_entradas_da_bibliografia(html))


def test_mathjax_local_sem_cdn(livro):
    html, _ = livro
    assert (html / "_static" / "mathjax" / "es5" / "tex-mml-chtml.js").exists()
    assert list((html / "_static" / "mathjax" / "es5" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    for pagina in html.rglob("*.html"):
        texto = pagina.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in texto, pagina
        if "\\(" in texto or "$$" in texto:
            assert "_static/mathjax/es5/tex-mml-chtml.js" in texto, pagina
