"""Dispositivo, sementes, cronometragem honesta e o laço de treino/avaliação.

O código é agnóstico de dispositivo: usa a GPU (CUDA) quando existe e a CPU senão.
A barra de progresso é do ``tqdm`` e se desliga com a variável de ambiente
``TQDM_DISABLE=1`` (usada nos testes, para que as saídas sejam comparáveis).
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn
from tqdm.auto import tqdm

from .formatacao import plural_br

__all__ = [
    "escolher_dispositivo",
    "dispositivos",
    "descrever_dispositivo",
    "fixar_sementes",
    "inicializar_he",
    "sincronizar",
    "Cronometragem",
    "cronometrar",
    "passo_de_treino",
    "cronometrar_passo",
    "Historico",
    "Lotes",
    "treinar",
    "avaliar",
    "Receita",
    "treinar_com_receita",
]


def _barra_desligada() -> bool:
    """``TQDM_DISABLE=1`` desliga a barra — também a do Jupyter, que o tqdm não desliga sozinho."""
    return os.environ.get("TQDM_DISABLE", "").strip().lower() in {"1", "true", "yes", "sim"}


def escolher_dispositivo(preferencia: str | None = None) -> torch.device:
    """GPU (``cuda``) se houver, senão CPU. ``preferencia`` força um dispositivo.

    A variável de ambiente ``REDESCONV_DISPOSITIVO`` (por exemplo ``cpu``) também força:
    é assim que as saídas do livro são produzidas na CPU mesmo numa máquina com GPU.
    """
    escolha = preferencia or os.environ.get("REDESCONV_DISPOSITIVO")
    if escolha:
        dispositivo = torch.device(escolha)
        if dispositivo.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(
                "Foi pedido o dispositivo 'cuda', mas não há GPU disponível. "
                "No Colab: Ambiente de execução → Alterar o tipo de ambiente de execução → GPU. "
                "Localmente, use preferencia='cpu'."
            )
        return dispositivo
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def dispositivos() -> list[torch.device]:
    """Onde comparar uma medida: a CPU sempre; a GPU também, quando houver."""
    return [torch.device("cpu")] + ([torch.device("cuda")] if torch.cuda.is_available() else [])


def descrever_dispositivo(dispositivo: torch.device) -> str:
    """Nome legível do dispositivo, para dizer onde uma medida foi feita."""
    dispositivo = torch.device(dispositivo)
    if dispositivo.type == "cuda":
        return f"GPU {torch.cuda.get_device_name(dispositivo)}"
    nucleos, linhas = os.cpu_count(), torch.get_num_threads()
    return (
        f"CPU ({nucleos} {plural_br(nucleos, 'núcleo lógico', 'núcleos lógicos')}, {linhas} "
        f"{plural_br(linhas, 'linha de execução', 'linhas de execução')} do PyTorch)"
    )


def fixar_sementes(semente: int = 0) -> None:
    """Fixa as sementes de ``random``, NumPy e PyTorch (CPU e GPU)."""
    random.seed(semente)
    np.random.seed(semente)
    torch.manual_seed(semente)  # também semeia todas as GPUs


def inicializar_he(rede: nn.Module) -> nn.Module:
    """Inicialização de He (Kaiming) para redes com ReLU: pesos normais com variância 2/fan_in
    em cada convolução e camada totalmente conectada, vieses zerados. Devolve a própria rede."""
    for camada in rede.modules():
        if isinstance(camada, nn.Conv2d | nn.Linear):
            nn.init.kaiming_normal_(camada.weight, nonlinearity="relu")
            if camada.bias is not None:
                nn.init.zeros_(camada.bias)
    return rede


def sincronizar(dispositivo) -> None:
    """Espera a GPU terminar o que foi enfileirado (na CPU não faz nada).

    As operações na GPU são assíncronas: sem sincronizar antes de ler o relógio,
    mede-se só o tempo de *enfileirar* o trabalho, não o de fazê-lo.
    """
    if torch.device(dispositivo).type == "cuda":
        torch.cuda.synchronize(dispositivo)


@dataclass
class Cronometragem:
    """Tempos (em segundos) de repetições de uma mesma tarefa."""

    tempos: list[float]
    dispositivo: str

    @property
    def mediana(self) -> float:
        return statistics.median(self.tempos)

    def __str__(self) -> str:
        from .formatacao import decimal_br

        return (
            f"mediana de {len(self.tempos)} repetições: {decimal_br(1000 * self.mediana, 2)} ms "
            f"(de {decimal_br(1000 * min(self.tempos), 2)} a {decimal_br(1000 * max(self.tempos), 2)} ms) "
            f"em {self.dispositivo}"
        )


def cronometrar(tarefa: Callable[[], object], dispositivo, repeticoes: int = 5, aquecimento: int = 1) -> Cronometragem:
    """Mede ``tarefa()`` com aquecimento e sincronização antes de cada leitura do relógio."""
    if repeticoes < 1 or aquecimento < 0:
        raise ValueError("repeticoes deve ser ≥ 1 e aquecimento ≥ 0.")
    for _ in range(aquecimento):
        tarefa()
    sincronizar(dispositivo)
    tempos = []
    for _ in range(repeticoes):
        inicio = time.perf_counter()
        tarefa()
        sincronizar(dispositivo)
        tempos.append(time.perf_counter() - inicio)
    return Cronometragem(tempos, descrever_dispositivo(dispositivo))


def passo_de_treino(rede: nn.Module, x: torch.Tensor, y: torch.Tensor) -> None:
    """O trabalho de um passo de treino sem atualizar os pesos: frente, perda e volta."""
    rede.zero_grad(set_to_none=True)
    nn.functional.cross_entropy(rede(x), y).backward()


def cronometrar_passo(
    rede: nn.Module, forma_entrada: tuple, lote: int, dispositivo, classes: int, repeticoes=3, aquecimento=1
) -> Cronometragem:
    """Mede :func:`passo_de_treino` de ``rede`` num lote aleatório de ``lote`` imagens ``forma_entrada``.

    A rede vai para ``dispositivo``; a medida é a de :func:`cronometrar` (aquecimento e
    sincronização antes de cada leitura do relógio).
    """
    rede.to(dispositivo)
    x = torch.randn(lote, *forma_entrada, device=dispositivo)
    y = torch.randint(0, classes, (lote,), device=dispositivo)
    return cronometrar(lambda: passo_de_treino(rede, x, y), dispositivo, repeticoes, aquecimento)


class Lotes:
    """Minilotes de tensores já carregados na memória (ou na GPU), embaralhados com semente.

    Substitui o ``DataLoader`` quando os dados cabem num tensor: sem conversões por imagem,
    cada lote é uma fatia.
    """

    def __init__(self, x, y, tamanho_lote: int, embaralhar: bool = False, semente: int = 0, aumento=None):
        """``aumento(x, gerador)`` (opcional) transforma cada lote, com o gerador semeado dos lotes."""
        if len(x) != len(y):
            raise ValueError(f"x e y precisam ter o mesmo número de exemplos ({len(x)} ≠ {len(y)}).")
        if tamanho_lote < 1:
            raise ValueError(f"tamanho_lote deve ser ≥ 1, mas recebeu {tamanho_lote}.")
        self.x, self.y = x, y
        self.tamanho_lote = tamanho_lote
        self.embaralhar = embaralhar
        self.gerador = torch.Generator().manual_seed(semente)
        self.aumento = aumento

    def __len__(self) -> int:
        return -(-len(self.x) // self.tamanho_lote)

    def __iter__(self):
        n = len(self.x)
        ordem = torch.randperm(n, generator=self.gerador) if self.embaralhar else torch.arange(n)
        ordem = ordem.to(self.x.device)
        for inicio in range(0, n, self.tamanho_lote):
            indices = ordem[inicio : inicio + self.tamanho_lote]
            x = self.x[indices]
            yield (self.aumento(x, self.gerador) if self.aumento else x), self.y[indices]


@dataclass
class Historico:
    """Perda e acurácia por época (treino e teste), o tempo de cada época e, a cada passo, a
    taxa de aprendizado e o momento que o otimizador **de fato** usou e a acurácia no lote."""

    perda_treino: list[float] = field(default_factory=list)
    acuracia_treino: list[float] = field(default_factory=list)
    perda_teste: list[float] = field(default_factory=list)
    acuracia_teste: list[float] = field(default_factory=list)
    segundos_por_epoca: list[float] = field(default_factory=list)
    taxa_por_passo: list[float] = field(default_factory=list)
    momento_por_passo: list[float] = field(default_factory=list)
    acuracia_por_passo: list[float] = field(default_factory=list)

    def descrever_otimizador(self) -> str:
        """O que o otimizador usou, passo a passo: 'momento 0,9 em todos os 2.820 passos; …'."""
        from .formatacao import inteiro_br, numero_br

        n = len(self.taxa_por_passo)
        if n == 0:
            return "nenhum passo de treino registrado"
        momentos = sorted(set(self.momento_por_passo))
        if len(momentos) == 1:
            momento = f"momento {numero_br(momentos[0])} em todos os {inteiro_br(n)} passos"
        else:
            momento = f"momento entre {numero_br(round(momentos[0], 4))} e {numero_br(round(momentos[-1], 4))}"
        taxas = self.taxa_por_passo
        return (
            f"{momento}; taxa de aprendizado de {numero_br(taxas[0])} no 1º passo, máxima {numero_br(max(taxas))} "
            f"(passo {inteiro_br(taxas.index(max(taxas)) + 1)}), {numero_br(taxas[-1])} no último"
        )


@torch.no_grad()
def avaliar(modelo: nn.Module, carregador, dispositivo, perda_fn=None, formato_memoria=None) -> tuple[float, float]:
    """Perda média e acurácia (fração de acertos) de ``modelo`` sobre ``carregador``."""
    perda_fn = perda_fn or nn.CrossEntropyLoss()
    modelo.eval()
    soma_perda, acertos, total = 0.0, 0, 0
    for x, y in carregador:
        x, y = x.to(dispositivo), y.to(dispositivo)
        if formato_memoria is not None:
            x = x.contiguous(memory_format=formato_memoria)
        saida = modelo(x)
        soma_perda += perda_fn(saida, y).item() * y.numel()
        acertos += (saida.argmax(dim=1) == y).sum().item()
        total += y.numel()
    if total == 0:
        raise ValueError("O carregador de avaliação está vazio: não há exemplos para avaliar.")
    return soma_perda / total, acertos / total


def treinar(
    modelo: nn.Module,
    carregador_treino,
    carregador_teste,
    otimizador: torch.optim.Optimizer,
    epocas: int,
    dispositivo,
    perda_fn=None,
    agendador=None,
    agendador_a_cada: str = "epoca",
    formato_memoria=None,
) -> Historico:
    """Treina ``modelo`` por ``epocas`` épocas e avalia no conjunto de teste após cada uma.

    ``agendador`` (opcional) é um agendador da taxa de aprendizado do PyTorch, chamado a
    cada ``"epoca"`` ou a cada ``"passo"`` (como o ``OneCycleLR``); se for
    ``ReduceLROnPlateau``, recebe a perda de teste ao fim de cada época.
    ``formato_memoria`` (por exemplo ``torch.channels_last``) é aplicado a cada lote.
    """
    if epocas < 1:
        raise ValueError(f"epocas deve ser ≥ 1, mas recebeu {epocas}.")
    if agendador_a_cada not in ("epoca", "passo"):
        raise ValueError(f'agendador_a_cada deve ser "epoca" ou "passo", mas recebeu {agendador_a_cada!r}.')
    perda_fn = perda_fn or nn.CrossEntropyLoss()
    modelo.to(dispositivo)
    historico = Historico()
    for epoca in range(1, epocas + 1):
        modelo.train()
        inicio = time.perf_counter()
        # Acumula no dispositivo: ler .item() a cada passo obrigaria a GPU a sincronizar.
        soma_perda, acertos, total = torch.zeros((), device=dispositivo), torch.zeros((), device=dispositivo), 0
        acertos_por_passo, tamanhos = [], []
        for x, y in tqdm(carregador_treino, desc=f"Época {epoca}/{epocas}", leave=False, disable=_barra_desligada()):
            x, y = x.to(dispositivo), y.to(dispositivo)
            if formato_memoria is not None:
                x = x.contiguous(memory_format=formato_memoria)
            otimizador.zero_grad(set_to_none=True)
            saida = modelo(x)
            perda = perda_fn(saida, y)
            perda.backward()
            otimizador.step()
            grupo = otimizador.param_groups[0]  # o que este passo usou (antes do agendador mudar)
            historico.taxa_por_passo.append(float(grupo["lr"]))
            historico.momento_por_passo.append(float(grupo.get("momentum", grupo.get("betas", (0.0,))[0])))
            if agendador is not None and agendador_a_cada == "passo":
                agendador.step()
            soma_perda += perda.detach() * y.numel()
            acertos_passo = (saida.argmax(dim=1) == y).sum()
            acertos += acertos_passo
            acertos_por_passo.append(acertos_passo)
            tamanhos.append(y.numel())
            total += y.numel()
        sincronizar(dispositivo)
        if acertos_por_passo:  # um .tolist() por época, não um .item() por passo
            por_passo = torch.stack(acertos_por_passo).cpu() / torch.tensor(tamanhos)
            historico.acuracia_por_passo.extend(por_passo.tolist())
        historico.segundos_por_epoca.append(time.perf_counter() - inicio)
        historico.perda_treino.append(soma_perda.item() / total)
        historico.acuracia_treino.append(acertos.item() / total)
        perda_teste, acuracia_teste = avaliar(modelo, carregador_teste, dispositivo, perda_fn, formato_memoria)
        historico.perda_teste.append(perda_teste)
        historico.acuracia_teste.append(acuracia_teste)
        if agendador is not None and agendador_a_cada == "epoca":
            if isinstance(agendador, torch.optim.lr_scheduler.ReduceLROnPlateau):
                agendador.step(perda_teste)
            else:
                agendador.step()
    return historico


# Como a receita descreve cada inicialização (só "he" mexe nos pesos depois do construtor).
_INICIALIZACOES = {
    "padrao": "padrão do PyTorch",
    "construtor": "a do construtor de cada rede (sem reinicializar)",
    "he": "de He",
}


@dataclass(frozen=True)
class Receita:
    """Os hiperparâmetros de um treino do curso, todos num lugar só.

    O otimizador é o SGD com momento (de Nesterov se ``nesterov``) e decaimento de pesos; a taxa
    de aprendizado segue um ciclo único (``OneCycleLR``, a cada passo) que sobe até
    ``taxa_max`` e desce; o momento fica fixo. ``suavizacao`` é a suavização de rótulos da
    entropia cruzada; ``inicializacao`` é ``"he"`` (reinicializa a rede com a de He) ou uma das
    duas que não mexem nos pesos: ``"padrao"`` (a rede é construída com a inicialização padrão do
    PyTorch) ou ``"construtor"`` (a rede já se inicializa no próprio construtor, como a LeNet de
    1998 com ``inicializar_lecun``). As duas últimas treinam igual; só o texto da receita muda.
    """

    epocas: int
    lote: int
    taxa_max: float
    momento: float = 0.9
    decaimento: float = 5e-4
    suavizacao: float = 0.0
    nesterov: bool = False
    inicializacao: str = "padrao"

    def __post_init__(self):
        problemas = []
        for nome in ("epocas", "lote"):
            valor = getattr(self, nome)
            if isinstance(valor, bool) or not isinstance(valor, int) or valor < 1:
                problemas.append(f"{nome} deve ser um inteiro ≥ 1 (recebeu {valor!r})")
        if not self.taxa_max > 0:
            problemas.append(f"taxa_max deve ser > 0 (recebeu {self.taxa_max!r})")
        if not 0 <= self.momento < 1:
            problemas.append(f"momento deve estar em [0, 1) (recebeu {self.momento!r})")
        if not 0 <= self.suavizacao < 1:
            problemas.append(f"suavizacao deve estar em [0, 1) (recebeu {self.suavizacao!r})")
        if self.decaimento < 0:
            problemas.append(f"decaimento deve ser ≥ 0 (recebeu {self.decaimento!r})")
        if self.inicializacao not in _INICIALIZACOES:
            problemas.append(f'inicializacao deve ser "padrao", "construtor" ou "he" (recebeu {self.inicializacao!r})')
        if problemas:
            raise ValueError("Receita inválida: " + "; ".join(problemas) + ".")

    def __str__(self) -> str:
        """'épocas 10, lote 256, taxa máxima 0,1, …' — como os capítulos a mostram."""
        from .formatacao import numero_br

        return (
            f"épocas {self.epocas}, lote {self.lote}, taxa máxima {numero_br(self.taxa_max)}, "
            f"momento {numero_br(self.momento)}{' (Nesterov)' if self.nesterov else ''}, "
            f"decaimento de pesos {numero_br(self.decaimento)}, suavização de rótulos {numero_br(self.suavizacao)}, "
            f"inicialização {_INICIALIZACOES[self.inicializacao]}"
        )


def treinar_com_receita(
    construir: Callable[[], nn.Module], receita: Receita, dados, dispositivo, semente: int = 0, aumento=None
):
    """Treina ``construir()`` com ``receita`` em ``dados`` = (x_treino, y_treino, x_teste, y_teste).

    Fixa as sementes (mesma inicialização e mesma ordem dos lotes a cada execução), usa o
    formato de memória ``channels_last`` e avalia no teste, em lotes de 1.000, depois de cada
    época. ``aumento`` (opcional, por exemplo :func:`redesconv.dados.recortar_e_espelhar`)
    transforma cada lote de treino. Devolve ``(modelo, historico)``.
    """
    x_treino, y_treino, x_teste, y_teste = dados
    fixar_sementes(semente)
    modelo = construir()
    if receita.inicializacao == "he":
        inicializar_he(modelo)
    modelo = modelo.to(dispositivo, memory_format=torch.channels_last)
    treino = Lotes(x_treino, y_treino, receita.lote, embaralhar=True, semente=semente, aumento=aumento)
    teste = Lotes(x_teste, y_teste, 1000)
    otimizador = torch.optim.SGD(
        modelo.parameters(),
        lr=receita.taxa_max,
        momentum=receita.momento,
        nesterov=receita.nesterov,
        weight_decay=receita.decaimento,
    )
    agendador = torch.optim.lr_scheduler.OneCycleLR(
        otimizador,
        max_lr=receita.taxa_max,
        total_steps=receita.epocas * len(treino),
        cycle_momentum=False,  # o momento fica o da receita em todos os passos
    )
    perda = nn.CrossEntropyLoss(label_smoothing=receita.suavizacao)
    historico = treinar(
        modelo, treino, teste, otimizador, receita.epocas, dispositivo, perda,
        agendador=agendador, agendador_a_cada="passo", formato_memoria=torch.channels_last,
    )  # fmt: skip
    return modelo, historico
