"""Limpa o ruído de metadados dos cadernos sem tocar nas saídas (gancho do pre-commit).

* remove ``metadata.widgets`` sem o estado dos widgets (quebra a renderização no site);
* remove metadados de células que só registram a interface de quem editou
  (``collapsed``, ``scrolled``, ``execution``, ``ExecuteTime``) e tags vazias.

Uso: python tools/limpar_metadados.py caderno.ipynb [...]   (sai com 1 se alterou algo)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ESTADO_WIDGETS = "application/vnd.jupyter.widget-state+json"
RUIDO_CELULA = ("collapsed", "scrolled", "execution", "ExecuteTime")


def limpar(nb: dict) -> dict:
    widgets = nb.get("metadata", {}).get("widgets")
    if widgets is not None and ESTADO_WIDGETS not in widgets:
        del nb["metadata"]["widgets"]
    for celula in nb.get("cells", []):
        meta = celula.get("metadata", {})
        for chave in RUIDO_CELULA:
            meta.pop(chave, None)
        if meta.get("tags") == []:
            del meta["tags"]
    return nb


def main(argv: list[str]) -> int:
    alterados = 0
    for nome in argv:
        caminho = Path(nome)
        original = caminho.read_text(encoding="utf-8")
        nb = limpar(json.loads(original))
        novo = json.dumps(nb, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
        if novo != original:
            caminho.write_text(novo, encoding="utf-8")
            print(f"limpo: {caminho}")
            alterados += 1
    return 1 if alterados else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
