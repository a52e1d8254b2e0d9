"""redesconv — pacote de apoio do curso "Redes Neurais Convolucionais: LeNet, AlexNet e VGG".

Reúne o que os capítulos compartilham e não é a lição em si: a aritmética da convolução,
a tabela por camada, os dados, o dispositivo/sementes/cronometragem, o laço de treino,
as figuras e os exploradores interativos.
"""

from .aritmetica import (
    MODOS_ARREDONDAMENTO,
    ConfiguracaoInvalida,
    parametros_conv,
    parametros_fc,
    tamanho_camada,
    tamanho_saida,
)
from .colagem import colar
from .formatacao import bytes_br, compacto_br, decimal_br, inteiro_br, numero_br, plural_br, porcentagem_br
from .resumo import TabelaCamadas, formatar_forma, resumo_camadas

__version__ = "0.1.0"

__all__ = [
    "MODOS_ARREDONDAMENTO",
    "ConfiguracaoInvalida",
    "TabelaCamadas",
    "bytes_br",
    "colar",
    "compacto_br",
    "decimal_br",
    "formatar_forma",
    "inteiro_br",
    "numero_br",
    "plural_br",
    "parametros_conv",
    "parametros_fc",
    "porcentagem_br",
    "resumo_camadas",
    "tamanho_camada",
    "tamanho_saida",
]
