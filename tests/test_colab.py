"""O curso roda no Colab sem mudanças: o que se pode conferir sem o Colab.

* a célula de instalação de cada capítulo, lida pela árvore sintática: só no Colab, ``--no-deps``,
  a URL de ``_config.yml``, nenhuma versão fixada, nada do que o Colab já tem reinstalado — e o
  verificador acusa cada uma dessas falhas quando plantada;
* quando a instalação falha (ou o pacote falta fora do Colab), a célula para com uma mensagem
  em português, sem traceback;
* nenhum capítulo nem o pacote importa algo que o Colab não tenha (lista de pacotes do Colab em
  tests/colab/pip-freeze.txt, com a origem no cabeçalho), salvo o que a própria célula instala;
* a URL gravada é a do repositório que roda os testes no GitHub;
* os resultados gravados (bench/resultados-*.json) vão dentro do pacote instalado.

A execução de verdade na pilha do Colab é ``make colab-test`` (tools/colab_teste.py), fora de make test.
"""

import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tools import colab

RAIZ = Path(__file__).resolve().parents[1]
CADERNOS = colab.cadernos()


def _nb(caminho):
    return json.loads(caminho.read_text(encoding="utf-8"))


def _instalacao(caminho) -> str:
    fonte = colab.celula_instalacao(_nb(caminho))
    assert fonte is not None, f"{caminho.name}: sem uma célula de instalação única"
    return fonte


# --- a célula de instalação -----------------------------------------------------------------------


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.name)
def test_celula_de_instalacao(caminho):
    assert colab.problemas_instalacao(_instalacao(caminho), colab.url_pip()) == []
    assert colab.extras_da_instalacao(_instalacao(caminho)) == []  # nada além do pacote do curso


CELULA = _instalacao(CADERNOS[0])
PIP = '[sys.executable, "-m", "pip", "install", "-q", "--no-deps", PACOTE]'
assert PIP in CELULA, "a célula mudou de forma: atualize as mutações abaixo"

MUTACOES = {
    "sem --no-deps": (PIP, PIP.replace('"--no-deps", ', "")),
    "reinstala torch": (PIP, PIP.replace("PACOTE]", 'PACOTE, "torch"]')),
    "reinstala ipywidgets com extras": (PIP, PIP.replace("PACOTE]", 'PACOTE, "ipywidgets[all]"]')),
    "extra com versão fixada": (PIP, PIP.replace("PACOTE]", 'PACOTE, "torchinfo==1.8.0"]')),
    # a lista quebrada em linhas pelo formatador: a conferência por linha não via a versão
    "versão fixada numa lista de várias linhas": (
        PIP,
        PIP.replace("PACOTE]", 'PACOTE,\n            "numpy>=2",\n        ]'),
    ),
    "--upgrade": (PIP, PIP.replace('"-q"', '"-q", "--upgrade"')),
    "lista de requisitos de fora": (PIP, PIP.replace("PACOTE]", 'PACOTE, "-r", "requirements.txt"]')),
    "outra URL": ("redes-convolucionais.git@main", "outro-curso.git@main"),
    "URL por variável desconhecida": ('--no-deps", PACOTE]', '--no-deps", PACOTE + ""]'),
    "fora do if do Colab": ('if "google.colab" in sys.modules:', 'if "google.colab" in sys.modules or True:'),
    "dois pip": (PIP + ",", PIP + ",\n    ) and subprocess.run(" + PIP + ","),
    "Python inválido": ("import sys", "import sys("),
}


@pytest.mark.parametrize("nome", MUTACOES)
def test_verificador_da_instalacao_acusa_cada_mutacao(nome):
    antigo, novo = MUTACOES[nome]
    assert antigo in CELULA, nome
    assert colab.problemas_instalacao(CELULA.replace(antigo, novo), colab.url_pip()), nome


def test_extras_permitidos_sao_lidos():
    fonte = CELULA.replace(PIP, PIP.replace("PACOTE]", 'PACOTE, "torchinfo"]'))
    assert colab.problemas_instalacao(fonte, colab.url_pip()) == []
    assert colab.extras_da_instalacao(fonte) == ["torchinfo"]


def test_pip_fora_da_celula_de_instalacao_e_acusado(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "_config.yml").write_text((RAIZ / "_config.yml").read_text(encoding="utf-8"), encoding="utf-8")
    nb = _nb(CADERNOS[0])
    for extra in ["!pip install torchinfo", "%pip install -q torchinfo"]:
        nb["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "source": extra})
        caderno = tmp_path / "notebooks" / CADERNOS[0].name
        caderno.write_text(json.dumps(nb), encoding="utf-8")
        assert any("pip fora da célula de instalação" in e for e in colab.problemas(caderno, tmp_path)), extra
        nb["cells"].pop()


def _rodar_celula(fonte: str, preparo: str) -> subprocess.CompletedProcess:
    programa = f"{preparo}\nexec(compile({fonte!r}, 'celula', 'exec'))"
    return subprocess.run([sys.executable, "-c", programa], capture_output=True, text=True, timeout=120)


def test_instalacao_que_falha_para_com_mensagem_em_portugues(tmp_path):
    fonte = CELULA.replace(colab.url_pip(), f"git+file://{tmp_path}/nao-existe.git@main")
    r = _rodar_celula(fonte, "import sys, types; sys.modules['google.colab'] = types.ModuleType('google.colab')")
    assert r.returncode == 1
    assert "Não foi possível instalar o pacote de apoio do curso" in r.stderr
    assert "Traceback" not in r.stderr + r.stdout
    assert "nao-existe" in r.stdout  # o fim da mensagem do pip, para quem quiser o motivo


def test_fora_do_colab_sem_o_pacote_diz_como_instalar():
    r = _rodar_celula(CELULA, "import sys; sys.modules['redesconv'] = None  # como se não estivesse instalado")
    assert r.returncode == 1
    assert "não está instalado neste ambiente" in r.stderr and "make lab" in r.stderr
    assert "Traceback" not in r.stderr


def test_fora_do_colab_com_o_pacote_nao_faz_nada():
    r = _rodar_celula(CELULA, "")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


# --- importações ------------------------------------------------------------------------------------


def test_lista_do_colab_tem_a_origem_e_o_essencial():
    cabecalho = colab.LISTA_DO_COLAB.read_text(encoding="utf-8")[:400]
    assert "googlecolab/backend-info" in cabecalho and "a724079" in cabecalho
    assert {"torch", "torchvision", "ipywidgets", "matplotlib", "numpy", "ipython"} <= colab.pacotes_do_colab()
    assert "torchinfo" not in colab.pacotes_do_colab()


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.name)
def test_capitulo_so_importa_o_que_o_colab_tem(caminho):
    nb = _nb(caminho)
    extras = colab.extras_da_instalacao(_instalacao(caminho))
    fora = colab.importacoes_fora_do_colab(colab.fontes_de_codigo(nb), extras)
    assert fora == [], f"{caminho.name} importa o que o Colab não tem: {fora}. Use o que o Colab já traz."


def test_pacote_so_importa_o_que_o_colab_tem():
    fontes = [p.read_text(encoding="utf-8") for p in sorted((RAIZ / "src" / "redesconv").glob("*.py"))]
    assert colab.importacoes_fora_do_colab(fontes, []) == []


def test_dependencias_do_pacote_estao_no_colab():
    """A célula instala com --no-deps: cada dependência declarada precisa já estar no Colab."""
    projeto = tomllib.loads((RAIZ / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {colab._normalizar(d) for d in projeto["dependencies"]} <= colab.pacotes_do_colab()


@pytest.mark.parametrize(
    "fonte",
    [
        "import torchinfo",
        "from torchinfo import summary",
        "import numpy, torchinfo.model",
        "def f():\n    import modulo_que_o_colab_nao_tem",
    ],
)
def test_verificador_de_importacoes_acusa_o_que_falta(fonte):
    assert colab.importacoes_fora_do_colab([fonte], [])
    assert colab.importacoes_fora_do_colab(["%matplotlib inline\n" + fonte], [])


def test_verificador_de_importacoes_aceita_o_que_a_celula_instala():
    assert colab.importacoes_fora_do_colab(["import torchinfo"], ["torchinfo"]) == []
    assert colab.importacoes_fora_do_colab(["import json, yaml, google.colab\nfrom . import x"], []) == []


# --- a URL do repositório ---------------------------------------------------------------------------


def test_url_gravada_e_a_do_repositorio_que_roda_os_testes():
    """No GitHub Actions, compara com GITHUB_REPOSITORY; fora dele, não há o que comparar."""
    erro = colab.divergencia_no_github()
    assert erro is None, erro


def test_divergencia_no_github_explica_como_corrigir():
    url, _ = colab.repositorio()
    dono_repo = url.removeprefix("https://github.com/")
    gh = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com"}
    assert colab.divergencia_no_github({**gh, "GITHUB_REPOSITORY": dono_repo}) is None
    assert colab.divergencia_no_github({**gh, "GITHUB_REPOSITORY": dono_repo.upper()}) is None
    erro = colab.divergencia_no_github({**gh, "GITHUB_REPOSITORY": "fulana/meu-curso"})
    assert (
        "https://github.com/fulana/meu-curso" in erro and "make colab URL=https://github.com/fulana/meu-curso" in erro
    )
    assert colab.divergencia_no_github({"GITHUB_REPOSITORY": "fulana/meu-curso"}) is None  # fora do GitHub Actions


def test_trocar_url_muda_so_a_url_e_o_ramo(tmp_path):
    original = (RAIZ / "_config.yml").read_text(encoding="utf-8")
    (tmp_path / "_config.yml").write_text(original, encoding="utf-8")
    colab.trocar_url("https://github.com/fulana/meu-curso.git", "aulas", raiz=tmp_path)
    assert colab.repositorio(tmp_path) == ("https://github.com/fulana/meu-curso", "aulas")
    novo = (tmp_path / "_config.yml").read_text(encoding="utf-8")
    antigo_url, antigo_ramo = colab.repositorio()
    assert novo == original.replace(antigo_url, "https://github.com/fulana/meu-curso").replace(
        f"branch: {antigo_ramo}", "branch: aulas"
    )
    with pytest.raises(ValueError, match="URL de repositório inválida"):
        colab.trocar_url("github.com/sem-esquema", raiz=tmp_path)


def test_make_colab_com_url_reescreve_config_e_cadernos(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "_config.yml").write_text((RAIZ / "_config.yml").read_text(encoding="utf-8"), encoding="utf-8")
    caderno = tmp_path / "notebooks" / CADERNOS[0].name
    caderno.write_text(CADERNOS[0].read_text(encoding="utf-8"), encoding="utf-8")
    colab.trocar_url("https://github.com/fulana/meu-curso", raiz=tmp_path)
    assert colab.problemas(caderno, tmp_path)
    colab.corrigir(caderno, tmp_path)
    assert colab.problemas(caderno, tmp_path) == []
    assert "git+https://github.com/fulana/meu-curso.git@main" in caderno.read_text(encoding="utf-8")


# --- resultados gravados dentro do pacote -----------------------------------------------------------


def test_resultados_gravados_vao_dentro_do_pacote(tmp_path):
    # uma cópia limpa do que a construção usa (sem o build/ de construções anteriores na raiz)
    fonte = tmp_path / "fonte"
    shutil.copytree(
        RAIZ / "src" / "redesconv", fonte / "src" / "redesconv", ignore=shutil.ignore_patterns("__pycache__")
    )
    for nome in ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"]:
        shutil.copy(RAIZ / nome, fonte / nome)
    for pasta in ["bench", "experimentos"]:
        (fonte / pasta).mkdir()
        for arquivo in (RAIZ / pasta).glob("resultados-*.json"):
            shutil.copy(arquivo, fonte / pasta / arquivo.name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(fonte),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (roda,) = tmp_path.glob("redesconv-*.whl")
    gravados = sorted((RAIZ / "bench").glob("resultados-*.json"))
    assert gravados
    experimentos = sorted(p for p in (RAIZ / "experimentos").glob("resultados-*.json") if "-rapido" not in p.name)
    with zipfile.ZipFile(roda) as z:
        dentro = {n: z.read(n) for n in z.namelist() if n.startswith("redesconv/gravados/")}
    assert dentro == {f"redesconv/gravados/{a.name}": a.read_bytes() for a in gravados} | {
        f"redesconv/gravados/experimentos/{a.name}": a.read_bytes() for a in experimentos
    }


def test_ler_gravados_usa_a_primeira_pasta_com_resultados(tmp_path):
    from redesconv.gravados import PASTAS, ler_gravados

    assert PASTAS[0] == RAIZ / "bench"  # no repositório, os arquivos de bench/
    vazia, pacote = tmp_path / "vazia", tmp_path / "pacote"
    vazia.mkdir()
    pacote.mkdir()
    (pacote / "resultados-x.json").write_text('{"maquina": 1}', encoding="utf-8")
    (pacote / "outra-coisa.json").write_text("{}", encoding="utf-8")
    assert ler_gravados(pastas=(vazia, pacote)) == {"resultados-x.json": {"maquina": 1}}
    assert ler_gravados(pastas=(vazia,)) == {}


# --- make colab-test: as partes que não precisam da pilha do Colab -----------------------------------


def test_colab_teste_pede_as_versoes_da_lista_do_colab():
    from tools import colab_teste

    pedidos = colab_teste.requisitos()
    assert "torch==2.11.0" in pedidos and "torchvision==0.26.0" in pedidos  # das URLs de download.pytorch.org
    assert {"ipywidgets==7.7.1", "ipython==7.34.0", "numpy==2.1.3", "matplotlib==3.10.0"} <= set(pedidos)
    assert not any(p.startswith(("redesconv", "torchinfo")) for p in pedidos)  # quem instala é a célula


def test_colab_teste_acha_as_diferencas_e_os_avisos():
    from tools import colab_teste

    def nb(*textos, tags=()):
        celulas = [
            {"cell_type": "code", "source": "", "metadata": {"tags": list(tags)},
             "outputs": [{"output_type": "stream", "name": "stdout", "text": t}]}
            for t in textos
        ]  # fmt: skip
        return {"cells": [{"cell_type": "markdown", "source": "# t", "metadata": {}}, *celulas]}

    gravado = nb("acurácia 0,91\n", "<Rede at 0x7f00aa>\n")
    assert colab_teste.diferencas(gravado, nb("acurácia 0,91\n", "<Rede at 0x1234>\n")) == []  # endereço: ruído
    assert colab_teste.diferencas(gravado, nb("acurácia 0,92\n", "<Rede at 0x7f00aa>\n")) == [
        "célula de código 1: «acurácia 0,91» → «acurácia 0,92»"
    ]
    ignorada = nb("tempo 3 s\n", tags=["nbval-ignore-output"])
    assert colab_teste.diferencas(ignorada, nb("tempo 5 s\n")) == []  # o nbval também não compara
    novo = nb("ok\n")
    novo["cells"][1]["outputs"].append({"output_type": "stream", "name": "stderr", "text": "UserWarning: algo\n"})
    assert colab_teste.avisos_impressos(novo) == ["UserWarning: algo"]
