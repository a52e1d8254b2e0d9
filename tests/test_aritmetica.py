"""Testes de redesconv.tamanho_saida e das contagens de parâmetros.

Os testes de propriedade comparam o modo "piso" com nn.Conv2d / nn.MaxPool2d e o modo
"teto" com nn.MaxPool2d(ceil_mode=True) em milhares de configurações aleatórias.
"""

import math

import pytest
import torch
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from torch import nn

from redesconv import ConfiguracaoInvalida, parametros_conv, parametros_fc, tamanho_saida

# ---------------------------------------------------------------------------- exemplos da aula


@pytest.mark.parametrize(
    ("args", "esperado"),
    [
        ((227, 11, 4, 0), 55),  # AlexNet CONV1: (227 − 11)/4 + 1
        ((55, 3, 2, 0), 27),  # AlexNet POOL1: (55 − 3)/2 + 1
        ((27, 5, 1, 2), 27),  # AlexNet CONV2
        ((27, 3, 2, 0), 13),  # AlexNet POOL2
        ((13, 3, 1, 1), 13),  # AlexNet CONV3–5
        ((13, 3, 2, 0), 6),  # AlexNet POOL3
        ((224, 3, 1, 1), 224),  # VGG: 3×3, passo 1, preenchimento 1 preserva
        ((224, 2, 2, 0), 112),  # VGG: 2×2, passo 2 divide por 2
        ((32, 5, 1, 0), 28),  # LeNet C1
        ((28, 5, 1, 2), 28),  # LeNet C1 com P=2 para imagens 28×28
        ((28, 2, 2, 0), 14),  # LeNet S2
        ((7, 3, 1, 0), 5),  # CS231n: 7×7, filtro 3, passo 1
        ((7, 3, 2, 0), 3),  # CS231n: 7×7, filtro 3, passo 2
    ],
)
def test_exemplos_da_aula(args, esperado):
    assert tamanho_saida(*args) == esperado


def test_dilatacao():
    # filtro 3 com D=2 ocupa 5 posições: (7 − 5)/1 + 1 = 3
    assert tamanho_saida(7, 3, D=2) == 3
    assert tamanho_saida(9, 3, S=1, P=2, D=2) == 9  # "mesmo tamanho" com dilatação


def test_cs231n_passo_3_e_invalido():
    # (7 − 3)/3 + 1 = 2,33...: o exemplo clássico de configuração inválida
    with pytest.raises(ConfiguracaoInvalida) as info:
        tamanho_saida(7, 3, S=3)
    msg = str(info.value)
    assert "W=7, F=3, S=3, P=0" in msg
    assert "não é inteiro" in msg
    # P=1 dá (7 − 3 + 2)/3 + 1 = 3 (exato) e S=2 ou S=4 dividem 4: o mais próximo de 3 é 2 (empate → menor)
    assert "P=1" in msg and "S=2" in msg
    assert tamanho_saida(7, 3, S=3, P=1) == 3
    assert tamanho_saida(7, 3, S=3, arredondamento="piso") == 2


def test_224_da_alexnet():
    with pytest.raises(ValueError) as info:
        tamanho_saida(224, 11, S=4)
    msg = str(info.value)
    # 213 é ímpar e S=4 é par: nenhum P resolve, só outro passo (S=3 divide 213)
    assert "P=" not in msg.split("mais próximo:")[1].split("(")[0]
    assert "S=3" in msg
    # a mensagem diz por que nenhum P serve e quanto preenchimento assimétrico fecharia a conta
    assert "Nenhum preenchimento simétrico resolve: 213 + 2P é ímpar para todo P, e S=4 é par" in msg
    assert "3 zeros no total, 1 de um lado e 2 do outro" in msg
    assert msg.index("Nenhum preenchimento") < msg.index("mais próximo:")  # antes de sugerir outro passo
    assert tamanho_saida(224, 11, S=4, arredondamento="piso") == 54
    assert tamanho_saida(224, 11, S=4, arredondamento="teto") == 55  # cuda-convnet: 1 + teto(213/4)


@pytest.mark.parametrize(
    ("args", "trecho"),
    [
        ((7, 3, 3, 0), "sobraria 1 elemento da entrada na borda"),
        ((8, 3, 3, 0), "sobrariam 2 elementos da entrada na borda"),
        ((9, 3, 3, 1), "sobrariam 2 elementos da entrada preenchida na borda"),
    ],
)
def test_sobra_no_singular_e_no_plural(args, trecho):
    with pytest.raises(ConfiguracaoInvalida) as info:
        tamanho_saida(*args)
    assert trecho in str(info.value)
    assert "(ões)" not in str(info.value) and "(s)" not in str(info.value)


def test_erro_e_subclasse_de_valueerror():
    assert issubclass(ConfiguracaoInvalida, ValueError)


# ------------------------------------------------------------------------------ entradas ruins


@pytest.mark.parametrize("ruim", [None, 3.0, 2.5, "7", True, False, [7], 1 + 0j])
@pytest.mark.parametrize("campo", ["W", "F", "S", "P", "D"])
def test_tipos_ruins(campo, ruim):
    args = {"W": 7, "F": 3, "S": 1, "P": 0, "D": 1, campo: ruim}
    with pytest.raises(TypeError, match=f"{campo} deve ser um número inteiro"):
        tamanho_saida(**args)


@pytest.mark.parametrize(
    ("campo", "valor", "minimo"),
    [("W", 0, 1), ("W", -5, 1), ("F", 0, 1), ("S", 0, 1), ("S", -1, 1), ("P", -1, 0), ("D", 0, 1)],
)
def test_valores_fora_do_dominio(campo, valor, minimo):
    args = {"W": 7, "F": 3, "S": 1, "P": 0, "D": 1, campo: valor}
    with pytest.raises(ValueError, match=f"{campo} deve ser maior ou igual a {minimo}"):
        tamanho_saida(**args)


@pytest.mark.parametrize("modo", ["EXATO", "floor", "", None, 1])
def test_modo_desconhecido(modo):
    with pytest.raises(ValueError, match="arredondamento deve ser um de"):
        tamanho_saida(7, 3, arredondamento=modo)


@pytest.mark.parametrize("modo", ["exato", "piso", "teto"])
def test_filtro_maior_que_entrada(modo):
    with pytest.raises(ConfiguracaoInvalida, match="mais do que a entrada preenchida") as info:
        tamanho_saida(4, 7, arredondamento=modo)
    assert "P=2" in str(info.value)  # 4 + 2·2 = 8 ≥ 7
    with pytest.raises(ConfiguracaoInvalida, match="filtro dilatado"):
        tamanho_saida(5, 3, D=3, arredondamento=modo)  # ocupa 7 > 5


def test_teto_rejeita_preenchimento_que_o_pytorch_rejeita():
    with pytest.raises(ConfiguracaoInvalida, match="P ≤ 1"):
        tamanho_saida(10, 3, S=2, P=2, arredondamento="teto")
    with pytest.raises(RuntimeError):  # o PyTorch também rejeita
        nn.MaxPool2d(3, 2, padding=2, ceil_mode=True)(torch.zeros(1, 1, 10, 10))


def test_aceita_inteiros_numpy():
    import numpy as np

    assert tamanho_saida(np.int64(227), np.int32(11), np.int64(4)) == 55


# ------------------------------------------------------------------ testes de propriedade (PyTorch)

configuracao = st.fixed_dictionaries(
    {
        "W": st.integers(1, 40),
        "F": st.integers(1, 9),
        "S": st.integers(1, 6),
        "P": st.integers(0, 5),
        "D": st.integers(1, 4),
    }
)

_PROPRIEDADE = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _saida_pytorch(camada, W):
    with torch.no_grad():
        return camada(torch.zeros(1, 1, W, W)).shape[-1]


@_PROPRIEDADE
@given(configuracao)
def test_piso_igual_a_conv2d(c):
    camada = nn.Conv2d(1, 1, c["F"], stride=c["S"], padding=c["P"], dilation=c["D"], bias=False)
    try:
        esperado = _saida_pytorch(camada, c["W"])
    except RuntimeError:
        # o PyTorch recusa: o nosso também precisa recusar (nunca um número errado)
        with pytest.raises(ValueError):
            tamanho_saida(**c, arredondamento="piso")
        return
    assert tamanho_saida(**c, arredondamento="piso") == esperado


@_PROPRIEDADE
@given(configuracao, st.booleans())
def test_piso_e_teto_iguais_a_maxpool2d(c, teto):
    assume(c["P"] <= c["F"] // 2)  # restrição do próprio nn.MaxPool2d
    camada = nn.MaxPool2d(c["F"], stride=c["S"], padding=c["P"], dilation=c["D"], ceil_mode=teto)
    modo = "teto" if teto else "piso"
    try:
        esperado = _saida_pytorch(camada, c["W"])
    except RuntimeError:
        with pytest.raises(ValueError):
            tamanho_saida(**c, arredondamento=modo)
        return
    assert tamanho_saida(**c, arredondamento=modo) == esperado


@_PROPRIEDADE
@given(configuracao)
def test_exato_concorda_com_piso_quando_a_divisao_e_exata(c):
    numerador = c["W"] + 2 * c["P"] - c["D"] * (c["F"] - 1) - 1
    assume(numerador >= 0)
    if numerador % c["S"] == 0:
        assert tamanho_saida(**c) == tamanho_saida(**c, arredondamento="piso")
    else:
        with pytest.raises(ConfiguracaoInvalida) as info:
            tamanho_saida(**c)
        # as sugestões da mensagem são mesmo válidas
        sugestoes = str(info.value).split("mais próximo: ")[1].split(". (")[0].split(" ou ")
        for s in sugestoes:
            nome, valor = s.split("=")
            alterada = {**c, nome: int(valor)}
            assert tamanho_saida(**alterada) >= 1
        # … e são as mais próximas: nenhum P ≥ 0 (nem S ≥ 1) válido fica mais perto do pedido
        sugerido = dict(s.split("=") for s in sugestoes)

        def p_valido(p):
            n = c["W"] + 2 * p - c["D"] * (c["F"] - 1) - 1
            return n >= 0 and n % c["S"] == 0

        validos_p = [p for p in range(0, c["P"] + 2 * c["S"] + 1) if p_valido(p)]
        if validos_p:
            assert int(sugerido["P"]) == min(validos_p, key=lambda p: (abs(p - c["P"]), p))
            assert "Nenhum preenchimento simétrico" not in str(info.value)
        else:
            # nenhum P serve: a mensagem diz isso, e o total assimétrico que ela propõe fecha a conta
            assert "P" not in sugerido and "Nenhum preenchimento simétrico resolve" in str(info.value)
            total = int(str(info.value).split("por exemplo, ")[1].split(" ")[0])
            base = c["W"] - c["D"] * (c["F"] - 1) - 1
            assert (base + total) % c["S"] == 0 and base + total >= 0
        divisores = [s for s in range(1, numerador + 1) if numerador % s == 0]
        assert int(sugerido["S"]) == min(divisores, key=lambda s: (abs(s - c["S"]), s))


@settings(max_examples=500, deadline=None)
@given(configuracao)
def test_teto_nunca_menor_que_piso_nem_maior_que_piso_mais_um(c):
    assume(c["P"] <= c["F"] // 2 and c["W"] + 2 * c["P"] >= c["D"] * (c["F"] - 1) + 1)
    piso = tamanho_saida(**c, arredondamento="piso")
    assert piso <= tamanho_saida(**c, arredondamento="teto") <= piso + 1


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 64), st.sampled_from([1, 3, 5, 7, 9, 11]))
def test_preenchimento_mesmo_tamanho(W, F):
    # "same": P = (F − 1)/2 com S = 1 preserva o tamanho
    assume(W + 2 * ((F - 1) // 2) >= F)
    assert tamanho_saida(W, F, S=1, P=(F - 1) // 2) == W


# ------------------------------------------------------------------------------- parâmetros


def test_parametros_da_aula():
    assert parametros_conv(11, 3, 96) == 34_944  # (11·11·3 + 1)·96 ≈ 35K
    assert parametros_conv(3, 3, 64, vies=False) == 1_728  # VGG CONV3-64, sem vieses
    assert parametros_fc(7 * 7 * 512, 4096, vies=False) == 102_760_448


@pytest.mark.parametrize(("F", "C", "K", "grupos"), [(11, 3, 96, 1), (5, 96, 256, 2), (3, 4, 8, 4), ((3, 5), 6, 12, 3)])
def test_parametros_conv_iguais_ao_pytorch(F, C, K, grupos):
    camada = nn.Conv2d(C, K, F, groups=grupos)
    assert parametros_conv(F, C, K, grupos=grupos) == sum(p.numel() for p in camada.parameters())


def test_parametros_fc_igual_ao_pytorch():
    assert parametros_fc(120, 84) == sum(p.numel() for p in nn.Linear(120, 84).parameters())


def test_parametros_grupos_invalidos():
    with pytest.raises(ValueError, match="múltiplos de 2"):
        parametros_conv(3, 3, 96, grupos=2)
    with pytest.raises(ValueError, match="múltiplos de 4"):  # C serve, K não
        parametros_conv(3, 8, 6, grupos=4)
    with pytest.raises(TypeError):
        parametros_conv(3.0, 3, 4)
    with pytest.raises(ValueError, match="par"):
        parametros_conv((3, 3, 3), 3, 4)


def test_mesmo_resultado_que_a_formula_da_aula():
    # com D = 1, (W + 2P − D(F−1) − 1)/S + 1 é a fórmula da aula (W − F + 2P)/S + 1
    for W, F, S, P in [(227, 11, 4, 0), (32, 5, 1, 0), (224, 3, 1, 1), (13, 3, 2, 0)]:
        assert tamanho_saida(W, F, S, P) == math.floor((W - F + 2 * P) / S) + 1


def test_tamanho_camada_nomeia_a_camada():
    from redesconv import tamanho_camada

    assert tamanho_camada("CONV1", 227, 11, S=4) == 55
    with pytest.raises(ConfiguracaoInvalida, match=r"^Na camada POOL1: Configuração inválida \(W=54"):
        tamanho_camada("POOL1", 54, 3, S=2)
    with pytest.raises(TypeError):  # erros de tipo continuam sendo TypeError
        tamanho_camada("X", 5.0, 3)


def test_agrupamento_fala_de_janela_e_nao_sugere_outro_passo():
    # POOL 2×2/2 sobre um lado ímpar (a VGG com entrada 200): nenhum P simétrico fecha, e S=1
    # deixaria de reduzir o mapa — a mensagem propõe arredondar, como as redes fazem
    with pytest.raises(ConfiguracaoInvalida) as erro:
        tamanho_saida(25, 2, 2, agrupamento=True)
    texto = str(erro.value)
    assert "a janela não percorre" in texto and "filtro" not in texto
    assert "Valor válido mais próximo" not in texto  # nenhum P fecha, e nenhum passo é sugerido
    assert 'arredondamento="piso"' in texto and 'arredondamento="teto"' in texto
    assert "1 posição no total" in texto and "zero" not in texto  # o máximo preenche com −∞
    # com um P que fecha e que o nn.MaxPool2d aceita (P ≤ F/2), ele é sugerido; um P maior, não
    with pytest.raises(ConfiguracaoInvalida, match=r"Valor válido mais próximo: P=1\. No agrupamento"):
        tamanho_saida(7, 3, 3, agrupamento=True)
    with pytest.raises(ConfiguracaoInvalida, match=r"P=2, passa do limite .*\(P ≤ 1\)\. No agrupamento"):
        tamanho_saida(10, 2, 3, agrupamento=True)  # só P=2 fecharia, e a janela 2 aceita P ≤ 1
    # janela maior que a entrada, e o limite do PyTorch no modo teto
    with pytest.raises(ConfiguracaoInvalida, match="a janela ocupa 3 posições.*Use uma janela menor"):
        tamanho_saida(2, 3, 2, agrupamento=True)
    with pytest.raises(ConfiguracaoInvalida, match="metade da janela"):
        tamanho_saida(8, 2, 2, 2, arredondamento="teto", agrupamento=True)
    # a convolução continua falando de filtro e sugerindo o passo
    with pytest.raises(ConfiguracaoInvalida, match=r"o filtro não percorre.*próximo: S=1\. \(O PyTorch"):
        tamanho_saida(25, 2, 2)
    with pytest.raises(TypeError, match="agrupamento deve ser True ou False"):
        tamanho_saida(25, 2, 2, agrupamento="sim")


def test_tabela_nomeia_janela_no_agrupamento_e_filtro_na_convolucao():
    from redesconv.arquiteturas import rede_de_tabela

    with pytest.raises(ConfiguracaoInvalida, match=r"^Na camada POOL4: .*a janela não percorre"):
        rede_de_tabela([("CONV", 4, 3, 1, 1)] + [("POOL", 2, 2)] * 4 + [("FC", 2)], (1, 200, 200))
    with pytest.raises(ConfiguracaoInvalida, match=r"^Na camada CONV1: .*o filtro não percorre"):
        rede_de_tabela([("CONV", 4, 3, 2, 0), ("FC", 2)], (1, 200, 200))
