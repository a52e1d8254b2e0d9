"""Os resultados gravados no repositório, também no Colab.

Os benchmarks (``make bench``) gravam um arquivo por máquina em ``bench/``, e os experimentos
(``make experimentos``) em ``experimentos/``. No repositório, eles são lidos dali. No Colab, o
pacote é instalado sem o repositório ao lado: a construção do pacote (``setup.py``) copia os
mesmos arquivos para ``redesconv/gravados/`` (os dos experimentos, para
``redesconv/gravados/experimentos/``), e eles são lidos de lá.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["PASTAS", "PASTAS_EXPERIMENTOS", "arquivos_gravados", "ler_gravados", "ler_experimentos"]

_RAIZ = Path(__file__).resolve().parents[2]
_NO_PACOTE = Path(__file__).resolve().with_name("gravados")
#: Onde procurar, em ordem: o repositório (instalação editável) e a cópia dentro do pacote.
PASTAS = (_RAIZ / "bench", _NO_PACOTE)
PASTAS_EXPERIMENTOS = (_RAIZ / "experimentos", _NO_PACOTE / "experimentos")


def arquivos_gravados(padrao: str = "resultados-*.json", pastas: tuple[Path, ...] = PASTAS) -> list[Path]:
    """Os arquivos gravados da primeira pasta que tiver algum (lista vazia se nenhuma tiver)."""
    for pasta in pastas:
        arquivos = sorted(pasta.glob(padrao))
        if arquivos:
            return arquivos
    return []


def ler_gravados(padrao: str = "resultados-*.json", pastas: tuple[Path, ...] = PASTAS) -> dict[str, dict]:
    """{nome do arquivo: conteúdo} de cada resultado gravado, em ordem de nome."""
    return {a.name: json.loads(a.read_text(encoding="utf-8")) for a in arquivos_gravados(padrao, pastas)}


def ler_experimentos(pastas: tuple[Path, ...] = PASTAS_EXPERIMENTOS) -> dict[str, dict]:
    """{nome do arquivo: conteúdo} de cada ``experimentos/resultados-*.json`` (sem os ``-rapido``)."""
    return {n: d for n, d in ler_gravados("resultados-*.json", pastas).items() if not n.endswith("-rapido.json")}
