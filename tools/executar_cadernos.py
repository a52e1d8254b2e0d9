"""Executa os cadernos de cima a baixo, num kernel limpo, na CPU, e grava as saídas.

É assim que as saídas do livro são produzidas (o nbval depois confere que continuam iguais).
O estado dos widgets é gravado nos metadados, para que o site possa mostrá-los.

Uso:  python tools/executar_cadernos.py [caderno.ipynb ...]   (padrão: notebooks/*.ipynb)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

RAIZ = Path(__file__).resolve().parents[1]

# Saídas reproduzíveis: CPU, sem barras de progresso, sem aleatoriedade de hash.
AMBIENTE = {"CUDA_VISIBLE_DEVICES": "", "TQDM_DISABLE": "1", "PYTHONHASHSEED": "0"}


def executar(caminho: Path) -> float:
    nb = nbformat.read(caminho, as_version=4)
    inicio = time.perf_counter()
    cliente = NotebookClient(
        nb,
        timeout=900,
        kernel_name="python3",
        resources={"metadata": {"path": str(caminho.parent)}},
        store_widget_state=True,
        record_timing=False,  # sem carimbos de hora nos metadados (ruído no git)
    )
    cliente.execute()
    nbformat.write(nb, caminho)
    return time.perf_counter() - inicio


def main(argv: list[str]) -> int:
    os.environ.update(AMBIENTE)
    cadernos = [Path(a) for a in argv] or sorted((RAIZ / "notebooks").glob("*.ipynb"))
    for caminho in cadernos:
        segundos = executar(caminho)
        print(f"{caminho.name}: executado em {segundos:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
