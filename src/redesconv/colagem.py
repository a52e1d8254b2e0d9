"""Números do código no texto do capítulo, sem digitá-los à mão.

:func:`colar` guarda um texto já formatado (em pt-BR) na saída da célula, no mesmo formato
da função ``glue`` do myst-nb, para que a prosa o insira com ``{glue:text}`nome```. O livro
mostra o valor gravado pela execução do caderno, e o nbval compara essa saída como qualquer
outra: se o código passar a produzir outro número, o teste acusa e o texto não fica velho.

Não importamos o myst-nb (o Colab não o tem): o formato é só um ``display`` com um tipo MIME
próprio e os metadados que o myst-nb procura.
"""

from __future__ import annotations

__all__ = ["PREFIXO_COLAGEM", "colar"]

PREFIXO_COLAGEM = "application/papermill.record/"


def colar(nome: str, texto) -> None:
    """Guarda ``texto`` sob ``nome`` para a prosa (``{glue:text}`nome```).

    ``texto`` deve chegar formatado como o leitor vai vê-lo (``porcentagem_br(0.894)`` →
    ``'89,4%'``); números crus são recusados, para que nenhum ``0.894`` apareça no texto.
    """
    if not isinstance(nome, str) or not nome.isidentifier():
        raise ValueError(f"O nome da colagem deve ser um identificador Python (letras, números e _); recebeu {nome!r}.")
    if not isinstance(texto, str):
        raise TypeError(
            f"colar({nome!r}, …) recebe texto já formatado em pt-BR (por exemplo com porcentagem_br ou "
            f"inteiro_br), não {type(texto).__name__}: {texto!r}."
        )
    from IPython.display import display

    display(
        {PREFIXO_COLAGEM + "text/plain": repr(texto)},
        raw=True,
        metadata={"scrapbook": {"name": nome, "mime_prefix": PREFIXO_COLAGEM}},
    )
