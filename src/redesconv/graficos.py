"""Figuras do curso (matplotlib), com títulos e rótulos em português.

As funções devolvem um ``matplotlib.figure.Figure`` criado sem o ``pyplot``: no Jupyter,
a figura aparece uma única vez quando é o último valor da célula (ou com ``display``).

Todas passam por :func:`ajustar_figura`, o estilo do curso: nenhuma letra menor que 9 px no
site (numa janela de 1280 px, onde uma figura ocupa no máximo 688 px de largura) e números
dos eixos com vírgula decimal.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator, ScalarFormatter

from .aritmetica import tamanho_saida
from .formatacao import inteiro_br, plural_br, porcentagem_br

LARGURA_NO_SITE = 688  # px: a maior largura em que o site mostra uma figura (janela de 1280 px)
MENOR_LETRA_PX = 9  # px: nenhuma letra menor que isto no site, nessa largura

__all__ = [
    "LARGURA_NO_SITE",
    "MENOR_LETRA_PX",
    "ajustar_figura",
    "letra_no_site",
    "posicoes_filtro",
    "descrever_posicoes_filtro",
    "desenhar_posicoes_filtro",
    "curvas_treino",
    "matriz_confusao",
    "mostrar_filtros",
    "mostrar_mapas",
    "distribuicao_por_camada",
    "barras_da_ablacao",
]


def _escala_no_site(fig: Figure) -> float:
    """Quanto o site encolhe a figura (1 se ela couber inteira em LARGURA_NO_SITE)."""
    return min(1.0, LARGURA_NO_SITE / (fig.get_figwidth() * fig.dpi))


def letra_no_site(fig: Figure, tamanho_pt: float) -> float:
    """Altura em px, no site, de uma letra de ``tamanho_pt`` pontos na figura ``fig``."""
    return tamanho_pt * fig.dpi / 72 * _escala_no_site(fig)


def _numero_do_eixo(valor, _posicao=None) -> str:
    """0,5 e 1.000 em vez de 0.5 e 1000."""
    if float(valor).is_integer():
        return inteiro_br(int(valor))
    return f"{valor:.6g}".replace(".", ",")


def ajustar_figura(fig: Figure, inteiros_x: bool = False, arrumar: bool = True) -> Figure:
    """O estilo do curso, aplicado a uma figura pronta; devolve a própria figura.

    * nenhuma letra (títulos, rótulos, marcas dos eixos, legendas, textos) menor que
      ``MENOR_LETRA_PX`` px no site — as menores são aumentadas;
    * marcas dos eixos lineares com vírgula decimal (0,5) e separador de milhar (1.000);
    * ``inteiros_x=True``: marcas do eixo x só em inteiros (épocas, por exemplo);
    * ``arrumar=True``: refaz o ``tight_layout`` depois de aumentar as letras.
    """
    minimo = MENOR_LETRA_PX / letra_no_site(fig, 1.0)  # em pontos
    for ax in fig.axes:
        for eixo in (ax.xaxis, ax.yaxis):
            if isinstance(eixo.get_major_formatter(), ScalarFormatter):
                eixo.set_major_formatter(FuncFormatter(_numero_do_eixo))
        if inteiros_x:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(which="both", labelsize=max(minimo, 9.0))
    fig.draw_without_rendering()  # cria as marcas dos eixos e as legendas, para medir tudo
    for texto in fig.findobj(Text):
        if texto.get_visible() and texto.get_text().strip() and texto.get_fontsize() < minimo:
            texto.set_fontsize(minimo)
    if arrumar:
        fig.tight_layout()
    return fig


_COR_PREENCHIMENTO = "#d9d9d9"
_COR_SOBRA = "#f4a6a6"
_COR_FILTRO = "#4c72b0"


def posicoes_filtro(W, F, S=1, P=0, D=1, arredondamento="piso") -> list[list[int]]:
    """Índices (na entrada preenchida, de 0 a W + 2P − 1) que cada posição do filtro toca.

    O número de posições é ``tamanho_saida(W, F, S, P, D, arredondamento)``; no modo
    ``"teto"`` a última janela pode passar da borda (o PyTorch ignora a parte de fora).
    """
    n = tamanho_saida(W, F, S, P, D, arredondamento)
    return [[k * S + D * j for j in range(F)] for k in range(n)]


def descrever_posicoes_filtro(W, F, S=1, P=0, D=1, arredondamento="piso") -> str:
    """O que :func:`desenhar_posicoes_filtro` mostra, em texto (e conferido pelos testes).

    Os elementos são numerados como na figura: os da entrada de 1 a W; os zeros do
    preenchimento aparecem como ``0``; o que passa da borda (modo ``"teto"``) como ``fora``.
    """
    posicoes = posicoes_filtro(W, F, S, P, D, arredondamento)

    def nome(i):
        if i < P or P + W <= i < W + 2 * P:
            return "0"
        return "fora" if i >= W + 2 * P else str(i - P + 1)

    linhas = [f"{len(posicoes)} posições do filtro (W={W}, F={F}, S={S}, P={P}, D={D}, {arredondamento}):"]
    for k, indices in enumerate(posicoes, 1):
        linhas.append(f"  posição {k}: " + " ".join(nome(i) for i in indices))
    cobertos = {i - P + 1 for p in posicoes for i in p}
    sobra = [str(j) for j in range(1, W + 1) if j not in cobertos]
    linhas.append("elementos da entrada que nenhuma posição cobre: " + (", ".join(sobra) if sobra else "nenhum"))
    return "\n".join(linhas)


def desenhar_posicoes_filtro(W, F, S=1, P=0, D=1, arredondamento="piso", max_linhas=12) -> Figure:
    """Onde o filtro fica sobre a entrada preenchida, numa dimensão, posição por posição.

    Cada linha é uma posição do filtro (um elemento da saída). Cinza: preenchimento com
    zeros; azul: elementos que o filtro cobre; vermelho: elementos que nenhuma posição
    cobre (a sobra que o arredondamento para baixo descarta).
    """
    posicoes = posicoes_filtro(W, F, S, P, D, arredondamento)
    total = W + 2 * P
    cobertos = {i for p in posicoes for i in p}
    mostradas = posicoes[:max_linhas]
    fig = Figure(figsize=(min(9, 1.6 + 0.42 * max(total, 10)), 1.3 + 0.42 * (len(mostradas) + 1)), dpi=110)
    ax = fig.add_subplot()
    numeros = []  # os números dentro das células (somem se a célula for pequena demais para eles)

    def celula(x, y, cor, texto=""):
        ax.add_patch(Rectangle((x, y), 1, 1, facecolor=cor, edgecolor="black", linewidth=0.6))
        if texto:
            numeros.append(ax.text(x + 0.5, y + 0.5, texto, ha="center", va="center", fontsize=7))

    # Linha de cima: a entrada preenchida, com a numeração dos elementos reais (1..W).
    topo = len(mostradas) + 0.4
    for i in range(total):
        if i < P or i >= P + W:
            celula(i, topo, _COR_PREENCHIMENTO, "0")
        else:
            celula(i, topo, _COR_SOBRA if i not in cobertos else "white", str(i - P + 1))
    # Uma linha por posição do filtro.
    for k, indices in enumerate(mostradas):
        y = len(mostradas) - 1 - k
        for i in indices:
            fora = i >= total  # só acontece no modo "teto"
            ax.add_patch(
                Rectangle(
                    (i, y),
                    1,
                    1,
                    facecolor="white" if fora else _COR_FILTRO,
                    edgecolor=_COR_FILTRO if fora else "white",
                    hatch="//" if fora else None,
                    linewidth=0.8,
                )
            )
        ax.text(-0.4, y + 0.5, f"saída {k + 1}", ha="right", va="center", fontsize=8)
    ax.text(-0.4, topo + 0.5, "entrada", ha="right", va="center", fontsize=8, weight="bold")
    largura = max(total, max(i for p in posicoes for i in p) + 1)
    ax.set_xlim(-3.2, largura + 0.2)
    ax.set_ylim(-0.2, topo + 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    restantes = len(posicoes) - len(mostradas)
    extra = f" (+{restantes} posições não desenhadas)" if restantes > 0 else ""
    dil = f", D={D}" if D != 1 else ""
    ax.set_title(
        f"W={W}, F={F}, S={S}, P={P}{dil} ({arredondamento}): o filtro ocupa "
        f"{len(posicoes)} posições → saída {len(posicoes)}{extra}",
        fontsize=9,
        wrap=True,
    )
    fig.tight_layout()
    # Uma célula mede quantos px no site? Se o número (com a letra mínima) não couber nela, some.
    x0, x1 = ax.transData.transform([(0, 0), (1, 0)])[:, 0]
    celula_px = (x1 - x0) * _escala_no_site(fig)
    largura_digito_px = 0.62 * MENOR_LETRA_PX  # largura típica de um algarismo
    for numero in numeros:
        if len(numero.get_text()) * largura_digito_px > 0.9 * celula_px:
            numero.set_visible(False)
    return ajustar_figura(fig, arrumar=False)


def curvas_treino(historicos, titulo: str = "Treinamento", piso_perda: float | None = None) -> Figure:
    """Perda e acurácia por época, no treino (linha cheia) e no teste (tracejada).

    ``historicos`` é um :class:`~redesconv.treino.Historico` ou um dicionário
    ``{nome: Historico}`` para comparar vários modelos na mesma figura. ``piso_perda`` (opcional)
    desenha a menor perda possível, por exemplo a da suavização de rótulos, como uma linha pontilhada.
    """
    if not isinstance(historicos, dict):
        historicos = {"": historicos}
    fig = Figure(figsize=(9, 3.4), dpi=110)
    ax1, ax2 = fig.subplots(1, 2)
    for nome, h in historicos.items():
        epocas = range(1, len(h.perda_treino) + 1)
        prefixo = f"{nome}, " if nome else ""
        (linha,) = ax1.plot(epocas, h.perda_treino, "o-", label=f"{prefixo}treino")
        ax1.plot(epocas, h.perda_teste, "s--", color=linha.get_color(), label=f"{prefixo}teste")
        ax2.plot(epocas, [100 * a for a in h.acuracia_treino], "o-", color=linha.get_color(), label=f"{prefixo}treino")
        ax2.plot(epocas, [100 * a for a in h.acuracia_teste], "s--", color=linha.get_color(), label=f"{prefixo}teste")
    if piso_perda is not None:
        ax1.axhline(piso_perda, color="0.4", linestyle=":", label="menor perda possível")
    ax1.set(xlabel="época", ylabel="perda (entropia cruzada)", title="Perda")
    ax2.set(xlabel="época", ylabel="acurácia (%)", title="Acurácia")
    for ax in (ax1, ax2):
        ax.legend(fontsize=9)
        ax.grid(alpha=0.3)
    fig.suptitle(titulo)
    return ajustar_figura(fig, inteiros_x=True)


def matriz_confusao(reais, previstos, classes) -> Figure:
    """Matriz de confusão (linhas: classe real; colunas: classe prevista), em contagens."""
    import numpy as np

    n = len(classes)
    m = np.zeros((n, n), dtype=int)
    for r, p in zip(reais, previstos):
        m[int(r), int(p)] += 1
    fig = Figure(figsize=(7, 6), dpi=110)
    ax = fig.add_subplot()
    imagem = ax.imshow(m, cmap="Blues")
    fig.colorbar(imagem, ax=ax, label="exemplos")
    ax.set_xticks(range(n), classes, rotation=45, ha="right")
    ax.set_yticks(range(n), classes)
    ax.set(xlabel="classe prevista", ylabel="classe real")
    acuracia = np.trace(m) / max(m.sum(), 1)
    ax.set_title(f"Matriz de confusão (acurácia {porcentagem_br(acuracia)})")
    for i in range(n):
        for j in range(n):
            ax.text(
                j,
                i,
                str(m[i, j]),
                ha="center",
                va="center",
                fontsize=7,
                color="white" if m[i, j] > m.max() / 2 else "black",
            )
    return ajustar_figura(fig)


def mostrar_filtros(pesos, colunas: int = 8, titulo: str = "Filtros aprendidos") -> Figure:
    """Filtros de uma convolução (tensor K×C×F×F): um quadro por filtro (média dos canais
    se C ≠ 3; RGB se C = 3), cada um normalizado para [0, 1]."""
    pesos = pesos.detach().float().cpu()
    k = pesos.shape[0]
    linhas = -(-k // colunas)
    fig = Figure(figsize=(1.1 * colunas, 1.1 * linhas + 0.5), dpi=110)
    eixos = fig.subplots(linhas, colunas, squeeze=False)
    for i, ax in enumerate(eixos.flat):
        ax.axis("off")
        if i >= k:
            continue
        w = pesos[i]
        w = (w - w.min()) / (w.max() - w.min() + 1e-12)
        if w.shape[0] == 3:
            ax.imshow(w.permute(1, 2, 0).numpy())
        else:
            ax.imshow(w.mean(0).numpy(), cmap="gray")
        ax.set_title(str(i + 1), fontsize=9)
    fig.suptitle(titulo)
    return ajustar_figura(fig)


def mostrar_mapas(
    mapas: dict, imagem=None, max_mapas: int = 8, titulo: str = "Mapas de características", escala_comum: bool = False
) -> Figure:
    """Uma linha por estágio: os primeiros ``max_mapas`` mapas de características de uma imagem.

    ``mapas`` é ``{nome do estágio: tensor C×A×L}`` (uma imagem, sem o lote). Cada mapa tem a
    sua escala de cores; com ``escala_comum=True``, o mapa j de todos os estágios usa a mesma
    (o mínimo e o máximo dos mapas j juntos), para comparar duas versões do mesmo mapa, como o
    mesmo filtro com dois preenchimentos. A imagem de entrada mantém a sua escala.
    """
    linhas = len(mapas) + (1 if imagem is not None else 0)
    fig = Figure(figsize=(1.2 * max_mapas + 1.2, 1.25 * linhas + 0.4), dpi=110)
    eixos = fig.subplots(linhas, max_mapas, squeeze=False)
    for ax in eixos.flat:
        ax.axis("off")
    estagios = list(mapas.items())
    if imagem is not None:
        estagios.insert(0, ("entrada", imagem))
    limites = {}  # mapa j -> (mínimo, máximo) entre os estágios, só com escala_comum
    if escala_comum:
        for tensor in mapas.values():
            tensor = tensor.detach().float().cpu()
            for j in range(min(max_mapas, tensor.shape[0])):
                menor, maior = limites.get(j, (float("inf"), float("-inf")))
                limites[j] = (min(menor, tensor[j].min().item()), max(maior, tensor[j].max().item()))
    for i, (nome, tensor) in enumerate(estagios):
        tensor = tensor.detach().float().cpu()
        for j in range(min(max_mapas, tensor.shape[0])):
            vmin, vmax = limites.get(j, (None, None)) if (imagem is None or i > 0) else (None, None)
            eixos[i, j].imshow(tensor[j].numpy(), cmap="viridis", vmin=vmin, vmax=vmax)
        lado = "×".join(str(d) for d in tensor.shape[1:])
        n = tensor.shape[0]
        mostrados = f" ({max_mapas} primeiros)" if n > max_mapas else ""  # o título não promete mais do que mostra
        eixos[i, 0].set_title(f"{nome}: {n} {plural_br(n, 'mapa', 'mapas')} {lado}{mostrados}", fontsize=9, loc="left")
    fig.suptitle(titulo)
    return ajustar_figura(fig)


def distribuicao_por_camada(tabela, titulo: str = "Onde estão parâmetros, memória e operações") -> Figure:
    """Fração do total de parâmetros, de memória de ativações e de MACs em cada camada.

    ``tabela`` é uma :class:`~redesconv.resumo.TabelaCamadas`; só entram as camadas com
    parâmetros ou MACs (convoluções e totalmente conectadas) e as de agrupamento.
    """
    import numpy as np

    linhas = [x for x in tabela.linhas if x.parametros or x.macs or "Pool" in x.tipo]
    nomes = [x.nome for x in linhas]
    series = {
        "parâmetros": [x.parametros / max(tabela.total_parametros, 1) for x in linhas],
        "memória das ativações": [x.memoria_bytes / max(tabela.total_memoria_bytes, 1) for x in linhas],
        "MACs": [x.macs / max(tabela.total_macs, 1) for x in linhas],
    }
    fig = Figure(figsize=(9, 4.2), dpi=110)  # 9 polegadas: o site a mostra quase sem encolher
    ax = fig.add_subplot()
    posicoes = np.arange(len(nomes))
    for i, (rotulo, valores) in enumerate(series.items()):
        ax.bar(posicoes + (i - 1) * 0.27, [100 * v for v in valores], width=0.27, label=rotulo)
    ax.set_xticks(posicoes, nomes, rotation=90 if len(nomes) > 16 else 45, ha="center" if len(nomes) > 16 else "right")
    ax.set_xlim(-0.6, len(nomes) - 0.4)
    ax.set(ylabel="% do total da rede", title=titulo)
    ax.legend(fontsize=9)
    ax.grid(axis="y", alpha=0.3)
    return ajustar_figura(fig)


def barras_da_ablacao(
    ablacao: dict, medida: str = "acuracia_teste", titulo: str | None = None, marcas: dict[str, float] | None = None
) -> Figure:
    """Uma linha por variante de uma ablação (:mod:`redesconv.experimentos`): a média das sementes
    (quadrado), o desvio-padrão como barra de erro e cada semente como um ponto.

    ``medida``: ``"acuracia_teste"`` (com o conjunto das sementes como losango),
    ``"lacuna_treino_teste"`` (acurácia de treino − de teste, em pontos percentuais) ou
    ``"epocas_ate_o_erro:25%"`` (épocas até 25% de erro de treino; as sementes que não chegaram
    ficam de fora). ``marcas``: linhas verticais tracejadas com rótulo, {rótulo: x} (por exemplo, a
    época em que a taxa de aprendizado chega ao máximo); entram na legenda, embaixo do eixo.
    """
    import statistics

    variantes = ablacao["variantes"]
    n = len(variantes)
    # layout "constrained": a legenda fica fora do eixo, embaixo, e nunca cobre um ponto
    fig = Figure(figsize=(7, 0.62 * n + 1.9), dpi=110, layout="constrained")
    ax = fig.subplots()
    for i, v in enumerate(reversed(variantes)):
        if medida.startswith("epocas_ate_o_erro:"):
            valores = [e for e in v["epocas_ate_o_erro"][medida.split(":")[1]] if e is not None]
        else:
            valores = [100 * x for x in v[medida]]
        if not valores:  # nenhuma semente chegou ao alvo: a linha fica vazia
            continue
        media = statistics.fmean(valores)
        desvio = statistics.stdev(valores) if len(valores) > 1 else 0.0
        ax.errorbar(media, i, xerr=desvio, fmt="s", color="#3182bd", capsize=5, markersize=8,
                    label="média ± desvio" if i == 0 else None)  # fmt: skip
        ax.plot(
            valores, [i] * len(valores), "o", color="#08519c", markersize=4, label="uma semente" if i == 0 else None
        )
        if medida == "acuracia_teste":
            ax.plot(100 * v["acuracia_conjunto"], i, "D", color="#e6550d", markersize=6,
                    label="comitê das sementes" if i == 0 else None)  # fmt: skip
    ax.set_yticks(range(n), [v["nome"] for v in reversed(variantes)])
    rotulo = {
        "acuracia_teste": "acurácia no teste (%)",
        "lacuna_treino_teste": "treino − teste (pontos percentuais)",
    }.get(medida, f"épocas até {medida.split(':')[-1]} de erro de treino")
    ax.set_xlabel(rotulo)
    if medida == "acuracia_teste":
        menor = min(100 * min(min(v[medida]), v["acuracia_conjunto"]) for v in variantes)
        ax.set_xlim(max(0, menor - 5), min(100, max(100 * max(v[medida]) for v in variantes) + 3))
    ax.grid(axis="x", alpha=0.3)
    for rotulo_marca, x in (marcas or {}).items():
        ax.axvline(x, color="gray", linestyle="--", label=rotulo_marca)
    if ax.get_legend_handles_labels()[0]:
        fig.legend(loc="outside lower center", ncol=3, fontsize=9, frameon=False)
    if titulo:
        ax.set_title(titulo)
    return ajustar_figura(fig, arrumar=False)  # o layout "constrained" já arruma
