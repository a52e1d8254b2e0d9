"""As redes do curso, definidas uma vez só, na notação da aula (CONV, POOL, NORM, FC, DROPOUT).

Cada função monta a tabela de camadas como a aula a escreve e a entrega a
:func:`~redesconv.arquiteturas.rede_de_tabela`, que deriva os lados pela fórmula e dá às camadas
os nomes da aula. Os capítulos 3 a 5 e os benchmarks constroem a partir daqui tudo o que
treinam e medem; o capítulo 2 monta a LeNet moderna à mão, como lição, e confere que é esta.
"""

from __future__ import annotations

from .arquiteturas import rede_de_tabela

__all__ = [
    "ALEXNET_TORCHVISION",
    "CONFIGURACOES_VGG",
    "alexnet",
    "alexnet_fashion",
    "bloco_vgg",
    "lenet_moderna",
    "tabela_alexnet",
    "tabela_lenet",
    "tabela_vgg",
    "vgg",
    "vgg_fashion",
]


# ----------------------------------------------------------------------------- LeNet-5
def tabela_lenet(F=5, S=1, P=2, F_agr=2, S_agr=2) -> list[tuple]:
    """LeNet moderna: C1 (6 filtros), S2, C3 (16), S4, C5 (120), F6 (84), saída (10).

    P=2 para as imagens 28×28 do (Fashion-)MNIST; P=0 para a entrada 32×32 do artigo. Só C1
    tem preenchimento; os agrupamentos são por máximo.
    """
    return [
        ("CONV", 6, F, S, P), ("POOL", F_agr, S_agr),
        ("CONV", 16, F, S, 0), ("POOL", F_agr, S_agr),
        ("FC", 120), ("FC", 84), ("FC", 10),
    ]  # fmt: skip


def lenet_moderna(F=5, S=1, P=2, F_agr=2, S_agr=2, entrada=28):
    """LeNet moderna (ReLU, agrupamento por máximo, C3 completa) para entradas entrada×entrada×1."""
    return rede_de_tabela(tabela_lenet(F, S, P, F_agr, S_agr), (1, entrada, entrada), nomes="lenet")


# ----------------------------------------------------------------------------- AlexNet
def tabela_alexnet(
    larguras=(96, 256, 384, 384, 256),
    F1=11, S1=4, P1=0,
    grupos=1,
    lrn=True,
    fc=4096, classes=1000,
    dropout=0.5,
    dropout_antes_das_fc=False,
) -> list[tuple]:  # fmt: skip
    """AlexNet como na aula: CONV1–CONV5, três POOL 3×3/2, NORM depois de POOL1 e POOL2, FC6–FC8.

    ``grupos=2`` reproduz as duas GPUs do artigo (CONV2, CONV4 e CONV5 só veem a própria
    metade; CONV3 e as FC veem as duas). O dropout fica, como no artigo, nas saídas de FC6 e
    FC7; ``dropout_antes_das_fc=True`` o põe nas entradas, como a alexnet do torchvision.
    """
    k1, k2, k3, k4, k5 = larguras
    g = (grupos,) if grupos != 1 else ()
    norm = [("NORM",)] if lrn else []
    queda = [("DROPOUT", dropout)]
    fc6, fc7 = (queda + [("FC", fc)], queda + [("FC", fc)]) if dropout_antes_das_fc else ([("FC", fc)] + queda,) * 2
    return [
        ("CONV", k1, F1, S1, P1), ("POOL", 3, 2), *norm,
        ("CONV", k2, 5, 1, 2, *g), ("POOL", 3, 2), *norm,
        ("CONV", k3, 3, 1, 1), ("CONV", k4, 3, 1, 1, *g), ("CONV", k5, 3, 1, 1, *g), ("POOL", 3, 2),
        *fc6, *fc7, ("FC", classes),
    ]  # fmt: skip


def alexnet(entrada=227, canais=3, arredondamento="exato", **hiperparametros):
    """A AlexNet de :func:`tabela_alexnet` para entradas entrada×entrada×canais."""
    tabela = tabela_alexnet(**hiperparametros)
    return rede_de_tabela(tabela, (canais, entrada, entrada), arredondamento, nomes="sequencial")


# as larguras e o preenchimento da alexnet do torchvision, sem LRN, com entrada 224
ALEXNET_TORCHVISION = {
    "larguras": (64, 192, 384, 256, 256),
    "P1": 2,
    "lrn": False,
    "entrada": 224,
    "arredondamento": "piso",
    "dropout_antes_das_fc": True,
}


def alexnet_fashion(entrada=28, lrn=True, dropout=0.5):
    """AlexNet encolhida para o Fashion-MNIST: larguras 16-32-48-48-32, primeiro filtro 5×5 com
    passo 1, FC de 256. Os agrupamentos 3×3/2 não fecham em 28 nem em 32: arredondamento piso."""
    return alexnet(
        larguras=(16, 32, 48, 48, 32), F1=5, S1=1, P1=2, lrn=lrn, entrada=entrada, canais=1, fc=256, classes=10,
        arredondamento="piso", dropout=dropout,
    )  # fmt: skip


# ----------------------------------------------------------------------------- VGG
_BLOCOS = {  # os cinco blocos de cada configuração, como as colunas da Tabela 1 do artigo
    "A": [["conv3-64"], ["conv3-128"], ["conv3-256"] * 2, ["conv3-512"] * 2, ["conv3-512"] * 2],
    "A-LRN": [["conv3-64", "LRN"], ["conv3-128"], ["conv3-256"] * 2, ["conv3-512"] * 2, ["conv3-512"] * 2],
    "B": [["conv3-64"] * 2, ["conv3-128"] * 2, ["conv3-256"] * 2, ["conv3-512"] * 2, ["conv3-512"] * 2],
    "C": [
        ["conv3-64"] * 2,
        ["conv3-128"] * 2,
        ["conv3-256", "conv3-256", "conv1-256"],
        ["conv3-512", "conv3-512", "conv1-512"],
        ["conv3-512", "conv3-512", "conv1-512"],
    ],
    "D": [["conv3-64"] * 2, ["conv3-128"] * 2, ["conv3-256"] * 3, ["conv3-512"] * 3, ["conv3-512"] * 3],
    "E": [["conv3-64"] * 2, ["conv3-128"] * 2, ["conv3-256"] * 4, ["conv3-512"] * 4, ["conv3-512"] * 4],
}
# Tabela 1 do artigo, coluna a coluna: cada bloco termina num "maxpool".
CONFIGURACOES_VGG = {nome: [c for b in blocos for c in [*b, "maxpool"]] for nome, blocos in _BLOCOS.items()}


def bloco_vgg(K, n, F=3):
    """n camadas CONV F×F com K filtros (passo 1, preenchimento que preserva o lado) e um POOL 2×2/2."""
    return [("CONV", K, F, 1, (F - 1) // 2)] * n + [("POOL", 2, 2)]


def tabela_vgg(configuracao="D", fc=4096, classes=1000, dropout=0.5, escala=1) -> list[tuple]:
    """A coluna ``configuracao`` da Tabela 1 ("A"…"E", ou uma lista como 'conv3-64', 'LRN',
    'maxpool', …) na notação da aula, seguida de FC6–FC8. ``escala`` divide o número de filtros."""
    itens = CONFIGURACOES_VGG[configuracao] if isinstance(configuracao, str) else configuracao
    tabela = []
    for item in itens:
        if item == "maxpool":
            tabela.append(("POOL", 2, 2))
        elif item == "LRN":
            tabela.append(("NORM",))
        else:  # "conv<F>-<K>"
            F, K = (int(v) for v in item.removeprefix("conv").split("-"))
            tabela += bloco_vgg(K // escala, 1, F)[:1]
    return tabela + [("FC", fc), ("DROPOUT", dropout), ("FC", fc), ("DROPOUT", dropout), ("FC", classes)]


def vgg(configuracao="D", entrada=224, canais=3, arredondamento="exato", **hiperparametros):
    """A VGG de :func:`tabela_vgg` para entradas entrada×entrada×canais (camadas conv1_1…, fc6…)."""
    tabela = tabela_vgg(configuracao, **hiperparametros)
    return rede_de_tabela(tabela, (canais, entrada, entrada), arredondamento, nomes="blocos")


def vgg_fashion():
    """Configuração A com 1/8 dos filtros e FC de 128, para o Fashion-MNIST preenchido a 32×32."""
    return vgg("A", entrada=32, canais=1, fc=128, classes=10, escala=8)
