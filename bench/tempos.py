"""Tempo de parede de `make book` (do zero) e de `make test`, com o ambiente já instalado.

Metas do curso numa máquina de 2 núcleos: `make test` ≤ 10 min e `make book` ≤ 60 s.

Uso: python -m bench.tempos   (ou `make bench`; leva o tempo de um `make test`)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time

from bench.comum import RAIZ, comando_atual, gravar


def cronometrar(alvo: str) -> tuple[float, int]:
    inicio = time.perf_counter()
    processo = subprocess.run(["make", alvo], cwd=RAIZ, capture_output=True, text=True)
    return time.perf_counter() - inicio, processo.returncode


def main() -> int:
    shutil.rmtree(RAIZ / "_build", ignore_errors=True)  # o livro do zero
    resultados = {}
    for alvo, meta in [("book", 60), ("test", 600)]:
        segundos, codigo = cronometrar(alvo)
        resultados[f"make_{alvo}"] = {"segundos": round(segundos, 1), "codigo_de_saida": codigo, "meta_s": meta}
        print(f"make {alvo}: {segundos:.1f} s (código {codigo}; meta ≤ {meta} s)")
    caminho = gravar("tempos", resultados, comando_atual())
    print(f"resultados em {caminho}")
    return 0 if all(r["codigo_de_saida"] == 0 for r in resultados.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
