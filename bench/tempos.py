"""Os tempos de quem contribui, medidos num clone limpo, como a CI os vê.

Num clone novo do repositório (o último commit, sem nada do que não foi commitado), mede:

* ``bash .ci/run`` inteiro (pacotes do sistema, ambiente .venv do zero, `make test`) e, dentro
  dele, o tempo que o pytest relata;
* ``make test-rapido`` (o ciclo curto: unidade e propriedade) e ``make book`` (o livro do zero),
  com o ambiente que a CI acabou de instalar.

Metas do curso nesta máquina de 2 núcleos, quieta: ``.ci/run`` ≤ 10 min, pytest ≤ 8 min,
``make test-rapido`` ≤ 60 s, ``make book`` ≤ 60 s. Grava em ``bench/resultados-<máquina>.json``.

Uso: python -m bench.tempos   (ou `make bench`; leva uns 12 min; nada mais pesado deve rodar junto)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.comum import RAIZ, comando_atual, gravar

METAS_S = {"ci_run": 600, "pytest": 480, "make_test_rapido": 60, "make_book": 60}


def cronometrar(comando: list[str], pasta: Path, ambiente: dict | None = None) -> tuple[float, int, str]:
    """(segundos de parede, código de saída, saída) de ``comando`` em ``pasta``."""
    inicio = time.perf_counter()
    processo = subprocess.run(
        comando, cwd=pasta, capture_output=True, text=True, env={**os.environ, **(ambiente or {})}
    )
    return time.perf_counter() - inicio, processo.returncode, processo.stdout + processo.stderr


def segundos_do_pytest(saida: str) -> float | None:
    """O tempo que o pytest relata na última linha ("… passed in 384.06s (0:06:24) …")."""
    achados = re.findall(r"\b(?:passed|failed|error|errors)\b[^\n]* in ([\d.]+)s", saida)
    return float(achados[-1]) if achados else None


def mais_lentos(saida: str) -> list[str]:
    """As linhas de ``--durations`` do pytest ("171.84s call     notebooks/05-….ipynb::Cell 23")."""
    return re.findall(r"^\d+\.\d+s (?:call|setup|teardown) +\S.*$", saida, flags=re.MULTILINE)


def main() -> int:
    clone = Path(tempfile.mkdtemp(prefix="tempos-")) / "repositorio"
    subprocess.run(["git", "clone", "-q", str(RAIZ), str(clone)], check=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=clone, capture_output=True, text=True)
    resultados: dict = {"commit": commit.stdout.strip()}
    try:
        segundos, codigo, saida = cronometrar(["bash", ".ci/run"], clone, {"CI": "true"})
        resultados["ci_run"] = {"segundos": round(segundos, 1), "codigo_de_saida": codigo}
        pytest = segundos_do_pytest(saida)
        resultados["pytest"] = {"segundos": pytest, "codigo_de_saida": codigo}
        resumo = re.findall(r"=+ (.*(?:passed|failed).*) =+", saida)
        resultados["pytest"]["resumo"] = resumo[-1] if resumo else None
        resultados["pytest"]["mais_lentos"] = mais_lentos(saida)[:15]
        for alvo in ["test-rapido", "book"]:
            segundos, codigo, _ = cronometrar(["make", alvo], clone)
            resultados[f"make_{alvo.replace('-', '_')}"] = {"segundos": round(segundos, 1), "codigo_de_saida": codigo}
    finally:
        shutil.rmtree(clone.parent, ignore_errors=True)
    for chave, meta in METAS_S.items():
        r = resultados[chave]
        r["meta_s"] = meta
        print(f"{chave:18} {r['segundos']} s (código {r['codigo_de_saida']}; meta ≤ {meta} s)")
    caminho = gravar("tempos", resultados, comando_atual())
    print(f"resultados em {caminho} (commit {resultados['commit']})")
    return 0 if all(resultados[c]["codigo_de_saida"] == 0 for c in METAS_S) else 1


if __name__ == "__main__":
    sys.exit(main())
