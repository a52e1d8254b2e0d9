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
    assert torch.equal(a[1].weight, b[1].weight)  # a rede do capítulo recebeu os pesos da referência
