"""Figuras e exploradores: a lógica por trás do que o aluno vê."""

import re

import pytest
import torch
from matplotlib.figure import Figure

from redesconv.graficos import (
    curvas_treino,
    descrever_posicoes_filtro,
    desenhar_posicoes_filtro,
    matriz_confusao,
    mostrar_filtros,
    posicoes_filtro,
)
from redesconv.treino import Historico
from redesconv.widgets import descrever_configuracao, explorador_aritmetica, explorador_estatico


def test_posicoes_filtro():
    assert posicoes_filtro(7, 3, S=2) == [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    assert posicoes_filtro(9, 3, D=2) == [[k, k + 2, k + 4] for k in range(5)]
    # modo teto: a última janela passa da borda (índices ≥ W + 2P)
    assert posicoes_filtro(7, 3, S=3, arredondamento="teto")[-1] == [6, 7, 8]
    with pytest.raises(ValueError):
        posicoes_filtro(7, 3, S=3, arredondamento="exato")  # configuração inválida


def test_descricao_das_posicoes_em_texto():
    sobra = descrever_posicoes_filtro(7, 3, S=3).splitlines()
    assert sobra[0].startswith("2 posições") and sobra[1:3] == ["  posição 1: 1 2 3", "  posição 2: 4 5 6"]
    assert sobra[-1].endswith("cobre: 7")
    teto = descrever_posicoes_filtro(7, 3, S=3, arredondamento="teto").splitlines()
    assert teto[3] == "  posição 3: 7 fora fora" and teto[-1].endswith("cobre: nenhum")
    preenchido = descrever_posicoes_filtro(5, 3, S=2, P=1).splitlines()
    assert preenchido[1] == "  posição 1: 0 1 2" and preenchido[3] == "  posição 3: 4 5 0"
    assert descrever_posicoes_filtro(9, 3, D=2).splitlines()[1] == "  posição 1: 1 3 5"


def test_desenho_das_posicoes():
    fig = desenhar_posicoes_filtro(7, 3, S=3)
    assert isinstance(fig, Figure)
    titulo = fig.axes[0].get_title()
    assert "W=7, F=3, S=3, P=0" in titulo and "saída 2" in titulo
    textos = [t.get_text() for t in fig.axes[0].texts]
    assert textos.count("saída 1") == 1 and "saída 3" not in textos
    grande = desenhar_posicoes_filtro(40, 3, max_linhas=5)
    assert "+33 posições não desenhadas" in grande.axes[0].get_title()


def test_curvas_e_matriz():
    h = Historico([1.0, 0.5], [0.6, 0.8], [1.1, 0.7], [0.55, 0.75], [1.0, 1.0])
    fig = curvas_treino(h)
    assert [ax.get_title() for ax in fig.axes] == ["Perda", "Acurácia"]
    assert fig.axes[1].get_ylabel() == "acurácia (%)"
    # cada curva desenha a série certa (treino × teste), com as épocas 1, 2, … no eixo x
    dados = {(i, linha.get_label()): list(linha.get_ydata()) for i, ax in enumerate(fig.axes) for linha in ax.lines}
    assert dados == {
        (0, "treino"): [1.0, 0.5], (0, "teste"): [1.1, 0.7],
        (1, "treino"): pytest.approx([60.0, 80.0]), (1, "teste"): pytest.approx([55.0, 75.0]),
    }  # fmt: skip
    assert list(fig.axes[0].lines[0].get_xdata()) == [1, 2]
    fig = matriz_confusao([0, 1, 1, 2], [0, 1, 2, 2], ["a", "b", "c"])
    assert "acurácia 75,0%" in fig.axes[0].get_title()
    fig = mostrar_filtros(torch.randn(6, 1, 5, 5), colunas=3)
    assert fig._suptitle.get_text() == "Filtros aprendidos"
    assert sum(1 for ax in fig.axes if ax.images) == 6


def test_descrever_configuracao():
    esperado = "Tamanho de saída: (227 + 2·0 − 1·(11 − 1) − 1)/4 + 1 = 55 (modo exato)."
    assert descrever_configuracao(227, 11, 4) == (True, esperado)
    valida, texto = descrever_configuracao(7, 3, 3)
    assert not valida and "não é inteiro" in texto and "P=1" in texto
    valida, texto = descrever_configuracao(7, 3, 3, arredondamento="teto")
    assert valida and "= 3" in texto
    valida, texto = descrever_configuracao(7, 3, 3, arredondamento="desconhecido")
    assert not valida and "arredondamento deve ser" in texto


def test_explorador_ipywidgets_monta_controles():
    painel = explorador_aritmetica(W=9, F=3, S=1, P=1)
    controles = {w.description: w for caixa in painel.children[0].children for w in caixa.children}
    assert {"W", "F", "S", "P", "D", "Arredond."} <= set(controles)
    assert controles["W"].value == 9 and controles["P"].value == 1
    assert controles["Arredond."].options == ("exato", "piso", "teto")


@pytest.mark.parametrize("fabrica", [explorador_aritmetica, lambda **k: explorador_estatico("x", **k)])
def test_exploradores_recusam_valor_inicial_fora_da_faixa(fabrica):
    # um controle HTML ou IntSlider cortaria 300 para o máximo sem avisar: número errado
    with pytest.raises(ValueError, match="W inteiro de 1 a 256"):
        fabrica(W=300)
    with pytest.raises(ValueError, match="P inteiro de 0 a 6"):
        fabrica(P=-1)


def _rede(F=3, P=1):
    from torch import nn

    from redesconv import tamanho_saida

    lado = tamanho_saida(8, F, 1, P)  # modo exato: erro em português se não fechar
    return nn.Sequential(nn.Conv2d(1, 2, F, padding=P), nn.Flatten(), nn.Linear(2 * lado * lado, 3))


def test_descrever_modelo():
    from redesconv.widgets import descrever_modelo

    valida, tabela = descrever_modelo(_rede, (1, 8, 8), F=3, P=1)
    assert valida and tabela.total_parametros == (9 + 1) * 2 + (2 * 64 + 1) * 3
    valida, texto = descrever_modelo(_rede, (1, 8, 8), F=11, P=0)
    assert not valida and "mais do que a entrada preenchida" in texto
    # a forma da entrada pode depender dos controles
    valida, tabela = descrever_modelo(_rede, lambda F, P: (1, 8, 8), F=3, P=1)
    assert valida and tabela.forma_entrada == (1, 8, 8)


def test_explorador_modelo_monta_controles():
    from redesconv.widgets import explorador_modelo

    painel = explorador_modelo(_rede, (1, 8, 8), {"F": (1, 7, 3), "P": (0, 3, 1)})
    nomes = [w.description for w in painel.children[0].children]
    assert nomes == ["F", "P"]
    with pytest.raises(ValueError, match="fora da faixa"):
        explorador_modelo(_rede, (1, 8, 8), {"F": (1, 7, 9)})
    lista = explorador_modelo(_rede, (1, 8, 8), {"F": [3, 5, 7], "P": (0, 3, 1)})
    escolha = lista.children[0].children[0]
    assert escolha.options == (3, 5, 7) and escolha.value == 3


def test_distribuicao_por_camada():
    from torch import nn

    from redesconv import resumo_camadas
    from redesconv.graficos import distribuicao_por_camada

    modelo = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8 * 7 * 7, 10))
    fig = distribuicao_por_camada(resumo_camadas(modelo, (3, 16, 16)))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "2", "4"]
    alturas = [barra.get_height() for barra in ax.patches]
    assert len(alturas) == 9 and abs(sum(alturas[:3]) - 100) < 1e-6  # as partes de cada série somam 100%


# ---------------------------------------------------------------- o estilo das figuras no site
def _letras_no_site(fig):
    """(texto, px no site) de cada texto visível, medido como o site mostra a figura: no máximo
    688 px de largura numa janela de 1280 px (a medida está em tests/test_site.py)."""
    from matplotlib.text import Text

    fig.draw_without_rendering()
    escala = min(1.0, 688 / (fig.get_figwidth() * fig.dpi))
    return [
        (t.get_text(), t.get_fontsize() * fig.dpi / 72 * escala)
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]


def _figuras_do_pacote():
    from redesconv import redes, resumo_camadas
    from redesconv.graficos import distribuicao_por_camada, mostrar_filtros, mostrar_mapas

    h = Historico(
        perda_treino=[1.0, 0.6, 0.5], acuracia_treino=[0.6, 0.8, 0.85],
        perda_teste=[0.9, 0.7, 0.6], acuracia_teste=[0.62, 0.78, 0.84],
    )  # fmt: skip
    gerador = torch.Generator().manual_seed(0)
    return {
        "posições 7/3/2/1": desenhar_posicoes_filtro(7, 3, 2, 1),
        "posições 227/11/4/0": desenhar_posicoes_filtro(227, 11, 4, 0),
        "curvas": curvas_treino(h),
        "curvas de duas redes": curvas_treino({"moderna": h, "1998": h}),
        "matriz": matriz_confusao(torch.randint(0, 10, (200,), generator=gerador),
                                  torch.randint(0, 10, (200,), generator=gerador), [f"classe {i}" for i in range(10)]),
        "filtros": mostrar_filtros(torch.randn(6, 1, 5, 5, generator=gerador), colunas=6),
        "mapas": mostrar_mapas({"c1": torch.rand(6, 28, 28), "s2": torch.rand(6, 14, 14)},
                               imagem=torch.rand(1, 28, 28)),
        "VGG-16 por camada": distribuicao_por_camada(resumo_camadas(redes.vgg("D").eval(), (3, 224, 224))),
        "LeNet por camada": distribuicao_por_camada(resumo_camadas(redes.lenet_moderna().eval(), (1, 28, 28))),
    }  # fmt: skip


@pytest.fixture(scope="module")
def figuras_do_pacote():
    return _figuras_do_pacote()


def test_nenhuma_letra_menor_que_9_px_no_site(figuras_do_pacote):
    for nome, fig in figuras_do_pacote.items():
        pequenas = [(texto, round(px, 1)) for texto, px in _letras_no_site(fig) if px < 9 - 1e-6]
        assert not pequenas, f"{nome}: letras menores que 9 px no site: {pequenas[:5]}"


def test_eixos_com_virgula_decimal_e_epocas_inteiras(figuras_do_pacote):
    for nome, fig in figuras_do_pacote.items():
        for ax in fig.axes:
            for eixo in (ax.xaxis, ax.yaxis):
                if eixo.get_scale() != "linear":
                    continue
                rotulos = [t.get_text() for t in eixo.get_ticklabels() if t.get_text()]
                assert not any(re.search(r"\d\.\d", r) for r in rotulos), f"{nome}: ponto decimal em {rotulos}"
    for ax in figuras_do_pacote["curvas"].axes:
        epocas = [t.get_text() for t in ax.xaxis.get_ticklabels() if t.get_text()]
        assert epocas and all(e.isdigit() for e in epocas), epocas  # 1, 2, 3 — nunca 1,25


def test_numeros_que_nao_cabem_na_celula_somem_em_vez_de_encolher():
    grande = desenhar_posicoes_filtro(227, 11, 4, 0)
    pequena = desenhar_posicoes_filtro(7, 3, 2, 1)
    visiveis = lambda fig: [t for t in fig.axes[0].texts if t.get_visible() and t.get_text().isdigit()]  # noqa: E731
    assert len(visiveis(pequena)) == 7 + 2  # os 7 elementos e os 2 zeros do preenchimento
    assert visiveis(grande) == []  # 227 células em 9 polegadas: números ilegíveis não são desenhados


def test_ajustar_figura_de_quem_monta_a_propria():
    from redesconv.graficos import ajustar_figura

    fig = Figure(figsize=(10, 3), dpi=110)
    ax = fig.add_subplot()
    ax.plot([0, 0.5, 1.5], [0.25, 0.5, 0.75], label="série")
    ax.set_title("título", fontsize=6)
    ax.legend(fontsize=5)
    ajustar_figura(fig)
    assert all(px >= 9 - 1e-6 for _, px in _letras_no_site(fig))
    assert "0,5" in [t.get_text() for t in ax.yaxis.get_ticklabels()]


def test_titulos_dos_mapas_concordam_e_dizem_quantos_mapas_aparecem():
    """'1 mapa' (não '1 mapas'); com mais mapas que colunas, o título diz que só os primeiros aparecem."""
    from redesconv.graficos import mostrar_mapas

    fig = mostrar_mapas({"relu3": torch.rand(16, 10, 10), "s2": torch.rand(6, 14, 14)}, imagem=torch.rand(1, 28, 28))
    titulos = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert titulos == ["entrada: 1 mapa 28×28", "relu3: 16 mapas 10×10 (8 primeiros)", "s2: 6 mapas 14×14"]


def test_mapas_com_escala_comum_comparam_o_mesmo_mapa_entre_estagios():
    """Sem escala_comum, cada mapa se estica nas cores; com ela, o mapa j dos estágios divide a escala."""
    from redesconv.graficos import mostrar_mapas

    a = torch.rand(3, 6, 6)
    b = 0.5 * a  # o mesmo mapa, com metade da intensidade
    b[1] += 2  # o mapa 1 do segundo estágio vai mais longe
    imagem = torch.full((1, 6, 6), 7.0)

    def limites(fig):
        return [ax.images[0].get_clim() for ax in fig.axes if ax.images]

    separada = limites(mostrar_mapas({"a": a, "b": b}, imagem=imagem, max_mapas=3))
    comum = limites(mostrar_mapas({"a": a, "b": b}, imagem=imagem, max_mapas=3, escala_comum=True))
    assert separada[1:4] != separada[4:7]  # cada mapa com a sua escala
    assert comum[1:4] == comum[4:7]  # mapa j de 'a' e de 'b' com a mesma escala
    for j in range(3):
        esperado = (min(a[j].min(), b[j].min()).item(), max(a[j].max(), b[j].max()).item())
        assert comum[1 + j] == pytest.approx(esperado)
    assert comum[0] == separada[0]  # a imagem de entrada fica com a sua escala


def test_curvas_desenham_o_piso_da_perda_so_quando_pedido():
    h = Historico(
        perda_treino=[1.0, 0.6], acuracia_treino=[0.6, 0.8], perda_teste=[0.9, 0.7], acuracia_teste=[0.6, 0.7]
    )
    sem, com = curvas_treino(h), curvas_treino(h, piso_perda=0.5)
    assert len(com.axes[0].lines) == len(sem.axes[0].lines) + 1
    assert list(com.axes[0].lines[-1].get_ydata()) == [0.5, 0.5]


def _ablacao_de_teste(n_variantes):
    """Uma ablação no formato de redesconv.experimentos, com três sementes por variante."""
    return {
        "variantes": [
            {
                "nome": f"variante {i}",
                "acuracia_teste": [0.80 + 0.01 * i, 0.81 + 0.01 * i, 0.99],  # uma semente no canto da direita
                "acuracia_conjunto": 0.82 + 0.01 * i,
            }
            for i in range(n_variantes)
        ]
    }


@pytest.mark.parametrize("n_variantes", [1, 2, 5])
def test_legenda_da_ablacao_nao_cobre_nenhum_ponto(n_variantes):
    from redesconv.graficos import barras_da_ablacao

    fig = barras_da_ablacao(_ablacao_de_teste(n_variantes), titulo="ablação")
    fig.draw_without_rendering()
    legendas = fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    assert len(legendas) == 1
    caixa = legendas[0].get_window_extent()
    eixo = fig.axes[0]
    assert not caixa.overlaps(eixo.get_window_extent()), "a legenda cobre a área dos pontos"
    # nem o rótulo do eixo x: a legenda fica abaixo dele, dentro da figura
    assert caixa.y1 <= eixo.xaxis.label.get_window_extent().y0 + 1e-6
    assert caixa.y0 >= 0 and caixa.x0 >= 0 and caixa.x1 <= fig.bbox.x1


def test_marcas_da_ablacao_entram_na_legenda_embaixo():
    from redesconv.graficos import barras_da_ablacao

    fig = barras_da_ablacao(_ablacao_de_teste(2), titulo="ablação", marcas={"fim da subida da taxa": 0.85})
    fig.draw_without_rendering()
    assert [ax.get_legend() for ax in fig.axes] == [None]  # nenhuma legenda dentro do eixo
    rotulos = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "fim da subida da taxa" in rotulos
    linhas = [linha for linha in fig.axes[0].get_lines() if linha.get_linestyle() == "--"]
    assert len(linhas) == 1 and list(linhas[0].get_xdata()) == [0.85, 0.85]
