"""Redes como tabelas (redesconv.arquiteturas) e as tabelas do capítulo de comparação.

As tabelas do capítulo 5 precisam construir **as mesmas redes** dos capítulos 2 a 4: os mesmos
pesos, na mesma ordem, e a mesma saída para a mesma entrada.
"""

import sys
from pathlib import Path

import pytest
import torch
from torch import nn

from redesconv import ConfiguracaoInvalida, resumo_camadas
from redesconv.arquiteturas import camadas_com_pesos, rede_de_tabela

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ / "bench"))
from comum import carregar_definicoes, copiar_pesos  # noqa: E402

LENET = [
    ("CONV", 6, 5, 1, 0),
    ("POOL", 2, 2),
    ("CONV", 16, 5, 1, 0),
    ("POOL", 2, 2),
    ("FC", 120),
    ("FC", 84),
    ("FC", 10),
]


def test_lenet_de_tabela_tem_camadas_nomeadas_e_lados_da_formula():
    rede = rede_de_tabela(LENET, (1, 32, 32))
    nomes = [n for n, _ in rede.named_children()]
    assert nomes == [
        "conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "achatar",
        "fc3", "relu3", "fc4", "relu4", "fc5",
    ]  # fmt: skip
    assert rede.fc3.in_features == 16 * 5 * 5  # 32 → 28 → 14 → 10 → 5
    assert rede(torch.zeros(2, 1, 32, 32)).shape == (2, 10)
    assert camadas_com_pesos(LENET) == 5
    assert resumo_camadas(rede, (1, 32, 32)).total_parametros == 61_706


@pytest.mark.parametrize(
    ("tabela", "forma", "trecho"),
    [
        ([("CONV", 96, 11, 4, 1), ("FC", 10)], (3, 227, 227), "CONV1"),  # 55,5: não fecha
        ([("CONV", 6, 5), ("FC", 10)], (1, 32, 32), "('CONV', K, F, S, P)"),
        ([("CONVOLUCAO", 6, 5, 1, 0), ("FC", 10)], (1, 32, 32), "não é uma camada conhecida"),
        ([("CONV", 6, 5, 1, 0)], (1, 32, 32), "ao menos uma camada FC"),
        ([("FC", 10), ("CONV", 6, 5, 1, 0)], (1, 32, 32), "CONV não pode vir depois de uma FC"),
        ([("CONV", 6, 5, 1, 0), ("DROPOUT", 0.5), ("POOL", 2, 2), ("FC", 10)], (1, 32, 32), "Item 3"),
        ([("FC", 10)], (1, 32, 28), "quadrada"),
        ([("POOL", 2, 2), ("FC", 10)], (1, 7, 7), "POOL1"),
    ],
)
def test_tabela_invalida_gera_mensagem_em_portugues(tabela, forma, trecho):
    with pytest.raises(ConfiguracaoInvalida) as erro:
        rede_de_tabela(tabela, forma)
    assert trecho in str(erro.value)


def test_arredondamento_piso_aceita_agrupamento_que_nao_fecha():
    rede = rede_de_tabela([("CONV", 4, 3, 1, 1), ("POOL", 3, 2), ("FC", 10)], (1, 32, 32), arredondamento="piso")
    assert rede.fc2.in_features == 4 * 15 * 15  # (32 − 3)/2 + 1 = 15,5 → 15, como o PyTorch


@pytest.fixture(scope="module")
def capitulos():
    ctx = {"dispositivo": "cpu"}
    return {
        "05": carregar_definicoes("notebooks/05-lenet-alexnet-vgg.ipynb", ctx),
        "02": carregar_definicoes("notebooks/02-lenet.ipynb", ctx),
        "03": carregar_definicoes("notebooks/03-alexnet.ipynb", ctx),
        "04": carregar_definicoes("notebooks/04-vgg.ipynb", ctx),
    }


def _mesma_rede(da_tabela: nn.Module, do_capitulo: nn.Module, forma: tuple) -> None:
    """As mesmas camadas na mesma ordem, com os mesmos hiperparâmetros (comparados exatamente, pelo
    repr de cada módulo: α, n, β e k da LRN, p do dropout, ReLU in-place, filtro/passo/grupos…),
    os mesmos pesos e a mesma saída."""
    camadas = [repr(m) for m in da_tabela.children()]
    assert camadas == [repr(m) for m in do_capitulo.children()]
    copiar_pesos(do_capitulo, da_tabela)  # ValueError se alguma forma diferir
    x = torch.randn(2, *forma, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        torch.testing.assert_close(da_tabela.eval()(x), do_capitulo.eval()(x))


def test_tabelas_do_capitulo_5_constroem_as_redes_dos_capitulos(capitulos):
    c5 = capitulos["05"]
    redes = c5["REDES"]
    _mesma_rede(rede_de_tabela(*redes["LeNet"][:2]), capitulos["02"]["lenet_moderna"](P=0, entrada=32), (1, 32, 32))
    _mesma_rede(rede_de_tabela(*redes["AlexNet"][:2]), capitulos["03"]["alexnet"](), (3, 227, 227))
    vgg = capitulos["04"]
    _mesma_rede(rede_de_tabela(*redes["VGG-16"][:2]), vgg["vgg"](vgg["CONFIGURACOES"]["D"]), (3, 224, 224))


def test_versoes_encolhidas_do_capitulo_5_sao_as_dos_capitulos(capitulos):
    c5 = capitulos["05"]
    tabela, arred = c5["FASHION"]["AlexNet"]
    alexnet_fashion = capitulos["03"]["alexnet"](
        larguras=(16, 32, 48, 48, 32), F1=5, S1=1, P1=2, entrada=32, canais=1, fc=256, classes=10,
        arredondamento="piso",
    )  # fmt: skip
    _mesma_rede(rede_de_tabela(tabela, (1, 32, 32), arred), alexnet_fashion, (1, 32, 32))
    tabela, arred = c5["FASHION"]["VGG A"]
    _mesma_rede(rede_de_tabela(tabela, (1, 32, 32), arred), capitulos["04"]["vgg_fashion"](), (1, 32, 32))
    assert c5["FASHION"]["LeNet"][0] is c5["LENET"]


@pytest.mark.parametrize(
    "trocar",
    [
        lambda r: setattr(r.norm1, "alpha", 1e-4),  # α do PyTorch sem o fator n
        lambda r: setattr(r.norm1, "size", 3),
        lambda r: setattr(r.drop1, "p", 0.0),
        lambda r: setattr(r.relu1, "inplace", False),
    ],
)
def test_equivalencia_acusa_hiperparametro_diferente(capitulos, trocar):
    """Uma diferença que a saída quase não mostra (α da LRN, tamanho, p do dropout, in-place) é acusada."""
    da_tabela = rede_de_tabela(*capitulos["05"]["REDES"]["AlexNet"][:2])
    trocar(da_tabela)
    with pytest.raises(AssertionError):
        _mesma_rede(da_tabela, capitulos["03"]["alexnet"](), (3, 227, 227))
