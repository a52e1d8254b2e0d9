"""Aritmética da convolução: tamanho de saída e número de parâmetros.

A fórmula central do curso, para uma dimensão de entrada W, filtro F, passo S,
preenchimento P (de cada lado) e dilatação D:

    (W + 2P − D·(F − 1) − 1) / S + 1

Com D = 1 ela é a fórmula da aula, (W − F + 2P)/S + 1.

Três modos de arredondamento:

* ``"exato"`` — a regra das notas do CS231n: a divisão precisa ser exata, senão a
  configuração é inválida (o filtro não "encaixa" um número inteiro de vezes);
* ``"piso"`` — o que ``nn.Conv2d`` e ``nn.MaxPool2d`` calculam (arredonda para baixo
  e descarta o que sobra na borda);
* ``"teto"`` — o que ``nn.MaxPool2d(ceil_mode=True)`` calcula (arredonda para cima,
  desde que a última janela comece dentro da entrada ou do preenchimento da esquerda);
  sem preenchimento, é também a regra da convolução do cuda-convnet, o código da AlexNet
  (``1 + ceil((2·P + W − F)/S)``: a última janela passa da borda e lê zeros).

No modo ``"exato"``, a mensagem de erro diz quantos elementos sobram na borda e sugere o
preenchimento ou o passo válido mais próximo; quando nenhum preenchimento simétrico serve
(S par e W − D·(F − 1) − 1 ímpar), ela o diz antes de sugerir outro passo.

Com ``agrupamento=True``, ``F`` é a janela de um agrupamento (que não tem pesos: "filtro", no
curso, são só os pesos de uma convolução). A mensagem diz "janela" e não sugere outro passo —
S = 1 numa janela 2×2 deixaria de reduzir o mapa, que é o papel do agrupamento —, mas as duas
saídas que as redes usam de fato: arredondar para baixo ou para cima.

Toda entrada inválida gera ``TypeError`` ou ``ValueError`` com mensagem em português,
nunca um número errado.
"""

from __future__ import annotations

import numbers

from .formatacao import plural_br

__all__ = [
    "MODOS_ARREDONDAMENTO",
    "ConfiguracaoInvalida",
    "tamanho_saida",
    "tamanho_camada",
    "parametros_conv",
    "parametros_fc",
]

MODOS_ARREDONDAMENTO = ("exato", "piso", "teto")


class ConfiguracaoInvalida(ValueError):
    """Configuração cujo tamanho de saída não existe (subclasse de ``ValueError``)."""


def _inteiro(nome: str, valor, minimo: int) -> int:
    """Confere que ``valor`` é um inteiro (não bool) maior ou igual a ``minimo``."""
    if isinstance(valor, bool) or not isinstance(valor, numbers.Integral):
        tipo = "None" if valor is None else type(valor).__name__
        raise TypeError(
            f"{nome} deve ser um número inteiro, mas recebeu {valor!r} (tipo {tipo}). "
            f"Use um inteiro, por exemplo {nome}={max(minimo, 1)}."
        )
    valor = int(valor)
    if valor < minimo:
        raise ValueError(f"{nome} deve ser maior ou igual a {minimo}, mas recebeu {nome}={valor}.")
    return valor


def _descricao(W: int, F: int, S: int, P: int, D: int) -> str:
    texto = f"W={W}, F={F}, S={S}, P={P}"
    return texto + (f", D={D}" if D != 1 else "")


def _p_valido_mais_proximo(W: int, F: int, S: int, P: int, D: int) -> int | None:
    """Menor |P' − P| (P' ≥ 0) que torna a divisão exata; ``None`` se nenhum P serve."""
    candidatos = [
        p
        for p in range(max(0, P - S), P + S + 1)
        if W + 2 * p - D * (F - 1) - 1 >= 0 and (W + 2 * p - D * (F - 1) - 1) % S == 0
    ]
    return min(candidatos, key=lambda p: (abs(p - P), p)) if candidatos else None


def _s_valido_mais_proximo(numerador: int, S: int) -> int:
    """Passo S' mais próximo de S que divide o numerador (S' = 1 sempre serve)."""
    divisores = [s for s in range(1, max(numerador, 1) + 1) if numerador % s == 0]
    return min(divisores, key=lambda s: (abs(s - S), s))


def tamanho_saida(W, F, S=1, P=0, D=1, arredondamento="exato", *, agrupamento=False) -> int:
    """Tamanho de saída, numa dimensão, de uma convolução ou de um agrupamento.

    Parâmetros
    ----------
    W : tamanho da entrada (largura ou altura), ≥ 1
    F : tamanho do filtro, ≥ 1
    S : passo, ≥ 1
    P : preenchimento com zeros de cada lado, ≥ 0
    D : dilatação, ≥ 1 (D = 1 é a convolução comum)
    arredondamento : ``"exato"``, ``"piso"`` ou ``"teto"`` (veja o módulo)
    agrupamento : ``True`` se F é a janela de um agrupamento (muda só as mensagens de erro)

    Exemplos
    --------
    >>> tamanho_saida(227, 11, S=4)          # AlexNet, CONV1
    55
    >>> tamanho_saida(55, 3, S=2)            # AlexNet, POOL1
    27
    >>> tamanho_saida(224, 11, S=4, arredondamento="piso")
    54
    """
    W = _inteiro("W", W, 1)
    F = _inteiro("F", F, 1)
    S = _inteiro("S", S, 1)
    P = _inteiro("P", P, 0)
    D = _inteiro("D", D, 1)
    if not isinstance(arredondamento, str) or arredondamento not in MODOS_ARREDONDAMENTO:
        raise ValueError(
            f"arredondamento deve ser um de {', '.join(repr(m) for m in MODOS_ARREDONDAMENTO)}, "
            f"mas recebeu {arredondamento!r}."
        )

    if not isinstance(agrupamento, bool):
        raise TypeError(f"agrupamento deve ser True ou False, mas recebeu {agrupamento!r}.")
    # o que desliza: os pesos de uma convolução ("filtro") ou a janela de um agrupamento
    o_que, dilatado, menor = (
        ("a janela", "dilatada", "uma janela menor") if agrupamento else ("o filtro", "dilatado", "um filtro menor")
    )
    efetivo = D * (F - 1) + 1  # tamanho do filtro (ou da janela) dilatado
    numerador = W + 2 * P - efetivo  # posições em que o filtro cabe, menos a primeira
    erro_filtro_grande = ConfiguracaoInvalida(
        f"Configuração inválida ({_descricao(W, F, S, P, D)}): {o_que}"
        f"{' ' + dilatado if D != 1 else ''} ocupa {efetivo} posições, mais do que a entrada "
        f"preenchida, W + 2P = {W + 2 * P}. Use {menor} ou aumente o preenchimento "
        f"para pelo menos P={-(-(efetivo - W) // 2)}."
    )

    if arredondamento == "teto":
        if P > F // 2:
            raise ConfiguracaoInvalida(
                f"Configuração inválida ({_descricao(W, F, S, P, D)}): o agrupamento do PyTorch "
                f"(nn.MaxPool2d) exige preenchimento de no máximo metade da janela, "
                f"P ≤ {F // 2}. Use P={F // 2} ou menos."
            )
        saida = -(-numerador // S) + 1
        # Regra do PyTorch: a última janela precisa começar dentro da entrada
        # ou do preenchimento da esquerda; senão ela é descartada.
        if (saida - 1) * S >= W + P:
            saida -= 1
        if saida < 1:
            raise erro_filtro_grande
        return saida

    if numerador < 0:
        raise erro_filtro_grande

    if arredondamento == "piso":
        return numerador // S + 1

    # arredondamento == "exato"
    if numerador % S != 0:
        sobra = numerador % S  # elementos do fim da entrada (preenchida) que o filtro não alcança
        entrada = "da entrada" if P == 0 else "da entrada preenchida"
        elementos = plural_br(sobra, "elemento", "elementos")
        sugestoes = []
        p_ok = _p_valido_mais_proximo(W, F, S, P, D)
        nenhum_p = ""
        if p_ok is not None and agrupamento and p_ok > F // 2:
            # o nn.MaxPool2d recusa preenchimento maior que metade da janela
            nenhum_p = (
                f"O preenchimento mais próximo que fecharia a conta, P={p_ok}, passa do limite do "
                f"nn.MaxPool2d para esta janela (P ≤ {F // 2}). "
            )
        elif p_ok is not None:
            sugestoes.append(f"P={p_ok}")
        else:
            # S par e W − D·(F − 1) − 1 ímpar: somar 2P (par) nunca dá um múltiplo de S
            base = W - efetivo
            soma = f"{base} + 2P" if base >= 0 else f"2P − {-base}"
            # total de zeros (T ≡ −base mód S) mais perto dos 2P pedidos, dividido entre as bordas
            total = min(range(-base % S, 2 * P + S + 1, S), key=lambda t: (abs(t - 2 * P), t))
            # o agrupamento por máximo preenche com −∞, não com zeros
            unidade = ("posição", "posições") if agrupamento else ("zero", "zeros")
            nenhum_p = (
                f"Nenhum preenchimento simétrico resolve: {soma} é ímpar para todo P, e S={S} é par; "
                f"só um preenchimento assimétrico fecharia a conta: por exemplo, {total} "
                f"{plural_br(total, *unidade)} no total, {total // 2} de um lado e "
                f"{total - total // 2} do outro. "
            )
        if agrupamento:
            # outro passo mudaria o papel da camada (S=1 não reduz o mapa): as redes arredondam
            fim = (
                f"{'Valor válido mais próximo: ' + sugestoes[0] + '. ' if sugestoes else ''}"
                f"No agrupamento, o usual é arredondar: para baixo, descartando a sobra "
                f'(arredondamento="piso", o padrão do nn.MaxPool2d), ou para cima, com uma última '
                f'janela parcial (arredondamento="teto", o ceil_mode=True do nn.MaxPool2d).'
            )
        else:
            sugestoes.append(f"S={_s_valido_mais_proximo(numerador, S)}")
            fim = (
                f"Valor válido mais próximo: {' ou '.join(sugestoes)}. (O PyTorch aceitaria e "
                f'arredondaria para baixo: use arredondamento="piso" para ver esse valor.)'
            )
        raise ConfiguracaoInvalida(
            f"Configuração inválida ({_descricao(W, F, S, P, D)}): "
            f"(W + 2P − D·(F − 1) − 1)/S + 1 = {numerador}/{S} + 1 não é inteiro — "
            f"{o_que} não percorre a entrada um número inteiro de passos e "
            f"{plural_br(sobra, 'sobraria', 'sobrariam')} {sobra} {elementos} {entrada} na borda. "
            f"{nenhum_p}{fim}"
        )
    return numerador // S + 1


def tamanho_camada(camada: str, W, F, S=1, P=0, D=1, arredondamento="exato", *, agrupamento=False) -> int:
    """:func:`tamanho_saida` para uma camada com nome: o erro diz em qual camada a conta falhou.

    >>> tamanho_camada("CONV1", 227, 11, S=4)
    55
    """
    try:
        return tamanho_saida(W, F, S, P, D, arredondamento, agrupamento=agrupamento)
    except ConfiguracaoInvalida as erro:
        raise ConfiguracaoInvalida(f"Na camada {camada}: {erro}") from None


def _par(nome: str, valor) -> tuple[int, int]:
    if isinstance(valor, tuple | list):
        if len(valor) != 2:
            raise ValueError(f"{nome} deve ser um inteiro ou um par (altura, largura), mas recebeu {valor!r}.")
        return _inteiro(nome, valor[0], 1), _inteiro(nome, valor[1], 1)
    v = _inteiro(nome, valor, 1)
    return v, v


def parametros_conv(F, C, K, vies=True, grupos=1) -> int:
    """Parâmetros treináveis de uma convolução: (F·F·C/grupos + 1)·K.

    ``F`` pode ser um inteiro ou um par (altura, largura); ``grupos`` > 1 é a convolução
    agrupada (cada filtro vê só C/grupos canais, como nas duas GPUs da AlexNet).

    >>> parametros_conv(11, 3, 96)   # AlexNet, CONV1: (11·11·3 + 1)·96
    34944
    """
    fa, fl = _par("F", F)
    C = _inteiro("C", C, 1)
    K = _inteiro("K", K, 1)
    grupos = _inteiro("grupos", grupos, 1)
    if C % grupos or K % grupos:
        raise ValueError(
            f"Com grupos={grupos}, C={C} e K={K} precisam ser múltiplos de {grupos}: "
            f"cada grupo recebe C/grupos canais e produz K/grupos mapas de características."
        )
    return (fa * fl * (C // grupos) + (1 if vies else 0)) * K


def parametros_fc(entradas, saidas, vies=True) -> int:
    """Parâmetros de uma camada totalmente conectada: (entradas + 1)·saídas.

    >>> parametros_fc(7 * 7 * 512, 4096, vies=False)   # VGG-16, FC6, sem vieses
    102760448
    """
    entradas = _inteiro("entradas", entradas, 1)
    saidas = _inteiro("saidas", saidas, 1)
    return (entradas + (1 if vies else 0)) * saidas
