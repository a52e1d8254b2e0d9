"""O código dos benchmarks funciona (sem medir tempo: isso é `make bench`)."""

import pytest
import torch
from torch import nn

from bench import comum, modelos


def test_medir_modelo_na_lenet(tmp_path):
    catalogo, bytes_guardados = modelos.catalogo("cpu")
    assert [m["nome"] for m in catalogo][:2] == ["LeNet-5 (1998)", "LeNet moderna"]
    assert sum(m["nome"].startswith("VGG") for m in catalogo) == 6
    lenet = next(m for m in catalogo if m["nome"] == "LeNet moderna")
    r = modelos.medir_modelo({**lenet, "lote": 8}, bytes_guardados, "cpu", repeticoes=1)
    assert r["parametros"] == 61_706
    assert r["macs_por_imagem"] == r["macs_tabela_do_curso"] == 416_520  # flop_counter = tabela do curso
    assert r["memoria_medida_bytes"] > 0 and r["memoria_prevista_bytes"] > 0
    assert r["frente_img_s"] > 0 and r["frente_tras_img_s"] > 0
    texto = modelos.tabela_markdown([r], {"cpu": "x", "nucleos": 2, "torch": "t", "gpu": None}, "cmd", "cpu")
    assert "| LeNet moderna | 0,06 |" in texto


def test_copiar_pesos_exige_a_mesma_arquitetura():
    a, b = nn.Linear(3, 2), nn.Linear(3, 2)
    comum.copiar_pesos(a, b)
    assert all((p == q).all() for p, q in zip(a.parameters(), b.parameters()))
    with pytest.raises(ValueError, match="formas diferentes"):
        comum.copiar_pesos(nn.Linear(3, 2), nn.Linear(2, 3))


def test_comparar_vazao_com_os_mesmos_pesos():
    a = nn.Sequential(nn.Flatten(), nn.Linear(3 * 4 * 4, 1000))
    b = nn.Sequential(nn.Flatten(), nn.Linear(3 * 4 * 4, 1000))
    r = comum.comparar_vazao(a, b, (3, 4, 4), torch.device("cpu"), lote=2, repeticoes=2)
    assert set(r["imagens_por_segundo"]) == {"capitulo", "torchvision"} and r["razao"] > 0
    assert r["razao_pareada"] > 0 and r["razao_pareada_quartis"][0] <= r["razao_pareada_quartis"][1]
    assert comum.descrever_comparacao("teste", r).startswith("teste (lote 2, frente+trás): capítulo ")
    assert torch.equal(a[1].weight, b[1].weight)  # a rede do capítulo recebeu os pesos da referência


def test_variantes_de_tipo_e_formato_de_memoria():
    """O caminho da GPU (precisão mista, channels_last) roda; aqui na CPU com bfloat16."""
    catalogo, _ = modelos.catalogo("cpu")
    lenet = next(m for m in catalogo if m["nome"] == "LeNet moderna")
    linhas = modelos.medir_variantes({**lenet, "lote": 4}, "cpu", repeticoes=1, tipo_misto=torch.bfloat16)
    assert [(v["tipo"], v["formato"]) for v in linhas] == [
        ("float32", "padrão (NCHW)"),
        ("float32", "channels_last"),
        ("precisão mista (bfloat16)", "padrão (NCHW)"),
        ("precisão mista (bfloat16)", "channels_last"),
    ]
    assert all(v["frente_img_s"] > 0 and v["frente_tras_img_s"] > 0 for v in linhas)
    assert "pico_memoria_gpu_bytes" not in linhas[0]  # só medido na GPU
    assert "| LeNet moderna | float32 | channels_last | 4 |" in modelos.tabela_variantes(linhas)


def test_referencias_vgg_do_benchmark():
    """O benchmark compara A, B, D e E com vgg11/13/16/19 (os pesos iguais: test_arquiteturas)."""
    from bench import vgg

    assert vgg.REFERENCIAS == {"A": "vgg11", "B": "vgg13", "D": "vgg16", "E": "vgg19"}
    r = vgg.medir_vazao("A", torch.device("cpu"), lote=1, repeticoes=1)
    assert r["imagens_por_segundo"]["capitulo"] > 0


def test_tempo_do_pytest_lido_da_ultima_linha():
    from bench.tempos import segundos_do_pytest

    saida = "tests/x.py ....\n===== 6 failed, 798 passed, 65 errors in 384.06s (0:06:24) =====\nmake: *** Error 1\n"
    assert segundos_do_pytest(saida) == 384.06
    assert segundos_do_pytest("=== 540 passed in 58.20s ===") == 58.2
    assert segundos_do_pytest("nenhum teste rodou") is None


def test_mais_lentos_lidos_do_durations():
    from bench.tempos import mais_lentos

    saida = (
        "===== slowest 25 durations =====\n171.84s call     notebooks/05-lenet-alexnet-vgg.ipynb::Cell 23\n"
        "19.58s setup    tests/test_pdf.py::test_site_completo\n(3 durations < 0.005s hidden)\n"
    )
    assert mais_lentos(saida) == [
        "171.84s call     notebooks/05-lenet-alexnet-vgg.ipynb::Cell 23",
        "19.58s setup    tests/test_pdf.py::test_site_completo",
    ]
