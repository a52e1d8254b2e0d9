"""Tabela por camada: formas, parâmetros, memória e MACs conferidos com o PyTorch."""

import pytest
import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

from redesconv import (
    bytes_br,
    compacto_br,
    decimal_br,
    formatar_forma,
    inteiro_br,
    numero_br,
    plural_br,
    porcentagem_br,
    resumo_camadas,
)


def _lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120),
        nn.ReLU(),
        nn.Linear(120, 84),
        nn.ReLU(),
        nn.Linear(84, 10),
    )


def test_formas_e_parametros():
    modelo = _lenet()
    tabela = resumo_camadas(modelo, (1, 28, 28))
    assert tabela["0"].forma_saida == (6, 28, 28)
    assert tabela["2"].forma_saida == (6, 14, 14)
    assert tabela["3"].forma_saida == (16, 10, 10)
    assert tabela["6"].forma_saida == (400,)
    assert tabela["0"].parametros == (5 * 5 * 1 + 1) * 6 == 156
    assert tabela["2"].parametros == 0
    assert tabela.total_parametros == sum(p.numel() for p in modelo.parameters())
    assert tabela["0"].ativacoes == 6 * 28 * 28
    assert tabela["0"].memoria_bytes == 6 * 28 * 28 * 4
    assert len(tabela) == 12


def test_macs_conferem_com_o_contador_do_pytorch():
    modelo = nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1, groups=1),
        nn.ReLU(),
        nn.Conv2d(8, 8, 3, groups=2),
        nn.Flatten(),
        nn.Linear(8 * 14 * 14, 10),
    )
    tabela = resumo_camadas(modelo, (3, 16, 16))
    contador = FlopCounterMode(display=False)
    with contador, torch.no_grad():
        modelo(torch.zeros(1, 3, 16, 16))
    assert 2 * tabela.total_macs == contador.get_total_flops()  # 1 MAC = 2 FLOPs


def test_apresentacao_em_portugues():
    tabela = resumo_camadas(_lenet(), (1, 28, 28))
    texto = str(tabela)
    assert "Parâmetros" in texto and "Total" in texto
    assert "28×28×6" in texto  # notação da aula: altura×largura×canais
    assert inteiro_br(tabela.total_parametros) in texto
    html = tabela._repr_html_()
    assert html.startswith("<table") and "<th>Memória</th>" in html


def test_entrada_incompativel_explicada():
    with pytest.raises(ValueError, match="não aceita uma entrada"):
        resumo_camadas(_lenet(), (3, 28, 28))
    with pytest.raises(ValueError, match="não incluir o lote"):
        resumo_camadas(_lenet(), (0, 28, 28))


def test_nome_inexistente():
    with pytest.raises(KeyError, match="Não há camada"):
        resumo_camadas(_lenet(), (1, 28, 28))["conv9"]


def test_formatacao_br():
    assert inteiro_br(1728) == "1.728"
    assert inteiro_br(138_357_544) == "138.357.544"
    assert decimal_br(0.9) == "0,9"
    assert decimal_br(1234.5, 2) == "1.234,50"
    assert porcentagem_br(0.182) == "18,2%"
    assert bytes_br(93_000_000) == "93,0 MB"
    assert bytes_br(512) == "512 B"
    assert compacto_br(150_528) == "150,5 mil"
    assert compacto_br(3_211_264) == "3,2 mi"
    assert formatar_forma((96, 55, 55)) == "55×55×96"
    assert formatar_forma((4096,)) == "4096"
    assert [numero_br(x) for x in (256, 0.9, 0.05, 0.004, 5e-4, 4e-7, 1.7159, 12.0)] == [
        "256", "0,9", "0,05", "0,004", "5·10⁻⁴", "4·10⁻⁷", "1,7159", "12",
    ]  # fmt: skip
    assert [plural_br(x, "milhão", "milhões") for x in (0.6, 1.2, 1.99, 2, 62.4)] == ["milhão"] * 3 + ["milhões"] * 2


def test_memoria_compartilhada_nao_conta_duas_vezes():
    inplace = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(inplace=True), nn.Flatten(), nn.Linear(4 * 6 * 6, 2))
    copia = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 6 * 6, 2))
    t_inplace, t_copia = resumo_camadas(inplace, (1, 8, 8)), resumo_camadas(copia, (1, 8, 8))
    assert t_inplace["1"].compartilhada and t_inplace["2"].compartilhada  # ReLU in-place e Flatten (vista)
    assert not t_copia["1"].compartilhada and t_copia["2"].compartilhada
    entrada = 8 * 8  # a entrada entra nos totais, como na aula
    assert t_inplace.total_memoria_bytes == 4 * (entrada + 4 * 6 * 6 + 2)
    assert t_copia.total_memoria_bytes == 4 * (entrada + 2 * 4 * 6 * 6 + 2)
    assert t_inplace.total_ativacoes == entrada + 4 * 6 * 6 + 2
    assert "compartilhada" in str(t_inplace)


def test_totais_contam_a_entrada_no_tipo_da_entrada():
    modelo = nn.Sequential(nn.Conv2d(3, 2, 3, bias=False))
    t32 = resumo_camadas(modelo, (3, 5, 5))
    assert t32.memoria_entrada_bytes == 4 * 75 and t32.total_ativacoes == 75 + 2 * 3 * 3
    t64 = resumo_camadas(modelo.double(), (3, 5, 5), dtype=torch.float64)
    assert t64.memoria_entrada_bytes == 8 * 75
    assert t64.total_memoria_bytes == 8 * (75 + 2 * 3 * 3)
    assert "75" in str(t32).splitlines()[2]  # a linha "entrada" mostra os seus elementos


def test_tabela_e_a_da_avaliacao_e_o_modo_volta():
    modelo = nn.Sequential(nn.Flatten(), nn.Linear(4, 8), nn.Dropout(0.5), nn.Linear(8, 2)).train()
    tabela = resumo_camadas(modelo, (1, 2, 2))
    assert tabela["2"].compartilhada  # dropout na avaliação devolve a própria entrada
    assert tabela.total_ativacoes == 4 + 8 + 2
    assert modelo.training  # o modo de treino foi restaurado
    assert resumo_camadas(modelo.eval(), (1, 2, 2)) is not None and not modelo.training


def test_parametros_congelados_nao_contam_e_memoria_usa_o_tipo_dos_dados():
    modelo = nn.Sequential(nn.Conv2d(1, 4, 3), nn.Flatten(), nn.Linear(4 * 4 * 4, 2))
    modelo[0].weight.requires_grad_(False)  # congelado: não é treinável
    tabela = resumo_camadas(modelo, (1, 6, 6))
    assert tabela["0"].parametros == 4  # só os vieses
    assert tabela["2"].parametros == 64 * 2 + 2
    dupla = resumo_camadas(modelo.double(), (1, 6, 6), dtype=torch.float64)
    assert dupla["0"].memoria_bytes == 8 * 4 * 4 * 4 and dupla["2"].memoria_bytes == 8 * 2
    assert dupla.total_memoria_bytes == 8 * (36 + 64 + 2)


def test_rotulo_da_coluna_de_macs_e_opcional_e_o_padrao_nao_muda():
    """Um capítulo pode dizer "MACs necessárias"; sem a opção, o cabeçalho continua "MACs"."""
    rede = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten(), nn.Linear(2 * 4 * 4, 3))
    padrao = resumo_camadas(rede, (1, 6, 6))
    rotulada = resumo_camadas(rede, (1, 6, 6), rotulo_macs="MACs necessárias")
    assert str(padrao).splitlines()[0].split()[-1] == "MACs"
    assert str(rotulada).splitlines()[0].endswith("MACs necessárias")
    assert "<th>MACs necessárias</th>" in rotulada._repr_html_()
    assert rotulada.total_macs == padrao.total_macs


def _flops_do_pytorch(modelo, forma_entrada):
    contador = FlopCounterMode(display=False)
    with contador, torch.no_grad():
        modelo(torch.zeros(1, *forma_entrada))
    return contador.get_total_flops()


@pytest.mark.parametrize(
    ("camada", "forma_entrada"),
    [
        (nn.Conv2d(4, 6, (3, 5), stride=(1, 2), padding=(1, 0), groups=2), (4, 9, 13)),
        (nn.Conv2d(6, 6, (1, 7), padding="same", groups=6, bias=False), (6, 5, 12)),  # por canal (depthwise)
        (nn.Conv2d(4, 8, (2, 3), dilation=(2, 1), groups=4), (4, 11, 10)),
        (nn.Conv1d(6, 9, 5, stride=2, padding=1, groups=3), (6, 31)),
        (nn.Conv3d(4, 6, (3, 1, 2), stride=(2, 1, 1), padding=(1, 0, 1), groups=2), (4, 5, 7, 6)),
        (nn.Linear(7, 5), (3, 7)),  # uma FC aplicada a cada uma de 3 posições
        (nn.ConvTranspose2d(4, 6, (3, 2), stride=(2, 1), padding=(1, 0), output_padding=(1, 0), groups=2), (4, 5, 6)),
        (nn.ConvTranspose1d(3, 4, 4, stride=2, padding=1), (3, 9)),
    ],
    ids=(
        "conv2d-3x5-s1x2-g2 conv2d-1x7-por-canal conv2d-dilatada-g4 conv1d-g3 conv3d-g2 linear-3d "
        "transposta2d-g2 transposta1d"
    ).split(),
)
def test_macs_de_filtros_retangulares_agrupados_1d_e_3d_conferem_com_o_pytorch(camada, forma_entrada):
    """O contador do próprio PyTorch (FlopCounterMode) conta 2 FLOPs por MAC de convolução e de FC."""
    tabela = resumo_camadas(camada, forma_entrada)
    assert tabela.total_macs > 0 and 2 * tabela.total_macs == _flops_do_pytorch(camada, forma_entrada)
