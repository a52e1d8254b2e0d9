"""Benchmark do capítulo VGG: as configurações do capítulo contra as do torchvision e a memória.

1. Vazão (imagens/s) de uma passagem para a frente e para trás de A, B, D e E contra
   ``torchvision.models.vgg11``, ``vgg13``, ``vgg16`` e ``vgg19``, alternando as duas redes no
   mesmo processo, com os mesmos pesos. Meta: razão (capítulo / torchvision) ≥ 0,98.
2. Memória de ativações guardada para a volta (``saved_tensors_hooks``), medida, contra a
   previsão termo a termo do capítulo. Meta: diferença ≤ 5%.

Uso: python -m bench.vgg [--lote 4] [--repeticoes 10]   (ou `make bench`)
"""

from __future__ import annotations

import argparse
import sys

import torch

from bench.comum import carregar_definicoes, comparar_vazao, concluir, descrever_comparacao
from redesconv import resumo_camadas
from redesconv.redes import vgg
from redesconv.treino import dispositivos

# configuração do artigo (Tabela 1) → a rede equivalente do torchvision
REFERENCIAS = {"A": "vgg11", "B": "vgg13", "D": "vgg16", "E": "vgg19"}


def medir_vazao(configuracao: str, dispositivo: torch.device, lote: int, repeticoes: int) -> dict:
    import torchvision.models

    capitulo = vgg(configuracao)
    referencia = getattr(torchvision.models, REFERENCIAS[configuracao])()
    return comparar_vazao(capitulo, referencia, (3, 224, 224), dispositivo, lote, repeticoes)


def medir_memoria(espaco) -> dict:
    """A memória da VGG-16 que o autograd guarda, medida e prevista com as funções do capítulo 4."""
    rede = vgg("D").train()
    tabela = resumo_camadas(rede, (3, 224, 224))
    guardados = espaco["bytes_guardados_para_a_volta"](rede, torch.randn(1, 3, 224, 224))
    medido = sum(n for n, _ in guardados.values())
    previsto = sum(espaco["previsao_termo_a_termo"](tabela).values())
    soma_dos_volumes = 4 * (3 * 224 * 224) + sum(
        x.memoria_bytes for x in tabela.linhas if x.tipo in {"Conv2d", "MaxPool2d", "Linear"}
    )
    return {
        "medido_bytes": medido,
        "previsto_termo_a_termo_bytes": previsto,
        "diferenca_relativa": round(previsto / medido - 1, 5),
        "soma_dos_volumes_como_na_aula_bytes": soma_dos_volumes,
        "diferenca_relativa_soma_dos_volumes": round(soma_dos_volumes / medido - 1, 5),
    }


def main() -> int:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument("--lote", type=int, default=4)
    argumentos.add_argument("--repeticoes", type=int, default=10)
    opcoes = argumentos.parse_args()
    resultados = {}
    for dispositivo in dispositivos():
        resultados[dispositivo.type] = {}
        for configuracao, nome in REFERENCIAS.items():
            r = medir_vazao(configuracao, dispositivo, opcoes.lote, opcoes.repeticoes)
            resultados[dispositivo.type][f"{configuracao}/{nome}"] = r
            print(descrever_comparacao(f"VGG {configuracao} × {nome} em {dispositivo.type}", r))
    # a medida da memória é lição do capítulo 4 e só existe lá: as células "definicao" dele
    memoria = medir_memoria(carregar_definicoes("notebooks/04-vgg.ipynb"))
    resultados["memoria_cpu_1_imagem"] = memoria
    print(
        f"memória guardada para a volta (1 imagem): medida {memoria['medido_bytes'] / 1e6:.2f} MB, "
        f"prevista termo a termo {memoria['previsto_termo_a_termo_bytes'] / 1e6:.2f} MB "
        f"({100 * memoria['diferenca_relativa']:+.2f}%; meta ±5%); soma dos volumes como na aula "
        f"{memoria['soma_dos_volumes_como_na_aula_bytes'] / 1e6:.2f} MB "
        f"({100 * memoria['diferenca_relativa_soma_dos_volumes']:+.1f}%)"
    )
    return concluir("vgg", resultados)


if __name__ == "__main__":
    sys.exit(main())
