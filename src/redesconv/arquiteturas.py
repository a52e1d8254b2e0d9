"""Redes como dados: uma lista de camadas na notação da aula vira um ``nn.Sequential``.

Cada capítulo constrói a sua rede camada a camada — é a lição dele. O capítulo de comparação
precisa das três lado a lado e as escreve como tabelas, como a aula as escreve::

    [("CONV", 96, 11, 4, 0),   # K filtros F×F, passo S, preenchimento P (+ ReLU)
     ("POOL", 3, 2),           # agrupamento por máximo F×F, passo S
     ("NORM",),                # normalização de resposta local (constantes da AlexNet)
     ("DROPOUT", 0.5),
     ("FC", 4096),             # totalmente conectada (+ ReLU, exceto a última)
     ...]

Os lados dos mapas são derivados com :func:`~redesconv.aritmetica.tamanho_camada` — uma
configuração que não fecha gera a mesma mensagem em português dos capítulos — e dimensionam
a primeira camada totalmente conectada.
"""

from __future__ import annotations

from collections import OrderedDict

from torch import nn

from .aritmetica import ConfiguracaoInvalida, tamanho_camada

# tipo → como se escreve (o tamanho da tupla vem daqui)
FORMAS = {
    "CONV": ("CONV", "K", "F", "S", "P"),
    "POOL": ("POOL", "F", "S"),
    "NORM": ("NORM",),
    "DROPOUT": ("DROPOUT", "p"),
    "FC": ("FC", "neurônios"),
}


def _conferir(item, posicao: int) -> tuple:
    if not isinstance(item, tuple | list) or not item or item[0] not in FORMAS:
        raise ConfiguracaoInvalida(
            f"Item {posicao} da tabela ({item!r}) não é uma camada conhecida. Use tuplas que começam "
            f"com um destes tipos: {', '.join(FORMAS)} — por exemplo ('CONV', 96, 11, 4, 0)."
        )
    forma = FORMAS[item[0]]
    if len(item) != len(forma):
        exemplo = "(" + ", ".join([repr(forma[0]), *forma[1:]]) + ("," if len(forma) == 1 else "") + ")"
        raise ConfiguracaoInvalida(f"Item {posicao} da tabela ({item!r}): uma camada {item[0]} se escreve {exemplo}.")
    return tuple(item)


def rede_de_tabela(tabela, forma_entrada: tuple[int, int, int], arredondamento: str = "exato") -> nn.Sequential:
    """Constrói a rede descrita por ``tabela`` para entradas ``forma_entrada`` = (C, H, W).

    As camadas com pesos são numeradas em sequência (conv1, conv2, …, fc6, fc7, …), como na
    aula; cada CONV e cada FC, menos a última, é seguida de ReLU. A entrada precisa ser
    quadrada (H = W), como em todas as redes do curso.
    """
    canais, altura, largura = forma_entrada
    if altura != largura:
        raise ConfiguracaoInvalida(f"A entrada precisa ser quadrada, mas recebeu {altura}×{largura}.")
    itens = [_conferir(item, i) for i, item in enumerate(tabela, start=1)]
    ultima_fc = max((i for i, item in enumerate(itens) if item[0] == "FC"), default=None)
    if ultima_fc is None:
        raise ConfiguracaoInvalida("A tabela precisa terminar com ao menos uma camada FC (a de classificação).")
    camadas, lado, entradas_fc = [], altura, None
    pesos = agrupamentos = normas = quedas = 0  # contadores para os nomes
    for i, item in enumerate(itens):
        tipo = item[0]
        if tipo in {"CONV", "POOL", "NORM"} and entradas_fc is not None:
            raise ConfiguracaoInvalida(
                f"Item {i + 1} da tabela: uma camada {tipo} não pode vir depois de uma FC ou de um DROPOUT "
                "nesta notação (o volume já foi achatado num vetor)."
            )
        if tipo == "CONV":
            _, K, F, S, P = item
            pesos += 1
            lado = tamanho_camada(f"CONV{pesos}", lado, F, S, P, arredondamento=arredondamento)
            camadas += [(f"conv{pesos}", nn.Conv2d(canais, K, F, S, P)), (f"relu{pesos}", nn.ReLU(inplace=True))]
            canais = K
        elif tipo == "POOL":
            _, F, S = item
            agrupamentos += 1
            lado = tamanho_camada(f"POOL{agrupamentos}", lado, F, S, arredondamento=arredondamento)
            camadas.append((f"pool{agrupamentos}", nn.MaxPool2d(F, S)))
        elif tipo == "NORM":  # constantes do artigo da AlexNet (alpha do PyTorch = n·α)
            normas += 1
            camadas.append((f"norm{normas}", nn.LocalResponseNorm(size=5, alpha=5 * 1e-4, beta=0.75, k=2.0)))
        else:  # DROPOUT ou FC: a parte totalmente conectada começa aqui
            if entradas_fc is None:  # achata o volume lado × lado × canais num vetor
                camadas.append(("achatar", nn.Flatten()))
                entradas_fc = canais * lado * lado
            if tipo == "DROPOUT":
                quedas += 1
                camadas.append((f"drop{quedas}", nn.Dropout(item[1])))
                continue
            pesos += 1
            camadas.append((f"fc{pesos}", nn.Linear(entradas_fc, item[1])))
            if i != ultima_fc:
                camadas.append((f"relu{pesos}", nn.ReLU(inplace=True)))
            entradas_fc = item[1]
    return nn.Sequential(OrderedDict(camadas))


def camadas_com_pesos(tabela) -> int:
    """Quantas camadas com pesos (CONV e FC) a tabela tem — a "profundidade" dos artigos."""
    return sum(_conferir(item, i)[0] in {"CONV", "FC"} for i, item in enumerate(tabela, start=1))
