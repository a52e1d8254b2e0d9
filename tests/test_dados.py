"""Fashion-MNIST pelo torchvision, com os arquivos do pacote Debian e sem rede."""

import gzip
from pathlib import Path

import pytest
import torch

from redesconv.dados import (
    CLASSES_FASHION_MNIST,
    PASTA_SISTEMA,
    carregadores_fashion_mnist,
    carregar_fashion_mnist,
    preparar_fashion_mnist,
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
def test_carregadores(tmp_path):
    treino, teste = carregadores_fashion_mnist(tamanho_lote=64, raiz=tmp_path, limite_treino=256, limite_teste=128)
    x, y = next(iter(treino))
    assert x.shape == (64, 1, 28, 28) and x.dtype == torch.float32 and 0 <= x.min() and x.max() <= 1
    assert sum(len(b[1]) for b in teste) == 128


def test_preparar_copia_de_uma_pasta_qualquer(tmp_path):
    origem = tmp_path / "sistema"
    origem.mkdir()
    with gzip.open(origem / "t10k-labels-idx1-ubyte.gz", "wb") as f:
        f.write(b"conteudo")
    destino = preparar_fashion_mnist(tmp_path / "dados", origem)
    assert (destino / "t10k-labels-idx1-ubyte").read_bytes() == b"conteudo"
    assert not list(destino.glob("*.parcial"))


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
