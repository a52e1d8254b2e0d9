"""Exploradores interativos da aritmética da convolução.

* :func:`explorador_aritmetica` — controles deslizantes do ipywidgets (Jupyter e Colab;
  só usa APIs presentes no ipywidgets 7.7 e no 8). Precisa de um kernel rodando.
* :func:`explorador_estatico` — HTML + JavaScript autocontido, sem CDN e com ids fixos,
  que faz a mesma conta no navegador: é a versão interativa do site estático.

A lógica mostrada pelos controles está em :func:`descrever_configuracao`, uma função
comum, testada sem widgets.
"""

from __future__ import annotations

import html
from importlib import resources

from .aritmetica import MODOS_ARREDONDAMENTO, tamanho_saida

__all__ = [
    "descrever_configuracao",
    "descrever_modelo",
    "explorador_aritmetica",
    "explorador_estatico",
    "explorador_modelo",
    "explorador_rede_estatico",
]

#: Limites dos controles (iguais nas duas versões do explorador).
LIMITES = {"W": (1, 256), "F": (1, 11), "S": (1, 6), "P": (0, 6), "D": (1, 4)}


def _conferir_limites(valores: dict) -> None:
    """Um valor inicial fora da faixa seria cortado em silêncio pelo controle: recusamos."""
    for nome, valor in valores.items():
        lo, hi = LIMITES[nome]
        if isinstance(valor, bool) or not isinstance(valor, int) or not lo <= valor <= hi:
            raise ValueError(f"O explorador aceita {nome} inteiro de {lo} a {hi}; recebeu {nome}={valor!r}.")


def descrever_configuracao(W, F, S=1, P=0, D=1, arredondamento="exato") -> tuple[bool, str]:
    """(válida?, texto em português) para a configuração — o que o explorador mostra."""
    try:
        n = tamanho_saida(W, F, S, P, D, arredondamento)
    except (TypeError, ValueError) as erro:
        return False, str(erro)
    conta = f"({W} + 2·{P} − {D}·({F} − 1) − 1)/{S} + 1"
    return True, f"Tamanho de saída: {conta} = {n} (modo {arredondamento})."


def explorador_aritmetica(W=7, F=3, S=1, P=0, D=1, arredondamento="exato"):
    """Controles para W, F, S, P, D e o arredondamento; mostra a conta e a figura."""
    import ipywidgets as widgets
    from IPython.display import display

    from .graficos import desenhar_posicoes_filtro

    valores = {"W": W, "F": F, "S": S, "P": P, "D": D}
    _conferir_limites(valores)
    controles = {
        nome: widgets.IntSlider(value=valores[nome], min=lo, max=hi, description=nome, continuous_update=False)
        for nome, (lo, hi) in LIMITES.items()
    }
    controles["arredondamento"] = widgets.Dropdown(
        options=list(MODOS_ARREDONDAMENTO), value=arredondamento, description="Arredond."
    )

    def mostrar(W, F, S, P, D, arredondamento):
        valida, texto = descrever_configuracao(W, F, S, P, D, arredondamento)
        cor = "#1a7f37" if valida else "#b42318"
        display(widgets.HTML(f'<p style="color:{cor}">{html.escape(texto)}</p>'))
        if valida:
            display(desenhar_posicoes_filtro(W, F, S, P, D, arredondamento))

    saida = widgets.interactive_output(mostrar, controles)
    painel = widgets.HBox([widgets.VBox(list(controles.values())[:3]), widgets.VBox(list(controles.values())[3:])])
    return widgets.VBox([painel, saida])


_ESTILO = """
<style>
.redesconv-explorador { font-family: sans-serif; font-size: 0.9rem; border: 1px solid #ccc;
  border-radius: 6px; padding: 0.6rem; margin: 0.5rem 0; }
.redesconv-explorador label { display: inline-block; margin-right: 1rem; }
.redesconv-explorador input[type=range] { width: 8rem; vertical-align: middle; }
.redesconv-ok { color: #1a7f37; font-weight: bold; }
.redesconv-erro { color: #b42318; }
.redesconv-linha { white-space: nowrap; line-height: 0; margin: 1px 0; }
.redesconv-rotulo { display: inline-block; width: 5.5rem; font-size: 0.7rem; line-height: 1rem;
  vertical-align: middle; }
.redesconv-celula { display: inline-block; width: 1rem; height: 1rem; border: 1px solid #888;
  font-size: 0.55rem; line-height: 1rem; text-align: center; vertical-align: middle; }
.redesconv-preenchimento { background: #d9d9d9; }
.redesconv-sobra { background: #f4a6a6; }
.redesconv-filtro { background: #4c72b0; border-color: #4c72b0; }
.redesconv-vazia { border-color: transparent; }
.redesconv-explorador input[type=number] { width: 4.2rem; margin-left: 0.3rem; }
.redesconv-controle { display: inline-block; margin: 0.15rem 1rem 0.15rem 0; white-space: nowrap; }
</style>
"""


def explorador_estatico(id_base: str = "explorador", W=7, F=3, S=1, P=0, D=1, arredondamento="exato"):
    """Explorador em HTML + JavaScript puro, que funciona no site sem kernel.

    ``id_base`` fixa os ids dos elementos (precisam ser únicos na página e iguais a cada
    execução, para que o nbval compare a saída).
    """
    from IPython.display import HTML

    if not id_base.replace("-", "").isalnum():
        raise ValueError(f"id_base deve ter só letras, números e hífens; recebeu {id_base!r}.")
    valores = {"W": W, "F": F, "S": S, "P": P, "D": D}
    _conferir_limites(valores)
    rotulos = {"W": "entrada W", "F": "filtro F", "S": "passo S", "P": "preenchimento P", "D": "dilatação D"}
    controles = "".join(
        f'<span class="redesconv-controle"><label for="{id_base}-{nome}">{rotulos[nome]}</label> '
        f'<input type="range" id="{id_base}-{nome}" min="{lo}" max="{hi}" step="1" value="{valores[nome]}">'
        f'<input type="number" id="{id_base}-{nome}-caixa" min="{lo}" step="1" value="{valores[nome]}" '
        f'aria-label="{rotulos[nome]} (digite)"></span>'
        for nome, (lo, hi) in LIMITES.items()
    )
    opcoes = "".join(
        f'<option value="{m}"{" selected" if m == arredondamento else ""}>{m}</option>' for m in MODOS_ARREDONDAMENTO
    )
    script = resources.files("redesconv").joinpath("explorador.js").read_text(encoding="utf-8")
    corpo = (
        f'<div class="redesconv-explorador" id="{id_base}">'
        f"<div>{controles}"
        f'<label for="{id_base}-modo">arredondamento <select id="{id_base}-modo">{opcoes}</select></label></div>'
        f'<p id="{id_base}-resultado" aria-live="polite">Este explorador precisa de JavaScript.</p>'
        f'<div id="{id_base}-faixa" aria-hidden="true"></div>'
        f"<script>{script}\nredesconvMontarExplorador({id_base!r});</script></div>"
    )
    return HTML(_ESTILO + corpo)


def descrever_modelo(construir, forma_entrada, **valores):
    """(válido?, tabela por camada ou texto do erro) para ``construir(**valores)``.

    ``construir`` monta a rede a partir dos hiperparâmetros (é definido no capítulo); uma
    configuração impossível vira uma explicação em português, nunca um traceback.
    ``forma_entrada`` é a forma de um exemplo ou uma função dos mesmos hiperparâmetros que
    a devolve (quando o tamanho da entrada é um dos controles).
    """
    from .resumo import resumo_camadas

    try:
        modelo = construir(**valores)
        forma = forma_entrada(**valores) if callable(forma_entrada) else forma_entrada
        return True, resumo_camadas(modelo, forma)
    except (TypeError, ValueError) as erro:
        return False, str(erro)


def explorador_modelo(construir, forma_entrada, controles: dict):
    """Controles deslizantes para os hiperparâmetros de uma rede; mostra a tabela por camada.

    ``controles`` é ``{nome: (mínimo, máximo, valor inicial)}`` (controle deslizante) ou
    ``{nome: [opção inicial, outras opções…]}`` (lista); os nomes são os argumentos de
    ``construir``. Precisa de um kernel rodando (Jupyter ou Colab).
    """
    import ipywidgets as widgets
    from IPython.display import display

    deslizantes = {}
    for nome, especificacao in controles.items():
        if isinstance(especificacao, list):  # lista de opções: a primeira é a inicial
            deslizantes[nome] = widgets.Dropdown(options=especificacao, value=especificacao[0], description=nome)
            continue
        lo, hi, valor = especificacao
        if not lo <= valor <= hi:
            raise ValueError(f"Valor inicial de {nome} ({valor}) fora da faixa [{lo}, {hi}].")
        deslizantes[nome] = widgets.IntSlider(value=valor, min=lo, max=hi, description=nome, continuous_update=False)

    def mostrar(**valores):
        valida, resultado = descrever_modelo(construir, forma_entrada, **valores)
        if valida:
            display(resultado)
        else:
            display(widgets.HTML(f'<p style="color:#b42318">{html.escape(resultado)}</p>'))

    saida = widgets.interactive_output(mostrar, deslizantes)
    return widgets.VBox([widgets.HBox(list(deslizantes.values()), layout=widgets.Layout(flex_flow="row wrap")), saida])


#: Como cada controle dos exploradores de rede aparece para o leitor.
ROTULOS_REDE = {
    "entrada": "entrada (lado)",
    "F": "filtro F (C1 e C3)",
    "S": "passo S (C1 e C3)",
    "P": "preenchimento P de C1",
    "F_agr": "janela do agrupamento",
    "S_agr": "passo do agrupamento",
    "F1": "filtro F de CONV1",
    "S1": "passo S de CONV1",
    "P1": "preenchimento P de CONV1",
    "configuracao": "configuração",
}


def explorador_rede_estatico(
    id_base: str, tabela_de, controles: dict, *, canais: int, nomes: str = "sequencial", arredondamento="exato"
):
    """Explorador de uma rede inteira em HTML + JavaScript puro: funciona no site, sem kernel.

    ``tabela_de(**valores)`` devolve a rede na notação da aula (as funções ``tabela_*`` de
    :mod:`redesconv.redes`). ``controles`` é ``{nome: (mínimo, máximo, inicial)}`` — um deles é
    ``"entrada"``, o lado da imagem — ou ``{nome: [inicial, outras…]}`` para uma escolha que muda a
    estrutura (a configuração da VGG). Cada número tem um controle deslizante e uma caixa em que se
    digita. O navegador refaz, camada a camada, a conta de :func:`~redesconv.arquiteturas.rede_de_tabela`
    (formas e parâmetros, ou a mensagem de erro); os testes comparam os dois.
    """
    import json

    from IPython.display import HTML

    from .arquiteturas import nomes_das_camadas

    if not id_base.replace("-", "").isalnum():
        raise ValueError(f"id_base deve ter só letras, números e hífens; recebeu {id_base!r}.")
    numericos = [n for n, c in controles.items() if not isinstance(c, list)]
    escolhas = [n for n, c in controles.items() if isinstance(c, list)]
    if "entrada" not in numericos or len(escolhas) > 1:
        raise ValueError('controles precisa de "entrada" (o lado da imagem) e de no máximo uma escolha.')
    for nome in numericos:
        lo, hi, valor = controles[nome]
        if not lo <= valor <= hi:
            raise ValueError(f"Valor inicial de {nome} ({valor}) fora da faixa [{lo}, {hi}].")
    simbolos = {n: n for n in numericos if n != "entrada"}  # o navegador troca cada nome pelo valor
    opcoes = controles[escolhas[0]] if escolhas else [""]
    redes = {}
    for opcao in opcoes:
        tabela = [list(item) for item in tabela_de(**simbolos, **({escolhas[0]: opcao} if escolhas else {}))]
        redes[opcao] = {"tabela": tabela, "nomes": nomes_das_camadas(tabela, nomes)}
    spec = {
        "redes": redes, "canais": canais, "modo": arredondamento, "numericos": numericos,
        "escolha": escolhas[0] if escolhas else None,
    }  # fmt: skip
    partes = []
    for nome in numericos:
        lo, hi, valor = controles[nome]
        rotulo = html.escape(ROTULOS_REDE.get(nome, nome))
        partes.append(
            f'<span class="redesconv-controle"><label for="{id_base}-{nome}">{rotulo}</label> '
            f'<input type="range" id="{id_base}-{nome}" min="{lo}" max="{hi}" step="1" value="{valor}">'
            f'<input type="number" id="{id_base}-{nome}-caixa" min="{lo}" max="{hi}" step="1" value="{valor}" '
            f'aria-label="{rotulo} (digite)"></span>'
        )
    for nome in escolhas:
        rotulo = html.escape(ROTULOS_REDE.get(nome, nome))
        itens = "".join(f'<option value="{o}">{o}</option>' for o in controles[nome])
        partes.append(
            f'<span class="redesconv-controle"><label for="{id_base}-{nome}">{rotulo}</label> '
            f'<select id="{id_base}-{nome}">{itens}</select></span>'
        )
    script = resources.files("redesconv").joinpath("explorador.js").read_text(encoding="utf-8")
    corpo = (
        f'<div class="redesconv-explorador" id="{id_base}"><div>{"".join(partes)}</div>'
        f'<div id="{id_base}-resultado" aria-live="polite">Este explorador precisa de JavaScript.</div>'
        f"<script>{script}\nredesconvMontarExploradorRede({id_base!r}, {json.dumps(spec, ensure_ascii=False)});"
        "</script></div>"
    )
    return HTML(_ESTILO + corpo)
