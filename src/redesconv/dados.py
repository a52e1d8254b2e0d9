"""Fashion-MNIST pelo código de sempre do torchvision, também sem internet.

Os capítulos carregam os dados com ``torchvision.datasets.FashionMNIST(raiz, download=True)``,
como em qualquer lugar. Antes disso, :func:`preparar_fashion_mnist` copia para onde o
torchvision procura os arquivos do pacote Debian ``dataset-fashion-mnist``
(``/usr/share/datasets/fashion-mnist``), se existirem: assim nenhum download é tentado.
Sem arquivos e sem rede, um erro em português explica as duas saídas.
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

__all__ = [
    "CLASSES_FASHION_MNIST",
    "PASTA_SISTEMA",
    "raiz_padrao",
    "preparar_fashion_mnist",
    "carregar_fashion_mnist",
    "tensores_fashion_mnist",
    "recortar_e_espelhar",
]

#: Nomes das 10 classes do Fashion-MNIST, na ordem dos rótulos 0–9.
CLASSES_FASHION_MNIST = (
    "Camiseta/top",
    "Calça",
    "Pulôver",
    "Vestido",
    "Casaco",
    "Sandália",
    "Camisa",
    "Tênis",
    "Bolsa",
    "Bota de cano curto",
)

#: Onde o pacote Debian ``dataset-fashion-mnist`` instala os arquivos.
PASTA_SISTEMA = Path("/usr/share/datasets/fashion-mnist")

_ARQUIVOS = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)


def raiz_padrao() -> Path:
    """Pasta dos dados: ``$REDESCONV_DADOS`` ou ``dados/`` na pasta atual (fora do git)."""
    return Path(os.environ.get("REDESCONV_DADOS", "dados"))


def preparar_fashion_mnist(raiz=None, pasta_sistema=None) -> Path:
    """Coloca os arquivos do pacote Debian em ``raiz/FashionMNIST/raw`` se faltarem lá.

    Devolve a pasta ``raw``. Não baixa nada; se não houver arquivos locais, não faz nada
    e o torchvision tentará o download normalmente.
    """
    raiz = Path(raiz) if raiz is not None else raiz_padrao()
    origem = Path(pasta_sistema) if pasta_sistema is not None else PASTA_SISTEMA
    destino = raiz / "FashionMNIST" / "raw"
    for nome in _ARQUIVOS:
        alvo = destino / nome
        compactado = origem / f"{nome}.gz"
        if alvo.exists() or not compactado.exists():
            continue
        destino.mkdir(parents=True, exist_ok=True)
        temporario = alvo.with_suffix(f".parcial-{os.getpid()}")  # um por processo: cadernos em paralelo
        with gzip.open(compactado, "rb") as entrada, open(temporario, "wb") as saida:
            shutil.copyfileobj(entrada, saida)
        temporario.replace(alvo)  # só aparece com o nome final quando está completo
    return destino


def carregar_fashion_mnist(treino: bool = True, transform=None, raiz=None, pasta_sistema=None):
    """``torchvision.datasets.FashionMNIST`` com ``download=True``, sem download se possível."""
    from torchvision import datasets

    raiz = Path(raiz) if raiz is not None else raiz_padrao()
    preparar_fashion_mnist(raiz, pasta_sistema)
    try:
        return datasets.FashionMNIST(str(raiz), train=treino, transform=transform, download=True)
    except (RuntimeError, OSError) as erro:
        raise RuntimeError(
            "Não foi possível obter o Fashion-MNIST: não há arquivos locais em "
            f"{raiz / 'FashionMNIST' / 'raw'} nem em {pasta_sistema or PASTA_SISTEMA}, "
            "e o download falhou (sem internet?). Duas saídas:\n"
            "  1) conecte-se à internet e rode a célula de novo (o torchvision baixa os dados); ou\n"
            "  2) instale os arquivos localmente — no Debian/Ubuntu: "
            "sudo apt-get install dataset-fashion-mnist — e rode de novo.\n"
            f"Erro original: {erro}"
        ) from erro


def tensores_fashion_mnist(raiz=None, normalizar: bool = True, preenchimento: int = 0):
    """Todo o Fashion-MNIST como tensores: ``(x_treino, y_treino, x_teste, y_teste)``.

    ``x`` tem forma N×1×28×28 (float32) e ``y`` forma N (int64). Com ``normalizar=True``,
    os pixels são padronizados com a média e o desvio-padrão do conjunto de *treino*.
    ``preenchimento=2`` acrescenta 2 pixels de zeros em cada borda, depois da padronização:
    imagens 32×32, a entrada da LeNet-5 do artigo (e a dos capítulos 4 e 5).
    Carregar tudo de uma vez evita converter 60 mil imagens PIL a cada época: é bem mais
    rápido que um ``DataLoader`` com ``ToTensor()`` (use :class:`redesconv.treino.Lotes`).
    """
    treino = carregar_fashion_mnist(True, raiz=raiz)
    teste = carregar_fashion_mnist(False, raiz=raiz)
    x_treino = treino.data.float().div(255).unsqueeze(1)
    x_teste = teste.data.float().div(255).unsqueeze(1)
    if normalizar:
        media, desvio = x_treino.mean(), x_treino.std()
        x_treino = (x_treino - media) / desvio
        x_teste = (x_teste - media) / desvio
    if preenchimento:
        import torch.nn.functional as F

        x_treino, x_teste = (F.pad(x, (preenchimento,) * 4) for x in (x_treino, x_teste))
    return x_treino, treino.targets.clone(), x_teste, teste.targets.clone()


def recortar_e_espelhar(x, gerador=None, deslocamento: int = 4):
    """Aumento de dados da AlexNet, em miniatura: recortes deslocados e espelhamento horizontal.

    Cada imagem do lote ``x`` (N×C×H×W) ganha ``deslocamento`` pixels de zeros em cada borda e
    é recortada de volta a H×W numa posição sorteada (até ``deslocamento`` pixels para cada
    lado); metade das imagens, sorteadas, é espelhada. ``gerador`` (um ``torch.Generator``)
    torna o sorteio reproduzível.
    """
    import torch
    import torch.nn.functional as F

    if deslocamento < 0:
        raise ValueError(f"deslocamento deve ser ≥ 0, mas recebeu {deslocamento}.")
    n, _, altura, largura = x.shape
    preenchido = F.pad(x, (deslocamento,) * 4)
    dy = torch.randint(0, 2 * deslocamento + 1, (n,), generator=gerador).to(x.device)
    dx = torch.randint(0, 2 * deslocamento + 1, (n,), generator=gerador).to(x.device)
    linhas = (dy[:, None] + torch.arange(altura, device=x.device))[:, None, :, None]  # N×1×H×1
    colunas = (dx[:, None] + torch.arange(largura, device=x.device))[:, None, None, :]  # N×1×1×W
    amostras = torch.arange(n, device=x.device)[:, None, None, None]
    canais = torch.arange(x.shape[1], device=x.device)[None, :, None, None]
    recortado = preenchido[amostras, canais, linhas, colunas]
    espelhar = (torch.rand(n, generator=gerador) < 0.5).to(x.device)[:, None, None, None]
    return torch.where(espelhar, recortado.flip(-1), recortado)
