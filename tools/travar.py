"""Gera constraints.txt: as versões exatas de todo o ambiente (diretas e indiretas) do .venv.

Uso: .venv/bin/python tools/travar.py   (depois de instalar requirements.txt num .venv limpo)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
CABECALHO = """\
# Versões exatas de todo o ambiente testado (gerado por tools/travar.py a partir do .venv).
# O Makefile instala requirements.txt com estas restrições (pip install -r requirements.txt -c constraints.txt).
"""


def main() -> int:
    congelado = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True, text=True, check=True
    ).stdout
    linhas = sorted((x for x in congelado.splitlines() if "==" in x), key=str.lower)
    (RAIZ / "constraints.txt").write_text(CABECALHO + "\n".join(linhas) + "\n", encoding="utf-8")
    print(f"constraints.txt: {len(linhas)} pacotes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
