"""Benchmark do capítulo LeNet: tempo de treino até 91% de acurácia no Fashion-MNIST.

Treina a LeNet moderna do capítulo 2 (``redesconv.redes.lenet_moderna``) com a receita do
capítulo (``redesconv.receitas.RECEITA_LENET``), na
CPU e, se houver, na GPU, e registra por época a acurácia de teste e o tempo de treino
(sem contar a avaliação). Meta: ≥ 91% em até 45 s de treino numa CPU de 2 núcleos.

Uso: python -m bench.lenet   (ou `make bench`)
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import sys

import torch

from bench.comum import concluir
from redesconv.dados import tensores_fashion_mnist
from redesconv.receitas import RECEITA_LENET
from redesconv.redes import lenet_moderna
from redesconv.treino import dispositivos, treinar_com_receita

META_ACURACIA, META_SEGUNDOS = 0.91, 45.0


def medir(dispositivo: torch.device) -> dict:
    dados = [t.to(dispositivo) for t in tensores_fashion_mnist()]
    _, historico = treinar_com_receita(lenet_moderna, RECEITA_LENET, dados, dispositivo)
    acumulado = list(itertools.accumulate(historico.segundos_por_epoca))
    atingiu = next((s for s, a in zip(acumulado, historico.acuracia_teste) if a >= META_ACURACIA), None)
    return {
        "receita": dataclasses.asdict(RECEITA_LENET),
        "otimizador_usado": historico.descrever_otimizador(),  # o momento e a taxa de cada passo
        "acuracia_por_epoca": [round(a, 4) for a in historico.acuracia_teste],
        "segundos_acumulados": [round(s, 2) for s in acumulado],
        "acuracia_final": round(historico.acuracia_teste[-1], 4),
        "segundos_ate_91": None if atingiu is None else round(atingiu, 2),
        "segundos_por_epoca_mediana": round(sorted(historico.segundos_por_epoca)[len(acumulado) // 2], 3),
        "meta_cumprida": atingiu is not None and atingiu <= META_SEGUNDOS,
    }


def main() -> int:
    os.environ.setdefault("TQDM_DISABLE", "1")
    resultados = {}
    for dispositivo in dispositivos():
        r = medir(dispositivo)
        resultados[dispositivo.type] = r
        ate = "não atingiu" if r["segundos_ate_91"] is None else f"{r['segundos_ate_91']:.1f} s"
        print(
            f"LeNet moderna em {dispositivo.type}: acurácia final {100 * r['acuracia_final']:.2f}%, "
            f"até 91%: {ate}, época (mediana) {r['segundos_por_epoca_mediana']:.2f} s, "
            f"meta (≥91% em ≤45 s): {'cumprida' if r['meta_cumprida'] else 'NÃO cumprida'}"
        )
    return concluir("lenet", resultados)


if __name__ == "__main__":
    sys.exit(main())
