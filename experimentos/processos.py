"""O que roda em cada processo de ``make experimentos`` (num módulo importável, como o spawn pede)."""

from __future__ import annotations

import torch

from redesconv.experimentos import rodar_variante

_DADOS = None


def iniciar_processo() -> None:
    """Cada processo: uma thread do torch e os dados carregados uma vez."""
    global _DADOS
    torch.set_num_threads(1)
    from redesconv.dados import tensores_fashion_mnist

    _DADOS = tensores_fashion_mnist(preenchimento=2)


def tarefa(tarefa):
    """Treina ``(variante, orcamento, semente)`` na CPU deste processo."""
    variante, orcamento, semente = tarefa
    return rodar_variante(variante, orcamento, semente, _DADOS, torch.device("cpu"))
