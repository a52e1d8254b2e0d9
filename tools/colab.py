"""Mantém os selos "Abrir no Colab" e as células de instalação em sincronia com _config.yml.

A URL do repositório existe num só lugar, ``_config.yml`` (``repository.url`` e
``repository.branch``). Daqui saem:

* o link do selo de cada caderno:
  ``https://colab.research.google.com/github/<dono>/<repo>/blob/<ramo>/notebooks/<nome>.ipynb``
* a instalação do pacote de apoio no Colab: ``git+<url>.git@<ramo>``

A célula de instalação de cada caderno é conferida pela sua árvore sintática
(:func:`problemas_instalacao`): só no Colab, ``--no-deps``, a URL de ``_config.yml``, nenhuma
versão fixada e nada do que o Colab já tem reinstalado.

Uso:  python tools/colab.py                     # confere (sai com código 1 se algo divergir)
      python tools/colab.py --corrigir          # reescreve os cadernos com as URLs de _config.yml
      python tools/colab.py --url URL [--ramo R] # troca a URL em _config.yml e corrige os cadernos
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from pathlib import Path

import yaml

RAIZ = Path(__file__).resolve().parents[1]
PADRAO_SELO = re.compile(r"https://colab\.research\.google\.com/github/[^\s)\"']+?\.ipynb")
PADRAO_PIP = re.compile(r"git\+https://[^\s\"']+?\.git@[\w./-]+")
PADRAO_REPOSITORIO = re.compile(r"^https://github\.com/[\w.-]+/[\w.-]+$")

#: O que o Colab já traz e a instalação nunca pode reinstalar (trocaria a versão do Colab).
PROTEGIDOS = {"torch", "torchvision", "torchaudio", "ipywidgets", "ipython", "ipykernel", "numpy", "matplotlib"}
#: Opções do pip que reinstalam ou atualizam o que já existe, ou leem uma lista de fora da célula.
OPCOES_PROIBIDAS = {"-U", "--upgrade", "--force-reinstall", "-I", "--ignore-installed", "-r", "--requirement"}
PADRAO_VERSAO = re.compile(r"[=<>!~@]")


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


def url_crua(caminho: str, raiz: Path = RAIZ) -> str:
    """Endereço do arquivo ``caminho`` do repositório no raw.githubusercontent.com."""
    url, ramo = repositorio(raiz)
    return url.replace("https://github.com/", "https://raw.githubusercontent.com/") + f"/{ramo}/{caminho}"


def cadernos(raiz: Path = RAIZ) -> list[Path]:
    return sorted(p for p in (raiz / "notebooks").glob("*.ipynb"))


def _fontes(nb: dict) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in nb["cells"]]


def fontes_de_codigo(nb: dict) -> list[str]:
    """As células de código, com as linhas mágicas do IPython (``%``, ``!``) viradas comentário."""
    return [_sem_magicas(fonte) for celula, fonte in zip(nb["cells"], _fontes(nb)) if celula["cell_type"] == "code"]


def _sem_magicas(fonte: str) -> str:
    """As linhas mágicas do IPython (``%``, ``!``) viradas comentário: o resto é Python."""
    return re.sub(r"(?m)^(\s*)([%!])", r"\1# \2", fonte)


# --- a célula de instalação, lida pela árvore sintática -------------------------------------------


def _comandos_pip(arvore: ast.AST) -> list[tuple[ast.List, list[str | None]]]:
    """Cada lista literal que monta um ``pip install``, com os argumentos que se sabe ler.

    Um argumento é lido se for um texto, ``sys.executable`` ou um nome atribuído a um texto no
    topo da célula; os outros viram ``None``.
    """
    textos = {
        alvo.id: no.value.value
        for no in getattr(arvore, "body", [])
        if isinstance(no, ast.Assign) and isinstance(no.value, ast.Constant) and isinstance(no.value.value, str)
        for alvo in no.targets
        if isinstance(alvo, ast.Name)
    }

    def ler(no: ast.expr) -> str | None:
        if isinstance(no, ast.Constant) and isinstance(no.value, str):
            return no.value
        if isinstance(no, ast.Name):
            return textos.get(no.id)
        if isinstance(no, ast.Attribute) and ast.unparse(no) == "sys.executable":
            return "<python>"
        return None

    comandos = []
    for no in ast.walk(arvore):
        if isinstance(no, ast.List):
            args = [ler(e) for e in no.elts]
            if "pip" in args and "install" in args:
                comandos.append((no, args))
    return comandos


def _so_no_colab(arvore: ast.AST, alvo: ast.AST) -> bool:
    """``alvo`` está dentro de um ``if "google.colab" in sys.modules:``?"""
    for no in ast.walk(arvore):
        if isinstance(no, ast.If) and ast.unparse(no.test) == "'google.colab' in sys.modules":
            if any(filho is alvo for corpo in no.body for filho in ast.walk(corpo)):
                return True
    return False


def extras_da_instalacao(fonte: str) -> list[str]:
    """Os pacotes que a célula instala além do pacote do curso (nomes, sem opções)."""
    try:
        arvore = ast.parse(fonte)
    except SyntaxError:
        return []
    return [
        a
        for _, args in _comandos_pip(arvore)
        for a in args[args.index("install") + 1 :]
        if a is not None and not a.startswith("-") and not a.startswith("git+")
    ]


def problemas_instalacao(fonte: str, url: str) -> list[str]:
    """O que está errado na célula de instalação ``fonte`` (lista vazia se nada)."""
    try:
        arvore = ast.parse(fonte)
    except SyntaxError as erro:
        return [f"a célula de instalação não é Python válido: {erro}"]
    comandos = _comandos_pip(arvore)
    if len(comandos) != 1:
        return [f"esperava um único `pip install` na célula de instalação, achei {len(comandos)}"]
    lista, args = comandos[0]
    erros = []
    if None in args:
        erros.append(f"argumento do pip que o teste não sabe ler: {ast.unparse(lista)}")
    if not _so_no_colab(arvore, lista):
        erros.append('o pip precisa estar dentro de `if "google.colab" in sys.modules:`')
    if args[:4] != ["<python>", "-m", "pip", "install"]:
        erros.append(f"o comando precisa começar com [sys.executable, '-m', 'pip', 'install']: {args[:4]}")
    if "--no-deps" not in args:
        erros.append("falta --no-deps (sem ele o pip pode trocar o torch do Colab)")
    if url not in args:
        erros.append(f"a instalação não usa a URL de _config.yml ({url})")
    for a in args[4:]:
        if a is None or a == url:
            continue
        if a in OPCOES_PROIBIDAS:
            erros.append(f"opção proibida na instalação: {a}")
        elif a.startswith("-"):
            continue
        elif a.startswith("git+"):
            erros.append(f"instala de outro repositório: {a}")
        elif PADRAO_VERSAO.search(a):
            erros.append(f"versão fixada na instalação: {a}")
        elif re.split(r"[\[\s]", a)[0].lower() in PROTEGIDOS:
            erros.append(f"reinstala um pacote que o Colab já tem: {a}")
    return erros


def celula_instalacao(nb: dict) -> str | None:
    """A fonte da célula de instalação (a que menciona ``google.colab``), se houver uma só."""
    candidatas = [f for f in fontes_de_codigo(nb) if "google.colab" in f]
    return candidatas[0] if len(candidatas) == 1 else None


# --- importações: só o que o Colab já tem, ou o que a célula de instalação instala ---------------

#: A lista de pacotes do Colab (``pip freeze`` publicado pelo Google; a origem está no cabeçalho).
LISTA_DO_COLAB = RAIZ / "tests" / "colab" / "pip-freeze.txt"
#: Módulos que o Colab oferece sem aparecerem no ``pip freeze``.
MODULOS_DO_COLAB = {"google"}


def _normalizar(nome: str) -> str:
    return re.sub(r"[-_.]+", "-", nome).lower()


def pacotes_do_colab(lista: Path = LISTA_DO_COLAB) -> set[str]:
    """Nomes normalizados das distribuições pré-instaladas no Colab."""
    nomes = set()
    for linha in lista.read_text(encoding="utf-8").splitlines():
        linha = linha.strip()
        if linha and not linha.startswith("#"):
            nomes.add(_normalizar(re.split(r"\s*(?:==|@)\s*", linha, maxsplit=1)[0]))
    return nomes


def modulos_importados(fonte: str) -> set[str]:
    """Os módulos de topo importados por ``fonte`` (sem as importações relativas)."""
    modulos = set()
    for no in ast.walk(_arvore(fonte)):
        if isinstance(no, ast.Import):
            modulos |= {a.name.split(".")[0] for a in no.names}
        elif isinstance(no, ast.ImportFrom) and no.level == 0 and no.module:
            modulos.add(no.module.split(".")[0])
    return modulos


def importacoes_fora_do_colab(fontes: list[str], extras: list[str], pacotes: set[str] | None = None) -> list[str]:
    """Módulos importados por ``fontes`` que o Colab não tem e a instalação (``extras``) não traz."""
    from importlib.metadata import packages_distributions

    pacotes = pacotes_do_colab() if pacotes is None else pacotes
    instalados = {_normalizar(e) for e in extras} | {"redesconv"}
    distribuicoes = packages_distributions()
    fora = []
    for modulo in sorted(set().union(*map(modulos_importados, fontes))):
        if modulo in sys.stdlib_module_names or modulo in MODULOS_DO_COLAB:
            continue
        nomes = {_normalizar(d) for d in distribuicoes.get(modulo, [modulo])}
        if not nomes & (pacotes | instalados):
            fora.append(f"{modulo} (pacote {', '.join(sorted(nomes))})")
    return fora


# --- conferir e corrigir os cadernos ---------------------------------------------------------------


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
    fonte = celula_instalacao(nb)
    if fonte is None:
        erros.append(f"{caderno.name}: precisa de exatamente uma célula de instalação (com google.colab)")
    else:
        erros += [f"{caderno.name}: {e}" for e in problemas_instalacao(fonte, url_pip(raiz))]
        outras = [f for f in fontes_de_codigo(nb) if f != fonte and _comandos_pip(_arvore(f))]
        outras += [f for f in _fontes(nb) if re.search(r"(?m)^\s*[%!]\s*pip\b", f)]
        if outras:
            erros.append(f"{caderno.name}: pip fora da célula de instalação: {outras[0][:80]!r}")
    return erros


def _arvore(fonte: str) -> ast.AST:
    """A árvore sintática de ``fonte``, com as linhas mágicas do IPython como comentário (vazia se inválida)."""
    try:
        return ast.parse(_sem_magicas(fonte))
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def corrigir(caderno: Path, raiz: Path = RAIZ) -> None:
    nb = json.loads(caderno.read_text(encoding="utf-8"))
    for celula, fonte in zip(nb["cells"], _fontes(nb)):
        novo = PADRAO_PIP.sub(url_pip(raiz), PADRAO_SELO.sub(url_colab(caderno, raiz), fonte))
        if novo != fonte:
            celula["source"] = novo.splitlines(keepends=True)
    caderno.write_text(json.dumps(nb, sort_keys=True, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def trocar_url(url: str, ramo: str | None = None, raiz: Path = RAIZ) -> None:
    """Grava ``url`` (e ``ramo``) em ``_config.yml``, sem mexer no resto do arquivo."""
    url = url.rstrip("/").removesuffix(".git")
    if not PADRAO_REPOSITORIO.match(url):
        raise ValueError(f"URL de repositório inválida: {url!r} (esperava https://github.com/<dono>/<repositório>)")
    arquivo = raiz / "_config.yml"
    texto = arquivo.read_text(encoding="utf-8")
    texto, n = re.subn(r"(?m)^(repository:\n(?:[ \t]+.*\n|[ \t]*#.*\n)*?[ \t]+url:[ \t]*)\S+", rf"\g<1>{url}", texto)
    if n != 1:
        raise ValueError("não achei `repository: url:` em _config.yml")
    if ramo:
        texto, n = re.subn(
            r"(?m)^(repository:\n(?:[ \t]+.*\n|[ \t]*#.*\n)*?[ \t]+branch:[ \t]*)\S+", rf"\g<1>{ramo}", texto
        )
        if n != 1:
            raise ValueError("não achei `repository: branch:` em _config.yml")
    arquivo.write_text(texto, encoding="utf-8")


def divergencia_no_github(ambiente: dict | os._Environ = os.environ, raiz: Path = RAIZ) -> str | None:
    """No GitHub Actions, a URL gravada precisa ser a do repositório que roda os testes.

    Devolve a mensagem de erro em português, ou ``None`` se coincidem ou se não estamos no GitHub.
    """
    if ambiente.get("GITHUB_ACTIONS") != "true" or not ambiente.get("GITHUB_REPOSITORY"):
        return None
    servidor = ambiente.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    esperada = f"{servidor}/{ambiente['GITHUB_REPOSITORY']}"
    gravada, _ = repositorio(raiz)
    if gravada.lower() == esperada.lower():
        return None
    return (
        f"_config.yml aponta para {gravada}, mas estes testes rodam em {esperada}. "
        "Os selos 'Abrir no Colab' e as células de instalação levariam os alunos a outro repositório. "
        f"Corrija com `make colab URL={esperada}` e faça commit de _config.yml e dos cadernos."
    )


def main(argv: list[str]) -> int:
    if "--url" in argv:
        i = argv.index("--url")
        ramo = argv[argv.index("--ramo") + 1] if "--ramo" in argv else None
        try:
            trocar_url(argv[i + 1], ramo)
        except (IndexError, ValueError) as erro:
            print(f"Erro: {erro}")
            return 2
    if "--corrigir" in argv or "--url" in argv:
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
