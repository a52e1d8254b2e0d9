"""Limpa o ruído de metadados dos cadernos sem tocar nas saídas (gancho do pre-commit).

* remove ``metadata.widgets`` sem o estado dos widgets (quebra a renderização no site);
* remove metadados de células que só registram a interface de quem editou
  (``collapsed``, ``scrolled``, ``execution``, ``ExecuteTime``) e tags vazias.

Uso: python tools/limpar_metadados.py caderno.ipynb [...]
     python tools/limpar_metadados.py --verificar caderno.ipynb [...]   (não grava; sai com 1 se algo
     precisaria ser limpo)

Um erro de leitura (arquivo que não existe, JSON inválido) sempre sai com código diferente de 0.
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
    verificar = "--verificar" in argv
    sujos = 0
    for nome in (a for a in argv if a != "--verificar"):
        caminho = Path(nome)
        original = caminho.read_text(encoding="utf-8")
        novo = json.dumps(limpar(json.loads(original)), sort_keys=True, ensure_ascii=False, indent=1) + "\n"
        if novo != original:
            sujos += 1
            if verificar:
                print(f"metadados a limpar: {caminho}")
            else:
                caminho.write_text(novo, encoding="utf-8")
                print(f"limpo: {caminho}")
    return 1 if verificar and sujos else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
