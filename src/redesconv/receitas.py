"""As receitas de treino dos capítulos (e dos benchmarks que as medem), uma vez só.

Cada capítulo mostra a sua com ``print(RECEITA)``; para experimentar outra, troque um campo:
``dataclasses.replace(RECEITA_LENET, epocas=5)``.
"""

from __future__ import annotations

from .treino import Receita

__all__ = ["ORCAMENTO_COMUM", "RECEITA_ALEXNET_FASHION", "RECEITA_LENET", "RECEITA_VGG_FASHION"]

# Capítulo 2 (e bench/lenet.py): as duas LeNet no Fashion-MNIST 28×28. Nenhuma é reinicializada:
# a moderna começa com a inicialização padrão do PyTorch e a de 1998 com a do artigo (o construtor
# dela chama inicializar_lecun).
RECEITA_LENET = Receita(epocas=10, lote=256, taxa_max=0.1, suavizacao=0.1, nesterov=True, inicializacao="construtor")

# Capítulo 3: a AlexNet encolhida no Fashion-MNIST 28×28.
RECEITA_ALEXNET_FASHION = Receita(epocas=3, lote=128, taxa_max=0.05)

# Capítulo 4: a VGG A encolhida no Fashion-MNIST preenchido a 32×32, com a inicialização de He.
RECEITA_VGG_FASHION = Receita(epocas=3, lote=128, taxa_max=0.05, inicializacao="he")

# Capítulo 5: o mesmo orçamento para as quatro redes encolhidas, em 32×32.
ORCAMENTO_COMUM = Receita(epocas=2, lote=128, taxa_max=0.05, nesterov=True, inicializacao="he")
