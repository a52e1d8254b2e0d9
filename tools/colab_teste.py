"""Executa cada capítulo como no Colab: a pilha do Colab, o ramo do Colab da instalação, outra pasta.

``make colab-test`` (fora de ``make test``: leva de 10 a 15 minutos numa máquina de 2 núcleos):

1. monta ``.venv-colab`` com a pilha do Colab: Python 3.13 (do pyenv ou ``python3.13`` no PATH;
   senão o Python deste processo, com um aviso) e, com as versões da lista de pacotes do Colab
   (``tests/colab/pip-freeze.txt``), torch, torchvision, ipywidgets, IPython, ipykernel, numpy,
   matplotlib, pandas e o que executa cadernos — nada mais (nem torchinfo, nem o pacote do curso);
2. torna ``google.colab`` importável e importado ao iniciar o kernel, como no Colab: cada célula
   de instalação toma o ramo do Colab e instala o pacote com o mesmo ``pip install --no-deps``,
   só com a URL trocada pela deste repositório local (``git+file://…@<commit atual>``);
3. copia cada caderno para uma pasta de rascunho fora do repositório e o executa de cima a baixo;
4. relata, por caderno: passou ou falhou, tempo, avisos impressos e quais saídas comparadas pelo
   nbval diferem das gravadas (com um torch mais antigo, algumas casas podem mudar: são listadas,
   não reprovam). Sai com código 1 se algum caderno falhar.

Uso:  python tools/colab_teste.py [caderno.ipynb ...] [--relatorio arquivo.md]
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
VENV = RAIZ / ".venv-colab"
LISTA = RAIZ / "tests" / "colab" / "pip-freeze.txt"
#: A pilha do Colab que os capítulos usam, com as versões da lista do Colab.
PILHA = [
    "torch", "torchvision", "ipywidgets", "ipython", "ipykernel", "jupyter_client", "traitlets",
    "numpy", "matplotlib", "pandas", "pillow", "tqdm", "PyYAML", "nbformat", "nbclient", "pyzmq", "tornado",
]  # fmt: skip
IGNORAR = {"nbval-ignore-output", "nbval-skip"}


def versoes_do_colab(lista: Path = LISTA) -> dict[str, str]:
    """{nome normalizado: versão} da lista do Colab (``torch @ …/torch-2.11.0%2Bcpu-…`` → 2.11.0)."""
    versoes = {}
    for linha in lista.read_text(encoding="utf-8").splitlines():
        if linha.startswith("#") or not linha.strip():
            continue
        if "==" in linha:
            nome, versao = linha.split("==", 1)
        elif " @ " in linha:
            nome, url = linha.split(" @ ", 1)
            achou = re.search(r"-(\d+(?:\.\d+)+)(?:%2B|\+|-)", url)
            if not achou:
                continue
            versao = achou.group(1)
        else:
            continue
        versoes[re.sub(r"[-_.]+", "-", nome.strip()).lower()] = versao.strip()
    return versoes


def requisitos(lista: Path = LISTA) -> list[str]:
    versoes = versoes_do_colab(lista)
    return [f"{p}=={versoes[re.sub(r'[-_.]+', '-', p).lower()]}" for p in PILHA]


def python_313() -> tuple[str, str | None]:
    """(executável, aviso): o Python 3.13 do pyenv ou do PATH; senão este, com um aviso."""
    candidatos = []
    try:
        raiz_pyenv = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=True).stdout.strip()
        candidatos += sorted(Path(raiz_pyenv, "versions").glob("3.13*/bin/python3.13"), reverse=True)
    except (OSError, subprocess.CalledProcessError):
        pass
    candidatos += [Path(p) for p in [shutil.which("python3.13")] if p]
    for candidato in candidatos:
        if candidato.exists():
            return str(candidato), None
    return sys.executable, (
        f"AVISO: não achei Python 3.13 (pyenv ou python3.13 no PATH); uso {sys.version.split()[0]}. "
        "O Colab usa 3.13: este teste não o reproduz fielmente."
    )


def montar_venv() -> tuple[Path, list[str]]:
    """Cria (ou reaproveita) ``.venv-colab`` com a pilha do Colab. Devolve (python, avisos)."""
    avisos = []
    python = VENV / "bin" / "python"
    pedidos = requisitos()
    marca = VENV / ".pilha"
    if not (python.exists() and marca.exists() and marca.read_text(encoding="utf-8") == "\n".join(pedidos)):
        base, aviso = python_313()
        if aviso:
            avisos.append(aviso)
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run([base, "-m", "venv", str(VENV)], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        print("Instalando a pilha do Colab:", " ".join(pedidos), flush=True)
        subprocess.run([python, "-m", "pip", "install", "-q", *pedidos], check=True)
        marca.write_text("\n".join(pedidos), encoding="utf-8")
    # o pacote do curso não vem na pilha: quem o instala é a célula de instalação de cada caderno
    subprocess.run([python, "-m", "pip", "uninstall", "-q", "-y", "redesconv"], capture_output=True)
    return python, avisos


def url_local() -> tuple[str, list[str]]:
    """A URL ``git+file://`` do commit atual deste repositório, e um aviso se há mudanças fora dele."""
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=RAIZ, capture_output=True, text=True, check=True
    ).stdout.strip()
    sujos = subprocess.run(
        ["git", "status", "--porcelain", "--", "src", "bench", "setup.py", "pyproject.toml", "MANIFEST.in"],
        cwd=RAIZ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    avisos = [f"AVISO: mudanças não commitadas no pacote não entram na instalação:\n{sujos}"] if sujos else []
    return f"git+file://{RAIZ}@{commit}", avisos


def preparar_rascunho(pasta: Path) -> dict[str, str]:
    """Um ``google.colab`` de mentira, importado ao iniciar o kernel; devolve o ambiente do kernel."""
    modulo = pasta / "modulos" / "google" / "colab"
    modulo.mkdir(parents=True)
    (modulo / "__init__.py").write_text('"""Imitação do módulo do Colab (tools/colab_teste.py)."""\n')
    inicio = pasta / "ipython" / "profile_default" / "startup"
    inicio.mkdir(parents=True)
    (inicio / "00-colab.py").write_text(
        "import sys\nimport google.colab  # noqa: F401  (no Colab, já vem importado)\n"
        f"open({str(pasta / 'kernel.txt')!r}, 'w').write(sys.executable + ' ' + sys.version.split()[0])\n"
    )
    ambiente = dict(os.environ)
    ambiente.pop("CUDA_VISIBLE_DEVICES", None)
    ambiente.pop("TQDM_DISABLE", None)
    ambiente.update(
        PYTHONPATH=str(pasta / "modulos"),
        IPYTHONDIR=str(pasta / "ipython"),
        JUPYTER_DATA_DIR=str(pasta / "jupyter"),  # nenhuma especificação de kernel de fora
        PYDEVD_DISABLE_FILE_VALIDATION="1",  # sem o aviso do depurador do ipykernel 6 no Python 3.13
    )
    return ambiente


# --- dentro de .venv-colab: executar um caderno ---------------------------------------------------


def executar(caderno: Path, saida: Path) -> None:
    """Roda em ``.venv-colab``: executa ``caderno`` na pasta dele e grava o resultado em ``saida``."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(caderno, as_version=4)
    cliente = NotebookClient(
        nb, timeout=1200, kernel_name="python3", resources={"metadata": {"path": str(caderno.parent)}}
    )
    inicio = time.perf_counter()
    erro = None
    try:
        cliente.execute()
    except CellExecutionError as e:
        erro = str(e).strip().splitlines()[-1][:300]
    except Exception as e:  # noqa: BLE001 (o relatório precisa dizer qualquer falha)
        erro = f"{type(e).__name__}: {e}"[:300]
    segundos = time.perf_counter() - inicio
    nbformat.write(nb, caderno)
    saida.write_text(json.dumps({"segundos": segundos, "erro": erro}), encoding="utf-8")


# --- comparar com as saídas gravadas ----------------------------------------------------------------


def _sanitizadores() -> list[tuple[re.Pattern, str]]:
    cfg = configparser.ConfigParser()
    cfg.read(RAIZ / "tests" / "nbval_sanitize.cfg", encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


def _fonte(celula: dict) -> str:
    return "".join(celula["source"]) if isinstance(celula["source"], list) else celula["source"]


def _texto(saidas: list[dict]) -> str:
    """O que o nbval compara de cada saída: texto dos fluxos, text/plain e erros."""
    partes = []
    for s in saidas:
        if s["output_type"] == "stream":
            partes.append("".join(s["text"]))
        elif s["output_type"] in {"execute_result", "display_data"}:
            partes.append("".join(s.get("data", {}).get("text/plain", "")))
        elif s["output_type"] == "error":
            partes.append(f"{s['ename']}: {s['evalue']}")
    return "".join(partes)


def diferencas(gravado: dict, novo: dict) -> list[str]:
    """Células comparadas pelo nbval cuja saída nova difere da gravada (uma linha por célula)."""
    limpar = _sanitizadores()

    def normal(texto: str) -> str:
        for padrao, troca in limpar:
            texto = padrao.sub(troca, texto)
        return texto

    linhas = []
    codigo_g = [c for c in gravado["cells"] if c["cell_type"] == "code"]
    codigo_n = [c for c in novo["cells"] if c["cell_type"] == "code"]
    for i, (g, n) in enumerate(zip(codigo_g, codigo_n), start=1):
        tags = set(g.get("metadata", {}).get("tags", []))
        if tags & IGNORAR or "NBVAL_IGNORE_OUTPUT" in _fonte(g) or "NBVAL_SKIP" in _fonte(g):
            continue
        antes, depois = normal(_texto(g.get("outputs", []))), normal(_texto(n.get("outputs", [])))
        if antes != depois:
            a, d = antes.splitlines() or [""], depois.splitlines() or [""]
            k = next((j for j in range(max(len(a), len(d))) if (a + [""])[j : j + 1] != (d + [""])[j : j + 1]), 0)
            primeira = (a + [""] * len(d))[k].strip()[:70], (d + [""] * len(a))[k].strip()[:70]
            linhas.append(f"célula de código {i}: «{primeira[0]}» → «{primeira[1]}»")
    return linhas


def avisos_impressos(nb: dict) -> list[str]:
    """Linhas de aviso que o caderno imprimiu (fluxo stderr ou texto com 'Warning')."""
    achados = []
    for celula in nb["cells"]:
        for s in celula.get("outputs", []):
            if s["output_type"] == "stream":
                texto = "".join(s["text"])
                achados += [
                    linha.strip()
                    for linha in texto.splitlines()
                    if linha.strip() and (s["name"] == "stderr" or "Warning" in linha)
                ]
    return achados


def main(argv: list[str]) -> int:
    if argv[:1] == ["--executar"]:
        executar(Path(argv[1]), Path(argv[2]))
        return 0
    relatorio = None
    if "--relatorio" in argv:
        i = argv.index("--relatorio")
        relatorio = Path(argv[i + 1])
        del argv[i : i + 2]
    cadernos = [Path(a).resolve() for a in argv] or sorted((RAIZ / "notebooks").glob("*.ipynb"))

    sys.path.insert(0, str(RAIZ))
    from tools.colab import url_pip

    python, avisos = montar_venv()
    url, aviso_url = url_local()
    avisos += aviso_url
    versao = subprocess.run(
        [python, "-c", "import sys, torch, torchvision, ipywidgets, IPython, numpy, matplotlib;"
         "print(sys.version.split()[0], torch.__version__, torchvision.__version__, ipywidgets.__version__,"
         " IPython.__version__, numpy.__version__, matplotlib.__version__)"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    pilha = (
        f"Python {versao[0]}, torch {versao[1]}, torchvision {versao[2]}, ipywidgets {versao[3]}, "
        f"IPython {versao[4]}, numpy {versao[5]}, matplotlib {versao[6]}"
    )
    print(f"Pilha: {pilha}\nPacote instalado de: {url}", flush=True)

    linhas, detalhes, falhas = [], [], 0
    with tempfile.TemporaryDirectory(prefix="colab-teste-") as tmp:
        rascunho = Path(tmp)
        ambiente = preparar_rascunho(rascunho)
        conteudo = rascunho / "content"  # como /content no Colab: longe do repositório
        conteudo.mkdir()
        for caderno in cadernos:
            gravado = json.loads(caderno.read_text(encoding="utf-8"))
            copia = conteudo / caderno.name
            copia.write_text(caderno.read_text(encoding="utf-8").replace(url_pip(), url), encoding="utf-8")
            resultado = rascunho / "resultado.json"
            print(f"Executando {caderno.name}…", flush=True)
            subprocess.run(
                [python, __file__, "--executar", str(copia), str(resultado)], env=ambiente, cwd=conteudo, check=True
            )
            r = json.loads(resultado.read_text(encoding="utf-8"))
            novo = json.loads(copia.read_text(encoding="utf-8"))
            kernel = (rascunho / "kernel.txt").read_text(encoding="utf-8") if (rascunho / "kernel.txt").exists() else ""
            if not kernel.startswith(str(python)):
                r["erro"] = r["erro"] or f"o kernel não usou {python} ({kernel or 'sem registro'})"
            (rascunho / "kernel.txt").unlink(missing_ok=True)
            difs, avs = diferencas(gravado, novo), avisos_impressos(novo)
            falhas += bool(r["erro"])
            estado = "passou" if not r["erro"] else f"FALHOU: {r['erro']}"
            linhas.append(f"| {caderno.name} | {estado} | {r['segundos']:.0f} s | {len(avs)} | {len(difs)} |")
            detalhes += [f"- {caderno.name}, aviso: {a}" for a in avs] + [f"- {caderno.name}, {d}" for d in difs]
            print(linhas[-1], flush=True)

    texto = "\n".join(
        [
            f"Pilha do Colab reproduzida: {pilha} (CPU).",
            f"Pacote do curso instalado pela célula de instalação, do commit {url.rsplit('@', 1)[1][:12]}.",
            "",
            "| caderno | resultado | tempo | avisos impressos | saídas comparadas que diferem |",
            "|---|---|---|---|---|",
            *linhas,
            "",
            *(["Detalhes:", *detalhes, ""] if detalhes else []),
            *avisos,
        ]
    )
    print("\n" + texto)
    if relatorio:
        relatorio.write_text(texto + "\n", encoding="utf-8")
    return 1 if falhas else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
