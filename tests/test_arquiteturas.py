"""Redes como tabelas (redesconv.arquiteturas) e as redes do curso (redesconv.redes).

As redes são conferidas contra referências independentes do código: os números dos artigos,
os modelos do torchvision e, camada a camada, os hiperparâmetros da aula escritos aqui — por
``repr`` (exato), não pela saída (uma LRN com α errado quase não muda a saída).
"""

import pytest
import torch
import torchvision.models
from torch import nn

from redesconv import ConfiguracaoInvalida, redes, resumo_camadas
from redesconv.arquiteturas import camadas_com_pesos, campo_receptivo, lados, rede_de_tabela

LENET_32 = redes.tabela_lenet(P=0)  # a LeNet-5 do artigo: entrada 32×32, C1 sem preenchimento


def _nomes(rede):
    return [n for n, _ in rede.named_children()]


def test_lenet_recebe_os_nomes_do_artigo_e_lados_da_formula():
    rede = rede_de_tabela(LENET_32, (1, 32, 32), nomes="lenet")
    assert _nomes(rede) == [
        "c1", "relu1", "s2", "c3", "relu3", "s4", "achatar", "c5", "relu5", "f6", "relu6", "saida",
    ]  # fmt: skip
    assert rede.c5.in_features == 16 * 5 * 5  # 32 → 28 → 14 → 10 → 5
    assert rede(torch.zeros(2, 1, 32, 32)).shape == (2, 10)
    assert camadas_com_pesos(LENET_32) == 5
    assert resumo_camadas(rede, (1, 32, 32)).total_parametros == 61_706
    assert lados(LENET_32, 32) == [32, 28, 14, 10, 5]
    moderna = redes.lenet_moderna()  # 28×28 com P=2 em C1 (e só em C1): as mesmas camadas e formas
    assert _nomes(moderna) == _nomes(rede) and moderna.c3.padding == (0, 0)
    assert resumo_camadas(moderna, (1, 28, 28)).total_parametros == 61_706


def test_alexnet_da_aula_camada_a_camada():
    """Os hiperparâmetros da aula (e do artigo), escritos aqui, comparados exatamente."""
    rede = redes.alexnet()
    esperado = {
        "conv1": "Conv2d(3, 96, kernel_size=(11, 11), stride=(4, 4))",
        "pool1": "MaxPool2d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=False)",
        "norm1": "LocalResponseNorm(5, alpha=0.0005, beta=0.75, k=2.0)",  # α do artigo (10⁻⁴) × n
        "conv2": "Conv2d(96, 256, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))",
        "norm2": "LocalResponseNorm(5, alpha=0.0005, beta=0.75, k=2.0)",
        "conv3": "Conv2d(256, 384, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))",
        "conv4": "Conv2d(384, 384, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))",
        "conv5": "Conv2d(384, 256, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))",
        "fc6": "Linear(in_features=9216, out_features=4096, bias=True)",
        "drop6": "Dropout(p=0.5, inplace=False)",
        "fc7": "Linear(in_features=4096, out_features=4096, bias=True)",
        "drop7": "Dropout(p=0.5, inplace=False)",
        "fc8": "Linear(in_features=4096, out_features=1000, bias=True)",
    }
    assert {nome: repr(getattr(rede, nome)) for nome in esperado} == esperado
    assert _nomes(rede) == [
        "conv1", "relu1", "pool1", "norm1", "conv2", "relu2", "pool2", "norm2", "conv3", "relu3",
        "conv4", "relu4", "conv5", "relu5", "pool3", "achatar", "fc6", "relu6", "drop6", "fc7", "relu7",
        "drop7", "fc8",
    ]  # fmt: skip
    assert lados(redes.tabela_alexnet(), 227) == [227, 55, 27, 27, 13, 13, 13, 13, 6]
    assert resumo_camadas(rede, (3, 227, 227)).total_parametros == 62_378_344


def test_relus_sao_in_place_em_todas_as_redes():
    """A ReLU in-place não guarda outra cópia do mapa: as figuras de memória dependem disso."""
    for rede in [redes.lenet_moderna(), redes.alexnet(), redes.vgg("D"), redes.alexnet_fashion(), redes.vgg_fashion()]:
        relus = [m for m in rede.modules() if isinstance(m, nn.ReLU)]
        assert relus and all(m.inplace for m in relus)


def test_alexnet_em_duas_gpus_agrupa_conv2_conv4_e_conv5():
    rede = redes.alexnet(grupos=2)
    assert [getattr(rede, f"conv{i}").groups for i in range(1, 6)] == [1, 2, 1, 2, 2]
    # Krizhevsky et al. (2012), 60 milhões de parâmetros; a conta exata com as duas torres:
    assert resumo_camadas(rede, (3, 227, 227)).total_parametros == 60_965_224


def test_alexnet_com_as_larguras_do_torchvision_tem_os_pesos_dele():
    nossa = redes.alexnet(**redes.ALEXNET_TORCHVISION)
    referencia = torchvision.models.alexnet()
    assert [p.shape for p in nossa.parameters()] == [p.shape for p in referencia.parameters()]
    assert _nomes(nossa)[-7:] == ["drop6", "fc6", "relu6", "drop7", "fc7", "relu7", "fc8"]  # dropout antes


@pytest.mark.parametrize(("configuracao", "nome"), [("A", "vgg11"), ("B", "vgg13"), ("D", "vgg16"), ("E", "vgg19")])
def test_vgg_tem_os_pesos_do_torchvision(configuracao, nome):
    with torch.device("meta"):  # só as formas: sem alocar nem sortear 130 milhões de pesos
        nossa, referencia = redes.vgg(configuracao), getattr(torchvision.models, nome)()
    assert [p.shape for p in nossa.parameters()] == [p.shape for p in referencia.parameters()]


def test_vgg_tabela_2_do_artigo_e_nomes_por_bloco():
    milhoes = {"A": 133, "A-LRN": 133, "B": 133, "C": 134, "D": 138, "E": 144}  # Simonyan e Zisserman, Tabela 2
    with torch.device("meta"):  # contar parâmetros não precisa dos valores
        for configuracao, esperado in milhoes.items():
            assert round(sum(p.numel() for p in redes.vgg(configuracao).parameters()) / 1e6) == esperado
        vgg16 = redes.vgg("D")
    nomes = _nomes(vgg16)
    assert nomes[:5] == ["conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1"]
    assert nomes[-8:] == ["achatar", "fc6", "relu6", "drop6", "fc7", "relu7", "drop7", "fc8"]
    assert vgg16.fc6.in_features == 512 * 7 * 7 and vgg16.drop6.p == 0.5
    assert repr(redes.vgg("A-LRN").lrn1) == "LocalResponseNorm(5, alpha=0.0005, beta=0.75, k=2.0)"
    assert redes.vgg("C").conv3_3.kernel_size == (1, 1) and redes.vgg("C").conv3_3.padding == (0, 0)
    assert camadas_com_pesos(redes.tabela_vgg("D")) == 16 and camadas_com_pesos(redes.tabela_vgg("E")) == 19


def test_versoes_encolhidas():
    pequena = redes.vgg_fashion()
    assert [m.out_channels for m in pequena.modules() if isinstance(m, nn.Conv2d)] == [8, 16, 32, 32, 64, 64, 64, 64]
    assert pequena.fc6.in_features == 64 and pequena.fc8.out_features == 10
    alex = redes.alexnet_fashion(entrada=32)
    assert [getattr(alex, f"conv{i}").out_channels for i in range(1, 6)] == [16, 32, 48, 48, 32]
    assert alex.fc6.in_features == 32 * 3 * 3  # 32 → 32 → 15 → 7 → 3 (agrupamentos com piso)
    sem_norm = redes.alexnet_fashion(entrada=32, lrn=False)
    assert "norm1" not in _nomes(sem_norm) and len(_nomes(sem_norm)) == len(_nomes(alex)) - 2


def test_campo_receptivo():
    assert campo_receptivo(LENET_32) == 16  # 5 → 6 → 14 → 16: cada unidade de S4 vê 16×16 pixels
    assert campo_receptivo(redes.tabela_alexnet()) == 195
    assert campo_receptivo(redes.tabela_vgg("D")) == 212
    assert campo_receptivo([("CONV", 1, 3, 1, 1)] * 3 + [("FC", 2)]) == 7  # três 3×3 = uma 7×7


def test_estilos_de_nomes_para_a_mesma_tabela():
    tabela = [("CONV", 4, 3, 1, 1), ("CONV", 4, 3, 1, 1), ("POOL", 2, 2), ("NORM",), ("CONV", 8, 3, 1, 1),
              ("POOL", 2, 2), ("FC", 16), ("DROPOUT", 0.5), ("FC", 2)]  # fmt: skip
    forma = (1, 8, 8)
    assert _nomes(rede_de_tabela(tabela, forma)) == [
        "conv1", "relu1", "conv2", "relu2", "pool1", "norm1", "conv3", "relu3", "pool2", "achatar",
        "fc4", "relu4", "drop4", "fc5",
    ]  # fmt: skip
    assert _nomes(rede_de_tabela(tabela, forma, nomes="blocos")) == [
        "conv1_1", "relu1_1", "conv1_2", "relu1_2", "pool1", "lrn2", "conv2_1", "relu2_1", "pool2", "achatar",
        "fc3", "relu3", "drop3", "fc4",
    ]  # fmt: skip
    dois_seguidos = [("FC", 4), ("DROPOUT", 0.5), ("DROPOUT", 0.2), ("FC", 2)]
    assert _nomes(rede_de_tabela(dois_seguidos, (1, 2, 2)))[-3:] == ["drop1", "drop1_2", "fc2"]
    with pytest.raises(ConfiguracaoInvalida, match="nomes deve ser um de"):
        rede_de_tabela(tabela, forma, nomes="caffe")


@pytest.mark.parametrize(
    ("tabela", "forma", "trecho"),
    [
        ([("CONV", 96, 11, 4, 1), ("FC", 10)], (3, 227, 227), "CONV1"),  # 55,5: não fecha
        ([("CONV", 6, 5), ("FC", 10)], (1, 32, 32), "('CONV', K, F, S, P)"),
        ([("CONVOLUCAO", 6, 5, 1, 0), ("FC", 10)], (1, 32, 32), "não é uma camada conhecida"),
        ([("CONV", 6, 5, 1, 0)], (1, 32, 32), "ao menos uma camada FC"),
        ([("FC", 10), ("CONV", 6, 5, 1, 0)], (1, 32, 32), "CONV não pode vir depois de uma FC"),
        ([("CONV", 6, 5, 1, 0), ("DROPOUT", 0.5), ("POOL", 2, 2), ("FC", 10)], (1, 32, 32), "Item 3"),
        ([("FC", 10)], (1, 32, 28), "quadrada"),
        ([("POOL", 2, 2), ("FC", 10)], (1, 7, 7), "POOL1"),
        ([("CONV", 6, 3, 1, 1), ("CONV", 6, 3, 1, 1, 4), ("FC", 10)], (2, 8, 8), "Na camada CONV2: Com grupos=4"),
    ],
)
def test_tabela_invalida_gera_mensagem_em_portugues(tabela, forma, trecho):
    with pytest.raises(ConfiguracaoInvalida) as erro:
        rede_de_tabela(tabela, forma)
    assert trecho in str(erro.value)


def test_erro_usa_o_nome_da_camada_no_estilo_pedido():
    with pytest.raises(ConfiguracaoInvalida, match="POOL4"):
        redes.vgg("D", entrada=200)
    with pytest.raises(ConfiguracaoInvalida, match="Na camada C1"):
        redes.lenet_moderna(F=6, S=4)  # (28 − 6 + 4)/4 + 1 = 7,5
    with pytest.raises(ConfiguracaoInvalida, match="Na camada S2"):
        redes.lenet_moderna(F=4, S=3, P=0)  # C1: (28 − 4)/3 + 1 = 9 fecha; S2: 7/2 + 1 não
    with pytest.raises(ConfiguracaoInvalida, match="CONV1"):
        redes.alexnet(entrada=224)


def test_arredondamento_piso_aceita_agrupamento_que_nao_fecha():
    rede = rede_de_tabela([("CONV", 4, 3, 1, 1), ("POOL", 3, 2), ("FC", 10)], (1, 32, 32), arredondamento="piso")
    assert rede.fc2.in_features == 4 * 15 * 15  # (32 − 3)/2 + 1 = 15,5 → 15, como o PyTorch


def test_rede_no_modo_teto_roda_com_os_lados_calculados():
    # teto na convolução (cuda-convnet: 224 com P = 0 dá 55, a última janela lê 3 zeros além da
    # borda) e no agrupamento (ceil_mode): a rede montada precisa produzir os lados que a tabela diz
    tabela = [("CONV", 4, 11, 4, 0), ("POOL", 2, 2), ("CONV", 4, 3, 2, 0), ("FC", 3)]
    lados_teto = lados(tabela, 224, "teto")
    assert lados_teto[:2] == [224, 55] and lados_teto != lados(tabela, 224, "piso")
    rede = rede_de_tabela(tabela, (1, 224, 224), arredondamento="teto").eval()
    x = torch.randn(1, 1, 224, 224)
    assert rede(x).shape == (1, 3)
    forma = x
    for nome, camada in rede.named_children():
        forma = camada(forma)
        if nome in {"conv1", "pool1", "conv2"}:
            assert forma.shape[-1] == lados_teto[["conv1", "pool1", "conv2"].index(nome) + 1], nome
    # os zeros além da borda: a última janela de conv1 (começa em 216) cobre 216…226, e 224–226 são zeros
    assert isinstance(rede.borda1, nn.ZeroPad2d) and rede.borda1.padding == (0, 3, 0, 3)
    # no modo piso nada muda: sem borda extra, agrupamento sem ceil_mode
    piso = rede_de_tabela(tabela, (1, 224, 224), arredondamento="piso")
    assert not hasattr(piso, "borda1") and not piso.pool1.ceil_mode
