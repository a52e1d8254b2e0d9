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


def test_bibliografia_em_portugues(livro):
    """Nomes com "e", títulos como no original e "In:" (NBR 6023) em vez do "In" do pybtex."""
    html, _ = livro
    pagina = (html / "book" / "referencias.html").read_text(encoding="utf-8")
    texto = unescape(re.sub(r"<[^>]+>", "", pagina)).replace("\xa0", " ")  # o pybtex usa espaço rígido
    assert "Alex Krizhevsky, Ilya Sutskever e Geoffrey E. Hinton" in texto
    assert "ImageNet Classification with Deep Convolutional Neural Networks" in texto
    assert "In: Advances in Neural Information Processing Systems" in texto
    assert not re.search(r"\bIn (?!:)", texto.replace("In: ", ""))


def test_mathjax_local_sem_cdn(livro):
    html, _ = livro
    assert (html / "_static" / "mathjax" / "es5" / "tex-mml-chtml.js").exists()
    assert list((html / "_static" / "mathjax" / "es5" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    for pagina in html.rglob("*.html"):
        texto = pagina.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in texto, pagina
        if "\\(" in texto or "$$" in texto:
            assert "_static/mathjax/es5/tex-mml-chtml.js" in texto, pagina
