"""Redes como dados: uma lista de camadas na notação da aula vira um ``nn.Sequential``.

A aula escreve as redes como listas de camadas, e é assim que o curso as define, uma vez só
(:mod:`redesconv.redes`)::

    [("CONV", 96, 11, 4, 0),   # K filtros F×F, passo S, preenchimento P (+ ReLU)
     ("CONV", 256, 5, 1, 2, 2),  # o 6º número, opcional, é o de grupos (as duas GPUs da AlexNet)
     ("POOL", 3, 2),           # agrupamento por máximo F×F, passo S
     ("NORM",),                # normalização de resposta local (constantes da AlexNet)
     ("DROPOUT", 0.5),
     ("FC", 4096),             # totalmente conectada (+ ReLU, exceto a última)
     ...]

Os lados dos mapas são derivados com :func:`~redesconv.aritmetica.tamanho_camada` — uma
configuração que não fecha gera a mesma mensagem em português dos capítulos — e dimensionam
a primeira camada totalmente conectada. As camadas recebem os nomes da aula e dos artigos,
num de três estilos (``nomes``):

* ``"sequencial"`` (AlexNet): conv1…conv5, pool1…, norm1…, fc6, fc7, fc8 — as camadas com
  pesos numeradas em sequência;
* ``"blocos"`` (VGG): conv1_1, conv1_2, pool1, …, lrn1, fc6… — bloco e posição no bloco;
* ``"lenet"`` (LeNet-5): c1, s2, c3, s4, c5, f6, saida — toda camada conta; a primeira FC é
  a C5 do artigo (uma convolução 5×5 sobre um mapa 5×5, isto é, uma conexão completa).
"""

from __future__ import annotations

from collections import OrderedDict

from torch import nn

from .aritmetica import ConfiguracaoInvalida, parametros_conv, tamanho_camada

# tipo → como se escreve (o tamanho da tupla vem daqui; a CONV aceita também o número de grupos)
FORMAS = {
    "CONV": ("CONV", "K", "F", "S", "P"),
    "POOL": ("POOL", "F", "S"),
    "NORM": ("NORM",),
    "DROPOUT": ("DROPOUT", "p"),
    "FC": ("FC", "neurônios"),
}
ESTILOS_DE_NOMES = ("sequencial", "blocos", "lenet")

# Constantes da LRN no artigo da AlexNet: k = 2, n = 5, α = 10⁻⁴, β = 0,75. O PyTorch divide
# α por n (usa a média dos quadrados, o artigo a soma): para a mesma conta, alpha = n·α.
LRN_N, LRN_ALFA, LRN_BETA, LRN_K = 5, 1e-4, 0.75, 2.0


def norma_local() -> nn.LocalResponseNorm:
    """A normalização de resposta local com as constantes do artigo da AlexNet."""
    return nn.LocalResponseNorm(size=LRN_N, alpha=LRN_N * LRN_ALFA, beta=LRN_BETA, k=LRN_K)


def _conferir(item, posicao: int) -> tuple:
    if not isinstance(item, tuple | list) or not item or item[0] not in FORMAS:
        raise ConfiguracaoInvalida(
            f"Item {posicao} da tabela ({item!r}) não é uma camada conhecida. Use tuplas que começam "
            f"com um destes tipos: {', '.join(FORMAS)} — por exemplo ('CONV', 96, 11, 4, 0)."
        )
    forma = FORMAS[item[0]]
    if len(item) != len(forma) and not (item[0] == "CONV" and len(item) == len(forma) + 1):
        exemplo = "(" + ", ".join([repr(forma[0]), *forma[1:]]) + ("," if len(forma) == 1 else "") + ")"
        raise ConfiguracaoInvalida(f"Item {posicao} da tabela ({item!r}): uma camada {item[0]} se escreve {exemplo}.")
    return tuple(item)


def _nomear(itens: list[tuple], nomes: str) -> list[str]:
    """O nome de cada item da tabela no estilo ``nomes`` (veja o início do módulo)."""
    if nomes not in ESTILOS_DE_NOMES:
        raise ConfiguracaoInvalida(f"nomes deve ser um de {ESTILOS_DE_NOMES}, mas recebeu {nomes!r}.")
    ultima_fc = max(i for i, item in enumerate(itens) if item[0] == "FC")
    # O dropout leva o número da FC a que se prende: a anterior (como no artigo da AlexNet) ou,
    # se a parte totalmente conectada começa por um dropout (como no torchvision), a seguinte.
    parte_fc = [item[0] for item in itens if item[0] in {"FC", "DROPOUT"}]
    antes = parte_fc[0] == "DROPOUT"
    resultado, conta = [], {"POOL": 0, "NORM": 0, "camada": 0}
    bloco, no_bloco, fcs, pesos = 1, 0, 0, 0  # pesos: camadas com pesos (CONV e FC) até aqui
    for i, (tipo, *_) in enumerate(itens):
        if nomes == "lenet":
            if tipo in {"CONV", "POOL", "FC"}:
                conta["camada"] += 1
            n = conta["camada"]
            if tipo == "FC":
                fcs += 1
            prefixo = {"CONV": "c", "POOL": "s", "NORM": "norm", "DROPOUT": "drop"}.get(tipo)
            if tipo == "FC":
                prefixo = "c" if fcs == 1 else "f"  # C5 do artigo é a primeira conexão completa
            resultado.append("saida" if i == ultima_fc else f"{prefixo}{n}")
            continue
        if nomes == "blocos":
            if tipo == "CONV":
                no_bloco += 1
                resultado.append(f"conv{bloco}_{no_bloco}")
            elif tipo == "POOL":
                resultado.append(f"pool{bloco}")
                bloco, no_bloco = bloco + 1, 0
            elif tipo == "NORM":
                resultado.append(f"lrn{bloco}")
            elif tipo == "FC":
                fcs += 1
                resultado.append(f"fc{bloco - 1 + fcs}")  # depois de 5 blocos, fc6, fc7, fc8
            else:
                resultado.append(f"drop{bloco - 1 + fcs + (1 if antes or fcs == 0 else 0)}")
            continue
        # sequencial: as camadas com pesos numeradas em sequência
        if tipo in {"CONV", "FC"}:
            pesos += 1
            fcs += tipo == "FC"
            resultado.append(f"{tipo.lower()}{pesos}")
        elif tipo in {"POOL", "NORM"}:
            conta[tipo] += 1
            resultado.append(f"{tipo.lower()}{conta[tipo]}")
        else:
            resultado.append(f"drop{pesos + (1 if antes or fcs == 0 else 0)}")
    vistos: dict[str, int] = {}
    for i, nome in enumerate(resultado):  # nomes repetidos (dois dropouts seguidos) ganham sufixo
        vistos[nome] = vistos.get(nome, 0) + 1
        if vistos[nome] > 1:
            resultado[i] = f"{nome}_{vistos[nome]}"
    return resultado


def _ler_tabela(tabela, nomes: str) -> tuple[list[tuple], list[str]]:
    itens = [_conferir(item, i) for i, item in enumerate(tabela, start=1)]
    if not any(item[0] == "FC" for item in itens):
        raise ConfiguracaoInvalida("A tabela precisa terminar com ao menos uma camada FC (a de classificação).")
    achatado = False
    for i, item in enumerate(itens, start=1):
        if item[0] in {"CONV", "POOL", "NORM"} and achatado:
            raise ConfiguracaoInvalida(
                f"Item {i} da tabela: uma camada {item[0]} não pode vir depois de uma FC ou de um DROPOUT "
                "nesta notação (o volume já foi achatado num vetor)."
            )
        achatado = achatado or item[0] in {"FC", "DROPOUT"}
    return itens, _nomear(itens, nomes)


def nomes_das_camadas(tabela, nomes: str = "sequencial") -> list[str]:
    """O nome de cada item da tabela (sem ReLU nem achatamento) no estilo ``nomes``."""
    return _ler_tabela(tabela, nomes)[1]


def lados(tabela, W: int, arredondamento: str = "exato", nomes: str = "sequencial") -> list[int]:
    """Lado do mapa na entrada e depois de cada CONV e cada POOL, pela fórmula (W − F + 2P)/S + 1.

    Uma camada que não fecha gera a mensagem de :func:`~redesconv.aritmetica.tamanho_camada`
    com o nome da camada (CONV1, POOL3, …).
    """
    itens, rotulos = _ler_tabela(tabela, nomes)
    resultado = [W]
    for item, rotulo in zip(itens, rotulos, strict=True):
        if item[0] == "CONV":
            F, S, P = item[2:5]
            resultado.append(tamanho_camada(rotulo.upper(), resultado[-1], F, S, P, arredondamento=arredondamento))
        elif item[0] == "POOL":
            F, S = item[1:3]
            resultado.append(
                tamanho_camada(rotulo.upper(), resultado[-1], F, S, arredondamento=arredondamento, agrupamento=True)
            )
    return resultado


def rede_de_tabela(
    tabela, forma_entrada: tuple[int, int, int], arredondamento: str = "exato", nomes: str = "sequencial"
) -> nn.Sequential:
    """Constrói a rede descrita por ``tabela`` para entradas ``forma_entrada`` = (C, H, W).

    Cada CONV e cada FC, menos a última, é seguida de ReLU (in-place). As camadas recebem os
    nomes da aula no estilo ``nomes`` (veja o início do módulo). A entrada precisa ser quadrada
    (H = W), como em todas as redes do curso.
    """
    canais, altura, largura = forma_entrada
    if altura != largura:
        raise ConfiguracaoInvalida(f"A entrada precisa ser quadrada, mas recebeu {altura}×{largura}.")
    itens, rotulos = _ler_tabela(tabela, nomes)
    lados_da_rede = lados(itens, altura, arredondamento, nomes)  # a entrada e cada CONV e POOL
    lado = lados_da_rede[-1]  # o lado antes da primeira FC
    ultima_fc = max(i for i, item in enumerate(itens) if item[0] == "FC")
    camadas, entradas_fc, j = [], None, 0  # j: a posição em lados_da_rede da entrada da camada
    for i, (item, nome) in enumerate(zip(itens, rotulos, strict=True)):
        tipo = item[0]
        numero = nome.removeprefix("conv").removeprefix("fc").removeprefix("c").removeprefix("f")
        if tipo == "CONV":
            K, F, S, P, *grupos = item[1:]
            try:  # C e K precisam ser múltiplos de grupos: a mesma mensagem da contagem de parâmetros
                parametros_conv(F, canais, K, grupos=grupos[0] if grupos else 1)
            except ValueError as erro:
                raise ConfiguracaoInvalida(f"Na camada {nome.upper()}: {erro}") from None
            # no modo teto (o do cuda-convnet), a última janela passa da borda e lê zeros; o
            # nn.Conv2d arredonda para baixo, então esses zeros entram como preenchimento à direita
            # e embaixo — só quando os dois arredondamentos diferem
            alem = (lados_da_rede[j + 1] - 1) * S + F - (lados_da_rede[j] + 2 * P)
            if alem > 0:
                camadas.append((f"borda{numero}", nn.ZeroPad2d((0, alem, 0, alem))))
            conv = nn.Conv2d(canais, K, F, S, P, groups=grupos[0] if grupos else 1)
            camadas += [(nome, conv), (f"relu{numero}", nn.ReLU(inplace=True))]
            canais, j = K, j + 1
        elif tipo == "POOL":
            # ceil_mode: o nn.MaxPool2d arredonda para cima como tamanho_saida(..., "teto")
            camadas.append((nome, nn.MaxPool2d(item[1], item[2], ceil_mode=arredondamento == "teto")))
            j += 1
        elif tipo == "NORM":
            camadas.append((nome, norma_local()))
        else:  # DROPOUT ou FC: a parte totalmente conectada começa aqui
            if entradas_fc is None:  # achata o volume lado × lado × canais num vetor
                camadas.append(("achatar", nn.Flatten()))
                entradas_fc = canais * lado * lado
            if tipo == "DROPOUT":
                camadas.append((nome, nn.Dropout(item[1])))
                continue
            camadas.append((nome, nn.Linear(entradas_fc, item[1])))
            if i != ultima_fc:
                camadas.append((f"relu{numero}", nn.ReLU(inplace=True)))
            entradas_fc = item[1]
    return nn.Sequential(OrderedDict(camadas))


def camadas_com_pesos(tabela) -> int:
    """Quantas camadas com pesos (CONV e FC) a tabela tem — a "profundidade" dos artigos."""
    return sum(_conferir(item, i)[0] in {"CONV", "FC"} for i, item in enumerate(tabela, start=1))


def campo_receptivo(tabela) -> int:
    """Lado do campo receptivo de um neurônio da última camada antes das FC, na entrada."""
    campo, salto = 1, 1  # salto: distância, na entrada, entre duas posições vizinhas do mapa
    for i, item in enumerate(tabela, start=1):
        item = _conferir(item, i)
        if item[0] in {"CONV", "POOL"}:
            F, S = (item[2], item[3]) if item[0] == "CONV" else (item[1], item[2])
            campo += (F - 1) * salto
            salto *= S
    return campo
