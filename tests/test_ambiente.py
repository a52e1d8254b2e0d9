"""O ambiente instalado é o que constraints.txt trava, e requirements.txt não diverge dele."""

import re
from importlib import metadata
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


def _normalizar(nome: str) -> str:
    return re.sub(r"[-_.]+", "-", nome).lower()


def _fixados(arquivo: str) -> dict[str, str]:
    fixados = {}
    for linha in (RAIZ / arquivo).read_text(encoding="utf-8").splitlines():
        linha = linha.split("#")[0].strip()
        if "==" in linha:
            nome, versao = linha.split("==")
            assert _normalizar(nome) not in fixados, f"{nome} aparece duas vezes em {arquivo}"
            fixados[_normalizar(nome)] = versao.strip()
    return fixados


def test_requirements_e_constraints_concordam():
    diretos, travados = _fixados("requirements.txt"), _fixados("constraints.txt")
    for nome, versao in diretos.items():
        assert travados.get(nome) == versao, (
            f"{nome}: requirements.txt diz {versao}, constraints.txt {travados.get(nome)}"
        )


def test_ambiente_instalado_e_o_travado():
    diferentes = []
    for nome, versao in _fixados("constraints.txt").items():
        try:
            instalada = metadata.version(nome)
        except metadata.PackageNotFoundError:
            instalada = None
        if instalada != versao:
            diferentes.append(f"{nome}: travado {versao}, instalado {instalada}")
    assert not diferentes, "\n".join(diferentes)


def test_makefile_instala_com_as_restricoes():
    assert "-r requirements.txt -c constraints.txt" in (RAIZ / "Makefile").read_text(encoding="utf-8")


# --- os workflows do GitHub dizem o que fazem --------------------------------------------------------


def _workflow(nome: str) -> dict:
    import yaml

    dados = yaml.safe_load((RAIZ / ".github" / "workflows" / nome).read_text(encoding="utf-8"))
    dados["on"] = dados.pop(True, dados.get("on"))  # o YAML 1.1 lê a chave `on` como True
    return dados


def _comandos(job: dict) -> list[str]:
    return [passo.get("run", "") for passo in job["steps"]]


def test_workflow_de_testes_roda_o_mesmo_script_da_ci():
    wf = _workflow("testes.yml")
    (job,) = wf["jobs"].values()
    assert "bash .ci/run" in _comandos(job)
    assert job["container"].startswith("debian:bookworm")  # o Debian 12 das máquinas e do .ci/run
    assert set(wf["on"]) >= {"push", "pull_request"}


def test_site_so_publica_depois_dos_testes():
    wf = _workflow("site.yml")
    assert wf["on"]["workflow_run"]["workflows"] == ["testes"]
    assert wf["on"]["workflow_run"]["branches"] == ["main"]
    assert wf["concurrency"]["group"] and wf["concurrency"]["cancel-in-progress"] is False
    (job,) = wf["jobs"].values()
    assert "github.event.workflow_run.conclusion == 'success'" in job["if"]
    comandos = _comandos(job)
    colab = next(i for i, c in enumerate(comandos) if c.startswith("make colab URL="))
    site = next(i for i, c in enumerate(comandos) if c.split()[-2:] == ["make", "site"])
    assert "github.repository" in comandos[colab] and colab < site, "a URL do Colab antes de construir o site"
    assert "CHROMIUM=" in comandos[site], "o PDF é impresso pelo Chrome do runner, sem baixar navegador"
    assert not any(c.startswith("make book") or "tools/pdf.py" in c for c in comandos), "o workflow usa `make site`"
    checkout = job["steps"][0]
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"  # o commit testado


def _receita(alvo: str) -> tuple[list[str], list[str]]:
    """(pré-requisitos, linhas da receita) de um alvo do Makefile."""
    linhas = (RAIZ / "Makefile").read_text(encoding="utf-8").splitlines()
    i = next(n for n, linha in enumerate(linhas) if linha.startswith(f"{alvo}:"))
    prereqs = linhas[i].split(":", 1)[1].split()
    receita = []
    for linha in linhas[i + 1 :]:
        if not linha.startswith("\t"):
            break
        receita.append(linha.strip())
    return prereqs, receita


def test_make_site_constroi_livro_slides_e_pdf_nessa_ordem_e_make_pdf_nao_apaga_os_slides():
    prereqs, receita = _receita("site")
    assert "book" in prereqs, "o site começa pelo livro construído do zero"
    slides = next(i for i, c in enumerate(receita) if "tools/slides.py" in c)
    pdf = next(i for i, c in enumerate(receita) if "tools/pdf.py" in c)
    assert slides < pdf, "os slides e depois o PDF, sobre o mesmo site"
    assert not any("jupyter-book" in c or "rm -rf" in c for c in receita[slides:]), "nada reconstrói o site depois"
    prereqs_pdf, receita_pdf = _receita("pdf")
    # make pdf reconstrói o site (alvo book): só é aceitável se os slides vierem de novo depois
    assert prereqs_pdf == ["site"] and not receita_pdf, "make pdf = make site (senão apagaria os slides)"


def test_job_da_gpu_roda_cadernos_e_benchmarks_e_guarda_os_resultados():
    wf = _workflow("gpu.yml")
    (job,) = wf["jobs"].values()
    comandos = _comandos(job)
    assert any("executar_cadernos.py --gpu" in c for c in comandos)
    assert "make bench" in comandos
    envio = next(p for p in job["steps"] if "upload-artifact" in p.get("uses", ""))
    assert "bench/resultados-*.json" in envio["with"]["path"]


def test_workflow_do_colab_roda_make_colab_test():
    wf = _workflow("colab.yml")
    (job,) = wf["jobs"].values()
    assert "make colab-test" in _comandos(job)
    assert "notebooks/**" in wf["on"]["push"]["paths"] and "src/**" in wf["on"]["push"]["paths"]
