"""O código dos benchmarks funciona (sem medir tempo: isso é `make bench`)."""

import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ / "bench"))


def test_medir_modelo_na_lenet(tmp_path):
    import modelos

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
    import pytest
    from comum import copiar_pesos
    from torch import nn

    a, b = nn.Linear(3, 2), nn.Linear(3, 2)
    copiar_pesos(a, b)
    assert all((p == q).all() for p, q in zip(a.parameters(), b.parameters()))
    with pytest.raises(ValueError, match="formas diferentes"):
        copiar_pesos(nn.Linear(3, 2), nn.Linear(2, 3))


def test_comparar_vazao_com_os_mesmos_pesos():
    import torch
    from comum import comparar_vazao
    from torch import nn

    a = nn.Sequential(nn.Flatten(), nn.Linear(3 * 4 * 4, 1000))
    b = nn.Sequential(nn.Flatten(), nn.Linear(3 * 4 * 4, 1000))
    r = comparar_vazao(a, b, (3, 4, 4), torch.device("cpu"), lote=2, repeticoes=2)
    assert set(r["imagens_por_segundo"]) == {"capitulo", "torchvision"} and r["razao"] > 0
    assert r["razao_pareada"] > 0 and r["razao_pareada_quartis"][0] <= r["razao_pareada_quartis"][1]
    from comum import descrever_comparacao

    assert descrever_comparacao("teste", r).startswith("teste (lote 2, frente+trás): capítulo ")
    assert torch.equal(a[1].weight, b[1].weight)  # a rede do capítulo recebeu os pesos da referência


def test_variantes_de_tipo_e_formato_de_memoria():
    """O caminho da GPU (precisão mista, channels_last) roda; aqui na CPU com bfloat16."""
    import modelos
    import torch

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


def test_configuracoes_vgg_equivalem_as_do_torchvision():
    """A, B, D e E do capítulo têm os mesmos pesos (formas, na ordem) que vgg11/13/16/19."""
    import torchvision.models
    import vgg
    from comum import carregar_definicoes, copiar_pesos

    espaco = carregar_definicoes("notebooks/04-vgg.ipynb", {"dispositivo": "cpu"})
    assert vgg.REFERENCIAS == {"A": "vgg11", "B": "vgg13", "D": "vgg16", "E": "vgg19"}
    for configuracao, nome in vgg.REFERENCIAS.items():
        referencia = getattr(torchvision.models, nome)()
        capitulo = espaco["vgg"](espaco["CONFIGURACOES"][configuracao])
        copiar_pesos(referencia, capitulo)  # levanta ValueError se alguma forma diferir
