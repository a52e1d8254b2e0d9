"""Benchmark do capítulo AlexNet: a nossa rede contra a ``torchvision.models.alexnet``.

Monta a AlexNet do capítulo (notebooks/03-alexnet.ipynb) com as larguras do torchvision
(64-192-384-256-256, ``CONFIG_TORCHVISION``) e mede, no mesmo processo e alternando as duas
redes a cada repetição, as imagens por segundo de uma passagem para a frente e para trás.
Meta: razão (nossa / torchvision) ≥ 0,98.

Uso: python bench/alexnet.py [--lote 32] [--repeticoes 8]   (ou `make bench`)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from comum import carregar_definicoes, comando_atual, copiar_pesos, gravar, maquina  # noqa: E402

from redesconv.treino import sincronizar  # noqa: E402


def medir(dispositivo: torch.device, lote: int, repeticoes: int) -> dict:
    from torchvision.models import alexnet as alexnet_torchvision

    espaco = carregar_definicoes("notebooks/03-alexnet.ipynb", {"dispositivo": dispositivo})
    torch.manual_seed(0)
    redes = {"capitulo": espaco["alexnet"](**espaco["CONFIG_TORCHVISION"]), "torchvision": alexnet_torchvision()}
    copiar_pesos(redes["torchvision"], redes["capitulo"])
    redes = {nome: rede.to(dispositivo) for nome, rede in redes.items()}
    x = torch.randn(lote, 3, 224, 224, device=dispositivo)
    y = torch.randint(0, 1000, (lote,), device=dispositivo)

    def passo(rede):
        rede.zero_grad(set_to_none=True)
        F.cross_entropy(rede(x), y).backward()

    tempos = {nome: [] for nome in redes}
    for rede in redes.values():  # aquecimento
        for _ in range(2):
            passo(rede)
    sincronizar(dispositivo)
    for i in range(repeticoes):  # alternando, em ordem AB, BA, …: nenhuma das duas sempre primeiro
        for nome, rede in list(redes.items())[:: 1 if i % 2 == 0 else -1]:
            inicio = time.perf_counter()
            passo(rede)
            sincronizar(dispositivo)
            tempos[nome].append(time.perf_counter() - inicio)
    vazao = {nome: lote / statistics.median(t) for nome, t in tempos.items()}
    return {
        "lote": lote,
        "repeticoes": repeticoes,
        "imagens_por_segundo": {n: round(v, 2) for n, v in vazao.items()},
        "dispersao_s": {n: round(max(t) - min(t), 4) for n, t in tempos.items()},
        "razao": round(vazao["capitulo"] / vazao["torchvision"], 4),
    }


def main() -> int:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument("--lote", type=int, default=32)
    argumentos.add_argument("--repeticoes", type=int, default=8)
    opcoes = argumentos.parse_args()
    resultados = {}
    for dispositivo in [torch.device("cpu")] + ([torch.device("cuda")] if torch.cuda.is_available() else []):
        r = medir(dispositivo, opcoes.lote, opcoes.repeticoes)
        resultados[dispositivo.type] = r
        v = r["imagens_por_segundo"]
        print(
            f"AlexNet em {dispositivo.type} (lote {r['lote']}, frente+trás): capítulo {v['capitulo']:.1f} img/s, "
            f"torchvision {v['torchvision']:.1f} img/s, razão {r['razao']:.3f} (meta ≥ 0,98)"
        )
    caminho = gravar("alexnet", resultados, comando_atual())
    print(f"máquina: {maquina()}\nresultados em {caminho}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
