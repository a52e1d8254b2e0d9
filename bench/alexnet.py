"""Benchmark do capítulo AlexNet: a nossa rede contra a ``torchvision.models.alexnet``.

Monta a AlexNet do curso (``redesconv.redes.alexnet``) com as larguras do torchvision
(64-192-384-256-256, ``ALEXNET_TORCHVISION``) e mede, no mesmo processo e alternando as duas
redes a cada repetição, as imagens por segundo de uma passagem para a frente e para trás.
Meta: razão (nossa / torchvision) ≥ 0,98.

Uso: python -m bench.alexnet [--lote 32] [--repeticoes 8]   (ou `make bench`)
"""

from __future__ import annotations

import argparse
import sys

import torch

from bench.comum import comparar_vazao, concluir, descrever_comparacao
from redesconv.redes import ALEXNET_TORCHVISION, alexnet
from redesconv.treino import dispositivos


def medir(dispositivo: torch.device, lote: int, repeticoes: int) -> dict:
    from torchvision.models import alexnet as alexnet_torchvision

    return comparar_vazao(
        alexnet(**ALEXNET_TORCHVISION), alexnet_torchvision(), (3, 224, 224), dispositivo, lote, repeticoes
    )


def main() -> int:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument("--lote", type=int, default=32)
    argumentos.add_argument("--repeticoes", type=int, default=8)
    opcoes = argumentos.parse_args()
    resultados = {}
    for dispositivo in dispositivos():
        r = medir(dispositivo, opcoes.lote, opcoes.repeticoes)
        resultados[dispositivo.type] = r
        print(descrever_comparacao(f"AlexNet em {dispositivo.type}", r))
    return concluir("alexnet", resultados)


if __name__ == "__main__":
    sys.exit(main())
