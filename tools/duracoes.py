"""Grava tests/duracoes.json: quanto cada arquivo de teste (e cada caderno) leva, somando os seus testes.

O tests/conftest.py usa a tabela para mandar os arquivos mais longos primeiro aos processos do xdist.
Refaça quando um capítulo ou um teste pesado mudar muito de tamanho:

    .venv/bin/python -m pytest tests notebooks --nbval ... --junitxml=/tmp/tempos.xml   (o comando de make test)
    .venv/bin/python tools/duracoes.py /tmp/tempos.xml
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
DESTINO = RAIZ / "tests" / "duracoes.json"


def _arquivo(classe: str) -> str:
    """O arquivo de um caso do JUnit: "tests.test_site" → tests/test_site.py;
    "notebooks.02-lenet.ipynb" (o nbval) → notebooks/02-lenet.ipynb."""
    if classe.endswith(".ipynb"):
        return classe.removesuffix(".ipynb").replace(".", "/") + ".ipynb"
    return classe.replace(".", "/") + ".py"


def duracoes(junit: Path) -> dict[str, float]:
    """{arquivo relativo à raiz: segundos} a partir de um relatório JUnit do pytest."""
    total: dict[str, float] = defaultdict(float)
    for caso in ET.parse(junit).getroot().iter("testcase"):
        total[_arquivo(caso.get("classname", ""))] += float(caso.get("time", 0))
    return {a: round(s, 1) for a, s in sorted(total.items(), key=lambda kv: -kv[1])}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    tabela = duracoes(Path(argv[0]))
    DESTINO.write_text(json.dumps(tabela, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for arquivo, segundos in list(tabela.items())[:12]:
        print(f"{segundos:8.1f} s  {arquivo}")
    print(f"{len(tabela)} arquivos em {DESTINO.relative_to(RAIZ)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
