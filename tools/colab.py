"""Mantém os selos "Abrir no Colab" e as células de instalação em sincronia com _config.yml.

A URL do repositório existe num só lugar, ``_config.yml`` (``repository.url`` e
``repository.branch``). Daqui saem:

* o link do selo de cada caderno:
  ``https://colab.research.google.com/github/<dono>/<repo>/blob/<ramo>/notebooks/<nome>.ipynb``
* a instalação do pacote de apoio no Colab: ``git+<url>.git@<ramo>``

Uso:  python tools/colab.py            # confere (sai com código 1 se algo divergir)
      python tools/colab.py --corrigir # reescreve os cadernos com as URLs certas
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml

RAIZ = Path(__file__).resolve().parents[1]
PADRAO_SELO = re.compile(r"https://colab\.research\.google\.com/github/[^\s)\"']+?\.ipynb")
PADRAO_PIP = re.compile(r"git\+https://[^\s\"']+?\.git@[\w./-]+")


def repositorio(raiz: Path = RAIZ) -> tuple[str, str]:
    """(url sem barra final, ramo) de ``_config.yml``."""
    config = yaml.safe_load((raiz / "_config.yml").read_text(encoding="utf-8"))
    repo = config["repository"]
    return repo["url"].rstrip("/"), repo.get("branch", "main")


def url_colab(caderno: Path, raiz: Path = RAIZ) -> str:
    url, ramo = repositorio(raiz)
    caminho = caderno.resolve().relative_to(raiz).as_posix()
    return url.replace("https://github.com/", "https://colab.research.google.com/github/") + f"/blob/{ramo}/{caminho}"


def url_pip(raiz: Path = RAIZ) -> str:
    url, ramo = repositorio(raiz)
    return f"git+{url}.git@{ramo}"


def cadernos(raiz: Path = RAIZ) -> list[Path]:
    return sorted(p for p in (raiz / "notebooks").glob("*.ipynb"))


def _fontes(nb: dict) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in nb["cells"]]


def problemas(caderno: Path, raiz: Path = RAIZ) -> list[str]:
    """Divergências entre o caderno e a URL de ``_config.yml`` (lista vazia se tudo certo)."""
    nb = json.loads(caderno.read_text(encoding="utf-8"))
    texto = "\n".join(_fontes(nb))
    erros = []
    selos = PADRAO_SELO.findall(texto)
    if selos != [url_colab(caderno, raiz)]:
        erros.append(f"{caderno.name}: selo do Colab {selos} ≠ [{url_colab(caderno, raiz)}]")
    pips = PADRAO_PIP.findall(texto)
    if pips != [url_pip(raiz)]:
        erros.append(f"{caderno.name}: instalação no Colab {pips} ≠ [{url_pip(raiz)}]")
    return erros


def corrigir(caderno: Path, raiz: Path = RAIZ) -> None:
    nb = json.loads(caderno.read_text(encoding="utf-8"))
    for celula, fonte in zip(nb["cells"], _fontes(nb)):
        novo = PADRAO_PIP.sub(url_pip(raiz), PADRAO_SELO.sub(url_colab(caderno, raiz), fonte))
        if novo != fonte:
            celula["source"] = novo.splitlines(keepends=True)
    caderno.write_text(json.dumps(nb, sort_keys=True, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--corrigir" in argv:
        for caderno in cadernos():
            corrigir(caderno)
    erros = [e for caderno in cadernos() for e in problemas(caderno)]
    for e in erros:
        print(e)
    if erros:
        print("Rode `python tools/colab.py --corrigir` (ou `make colab`) para corrigir.")
    return 1 if erros else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
