"""Fashion-MNIST pelo torchvision, com os arquivos do pacote Debian e sem rede."""

import gzip
from pathlib import Path

import pytest
import torch

from redesconv.dados import (
    CLASSES_FASHION_MNIST,
    PASTA_SISTEMA,
    carregar_fashion_mnist,
    preparar_fashion_mnist,
    tensores_fashion_mnist,
)

TEM_DEBIAN = (PASTA_SISTEMA / "t10k-images-idx3-ubyte.gz").exists()
requer_debian = pytest.mark.skipif(
    not TEM_DEBIAN, reason="instale o pacote Debian dataset-fashion-mnist (o .ci/run instala)"
)


def test_classes_em_portugues():
    assert len(CLASSES_FASHION_MNIST) == 10
    assert CLASSES_FASHION_MNIST[0] == "Camiseta/top" and CLASSES_FASHION_MNIST[9] == "Bota de cano curto"


@requer_debian
def test_carrega_sem_download(tmp_path, monkeypatch):
    from torchvision.datasets import mnist

    def proibido(*args, **kwargs):
        raise AssertionError("não deveria tentar baixar nada")

    monkeypatch.setattr(mnist, "download_and_extract_archive", proibido)
    teste = carregar_fashion_mnist(treino=False, raiz=tmp_path)
    treino = carregar_fashion_mnist(treino=True, raiz=tmp_path)
    assert len(teste) == 10_000 and len(treino) == 60_000
    imagem, rotulo = teste[0]
    assert imagem.size == (28, 28) and rotulo == 9  # a primeira imagem de teste é uma bota
    assert sorted(p.name for p in (tmp_path / "FashionMNIST" / "raw").iterdir()) == sorted(
        ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"]
    )


@requer_debian
def test_tensores_padronizados_e_preenchidos_a_32(tmp_path):
    x_treino, y_treino, x_teste, y_teste = tensores_fashion_mnist(raiz=tmp_path)
    assert x_treino.shape == (60_000, 1, 28, 28) and y_teste.shape == (10_000,) and y_treino.dtype == torch.int64
    assert abs(x_treino.mean().item()) < 1e-4 and abs(x_treino.std().item() - 1) < 1e-4  # padronizado no treino
    p_treino, p_y, p_teste, _ = tensores_fashion_mnist(raiz=tmp_path, preenchimento=2)
    assert p_treino.shape == (60_000, 1, 32, 32) and p_teste.shape == (10_000, 1, 32, 32)
    assert torch.equal(p_treino[:, :, 2:30, 2:30], x_treino) and torch.equal(p_y, y_treino)
    borda = torch.ones(32, 32, dtype=torch.bool)
    borda[2:30, 2:30] = False
    assert (p_teste[:, 0][:, borda] == 0).all()  # zeros depois da padronização, como F.pad


def test_preparar_copia_de_uma_pasta_qualquer(tmp_path):
    origem = tmp_path / "sistema"
    origem.mkdir()
    with gzip.open(origem / "t10k-labels-idx1-ubyte.gz", "wb") as f:
        f.write(b"conteudo")
    destino = preparar_fashion_mnist(tmp_path / "dados", origem)
    assert (destino / "t10k-labels-idx1-ubyte").read_bytes() == b"conteudo"
    assert not list(destino.glob("*.parcial*"))


def test_sem_arquivos_e_sem_rede_explica_em_portugues(tmp_path, monkeypatch):
    from torchvision.datasets import mnist

    def sem_rede(*args, **kwargs):
        raise OSError("sem rede")

    monkeypatch.setattr(mnist, "download_and_extract_archive", sem_rede)
    monkeypatch.setattr(mnist.FashionMNIST, "mirrors", ["http://127.0.0.1:9/"])
    with pytest.raises(RuntimeError) as info:
        carregar_fashion_mnist(raiz=tmp_path, pasta_sistema=Path(tmp_path / "nada"))
    msg = str(info.value)
    assert "conecte-se à internet" in msg and "apt-get install dataset-fashion-mnist" in msg
