"""Metadados e higiene dos cadernos: o que o nbval sozinho não garante.

* cada caderno está no sumário do livro, e cada capítulo do sumário existe;
* foi executado de cima a baixo num kernel limpo, sem erros gravados;
* ao menos 80% das células com saída são comparadas pelo nbval, e cada célula ignorada é
  seguida de uma verificação determinística;
* tem o selo "Abrir no Colab" e a instalação no Colab em sincronia com _config.yml e pede GPU
  ao Colab (a célula de instalação em si: tests/test_colab.py);
* o estado dos widgets foi gravado (senão o site mostra caixas vazias).
"""

import ast
import json
import re
from pathlib import Path

import pytest
import torch
import yaml

from tools import colab
from tools.limpar_metadados import ESTADO_WIDGETS, limpar

RAIZ = Path(__file__).resolve().parents[1]

CADERNOS = sorted((RAIZ / "notebooks").glob("*.ipynb"))
IGNORAR = {"nbval-ignore-output", "nbval-skip"}


def _fonte(celula) -> str:
    return "".join(celula["source"]) if isinstance(celula["source"], list) else celula["source"]


def _ignorada(celula) -> bool:
    fonte = _fonte(celula)
    tags = set(celula.get("metadata", {}).get("tags", []))
    return bool(tags & IGNORAR) or "NBVAL_IGNORE_OUTPUT" in fonte or "NBVAL_SKIP" in fonte


def _carregar(caminho):
    return json.loads(caminho.read_text(encoding="utf-8"))


def _arquivos_do_sumario():
    toc = yaml.safe_load((RAIZ / "_toc.yml").read_text(encoding="utf-8"))
    arquivos = [toc["root"]]
    pilha = list(toc.get("chapters", [])) + [c for p in toc.get("parts", []) for c in p.get("chapters", [])]
    while pilha:
        item = pilha.pop()
        arquivos.append(item["file"])
        pilha.extend(item.get("sections", []))
    return arquivos


def test_ha_cadernos():
    assert CADERNOS, "nenhum caderno em notebooks/"


def test_sumario_e_cadernos_coincidem():
    no_sumario = _arquivos_do_sumario()
    cadernos = {f"notebooks/{c.stem}" for c in CADERNOS}
    assert cadernos == {a for a in no_sumario if a.startswith("notebooks/")}
    for arquivo in no_sumario:
        assert any((RAIZ / f"{arquivo}{ext}").exists() for ext in (".md", ".ipynb")), arquivo


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.name)
def test_executado_de_cima_a_baixo_sem_erros(caminho):
    nb = _carregar(caminho)
    codigo = [c for c in nb["cells"] if c["cell_type"] == "code" and _fonte(c).strip()]
    contagens = [c.get("execution_count") for c in codigo]
    assert None not in contagens, "há células nunca executadas (o nbval não compararia nada nelas)"
    assert contagens == list(range(1, len(codigo) + 1)), "não foi executado de cima a baixo num kernel limpo"
    erros = [o for c in codigo for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not erros
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


# O texto que o matplotlib põe ao lado da imagem: o nbval o compara, mas ele não diz nada.
_REPR_FIGURA = re.compile(r"^<(?:matplotlib\.figure\.)?Figure size [\d.]+x[\d.]+ with \d+ Axes>$")
_SEM_TEXTO = {"image/png", "image/jpeg", "application/vnd.jupyter.widget-view+json"}


def compara_texto(celula) -> bool:
    """A célula tem alguma saída de texto que o nbval compara de verdade.

    O nbval não compara imagens: uma célula que só desenha uma figura não confere nada.
    """
    for saida in celula.get("outputs", []):
        if saida["output_type"] == "stream":
            return True
        for chave, valor in saida.get("data", {}).items():
            texto = "".join(valor) if isinstance(valor, list) else str(valor)
            if chave in _SEM_TEXTO or (chave == "text/plain" and _REPR_FIGURA.match(texto.strip())):
                continue
            return True
    return False


def _nomes(fonte: str) -> tuple[set[str], set[str]]:
    """(nomes definidos, nomes lidos) pelo código de uma célula (linhas mágicas % e ! ignoradas)."""
    codigo = "\n".join(linha for linha in fonte.splitlines() if not linha.lstrip().startswith(("%", "!")))
    definidos, lidos = set(), set()
    for no in ast.walk(ast.parse(codigo)):
        if isinstance(no, ast.Name):
            (definidos if isinstance(no.ctx, ast.Store) else lidos).add(no.id)
        elif isinstance(no, ast.FunctionDef | ast.ClassDef):
            definidos.add(no.name)
        elif isinstance(no, ast.alias):
            definidos.add((no.asname or no.name).split(".")[0])
    return definidos, lidos


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.name)
def test_nbval_compara_texto_em_ao_menos_80_por_cento(caminho):
    nb = _carregar(caminho)
    com_saida = [c for c in nb["cells"] if c["cell_type"] == "code" and c.get("outputs")]
    comparadas = [c for c in com_saida if not _ignorada(c) and compara_texto(c)]
    so_figura = [_fonte(c)[:50] for c in com_saida if not _ignorada(c) and not compara_texto(c)]
    assert len(comparadas) / len(com_saida) >= 0.8, (
        f"só {len(comparadas)}/{len(com_saida)} células comparam texto; só figura: {so_figura}"
    )


def test_figura_sozinha_nao_conta_como_comparada():
    figura = {"outputs": [{"output_type": "execute_result", "data": {
        "image/png": "iVBOR", "text/plain": ["<Figure size 990x374 with 2 Axes>"]}}]}  # fmt: skip
    assert not compara_texto(figura)
    figura["outputs"].insert(0, {"output_type": "stream", "name": "stdout", "text": "acurácia: 91,3%\n"})
    assert compara_texto(figura)


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.name)
def test_celula_ignorada_seguida_de_verificacao(caminho):
    """A verificação depois de uma célula ignorada confere o que ela produziu (usa um nome que ela
    definiu) e compara texto — não um fato verdadeiro por construção, como o tipo do dispositivo."""
    codigo = [c for c in _carregar(caminho)["cells"] if c["cell_type"] == "code"]
    for i, celula in enumerate(codigo):
        if _ignorada(celula):
            seguinte = codigo[i + 1] if i + 1 < len(codigo) else None
            assert seguinte is not None and not _ignorada(seguinte) and compara_texto(seguinte), (
                f"a célula ignorada {_fonte(celula)[:60]!r} precisa ser seguida de uma verificação comparada"
            )
            definidos, _ = _nomes(_fonte(celula))
            _, lidos = _nomes(_fonte(seguinte))
            assert definidos & lidos, (
                f"a verificação {_fonte(seguinte)[:60]!r} não usa nada do que a célula ignorada "
                f"{_fonte(celula)[:40]!r} produziu ({sorted(definidos)})"
            )


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.name)
def test_colab(caminho):
    nb = _carregar(caminho)
    assert colab.problemas(caminho) == []
    primeira = _fonte(nb["cells"][0])
    assert primeira.startswith("# ") and "Abrir no Colab" in primeira and colab.url_colab(caminho) in primeira
    assert nb["metadata"].get("accelerator") == "GPU"
    assert nb["metadata"].get("colab", {}).get("gpuType")
    # a célula de instalação, lida pela árvore sintática: tests/test_colab.py


def _figuras_sem_texto_alternativo(nb) -> list[int]:
    """Células que desenham uma figura sem ``mystnb.image.alt`` (o texto que um leitor de tela lê)."""
    faltam = []
    for i, celula in enumerate(nb["cells"]):
        figuras = [s for s in celula.get("outputs", []) if "image/png" in s.get("data", {})]
        alt = celula.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt", "")
        if figuras and (len(alt.strip()) < 20 or re.search(r"\.(png|svg|jpe?g)$", alt)):
            faltam.append(i)
    return faltam


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.name)
def test_figuras_com_texto_alternativo(caminho):
    """Toda figura tem uma descrição em português no metadado da célula (o site a usa como ``alt``)."""
    faltam = _figuras_sem_texto_alternativo(_carregar(caminho))
    assert not faltam, (
        f"{caminho.name}: células {faltam} desenham figuras sem texto alternativo; ponha a descrição em "
        '{"mystnb": {"image": {"alt": "…"}}} nos metadados da célula'
    )


def test_figura_sem_alt_e_acusada():
    figura = {"output_type": "display_data", "data": {"image/png": "iVBOR"}, "metadata": {}}
    nb = {"cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [figura], "source": ""},
        {"cell_type": "code", "metadata": {"mystnb": {"image": {"alt": "figura.png"}}},
         "outputs": [figura], "source": ""},
        {"cell_type": "code", "metadata": {"mystnb": {"image": {"alt": "Curvas de perda por época."}}},
         "outputs": [figura], "source": ""},
    ]}  # fmt: skip
    assert _figuras_sem_texto_alternativo(nb) == [0, 1]


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.name)
def test_estado_dos_widgets_gravado(caminho):
    nb = _carregar(caminho)
    usa_widgets = any(
        "application/vnd.jupyter.widget-view+json" in o.get("data", {})
        for c in nb["cells"]
        for o in c.get("outputs", [])
    )
    if usa_widgets:
        assert ESTADO_WIDGETS in nb["metadata"].get("widgets", {})
    assert limpar(json.loads(json.dumps(nb))) == nb, "metadados sujos: rode tools/limpar_metadados.py"


def test_limpar_metadados_remove_widgets_sem_estado():
    nb = {
        "metadata": {"widgets": {"outra-coisa": {}}},
        "cells": [{"metadata": {"collapsed": True, "tags": [], "execution": {}}, "source": ""}],
    }
    assert limpar(nb) == {"metadata": {}, "cells": [{"metadata": {}, "source": ""}]}


def test_corrigir_colab_reescreve_urls(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "_config.yml").write_text("repository:\n  url: https://github.com/outra/copia/\n  branch: dev\n")
    caderno = tmp_path / "notebooks" / "x.ipynb"
    antigo = CADERNOS[0].read_text(encoding="utf-8")
    caderno.write_text(antigo, encoding="utf-8")
    assert colab.problemas(caderno, tmp_path)
    colab.corrigir(caderno, tmp_path)
    assert colab.problemas(caderno, tmp_path) == []
    texto = caderno.read_text(encoding="utf-8")
    assert "https://colab.research.google.com/github/outra/copia/blob/dev/notebooks/x.ipynb" in texto
    assert "git+https://github.com/outra/copia.git@dev" in texto


def test_definicoes_que_os_benchmarks_leem_dos_capitulos_executam_fora_do_caderno():
    """O que só existe como lição de um capítulo e os benchmarks medem: as células 'definicao'."""
    from bench.comum import carregar_definicoes
    from redesconv import redes, resumo_camadas

    lenet = carregar_definicoes("notebooks/02-lenet.ipynb")
    assert resumo_camadas(lenet["lenet_1998"](), (1, 28, 28))["c3"].parametros == 1_516
    vgg = carregar_definicoes("notebooks/04-vgg.ipynb")
    termos = vgg["previsao_termo_a_termo"](resumo_camadas(redes.vgg_fashion(), (1, 32, 32)))
    assert termos["entrada (float32)"] == 4 * 32 * 32
    guardados = vgg["bytes_guardados_para_a_volta"](redes.lenet_moderna().train(), torch.zeros(1, 1, 28, 28))
    assert sum(n for n, _ in guardados.values()) > 0


def test_limpar_metadados_grava_ou_so_verifica(tmp_path):
    from tools.limpar_metadados import main

    caderno = tmp_path / "x.ipynb"
    caderno.write_text(json.dumps({"metadata": {}, "cells": [{"metadata": {"collapsed": True}, "source": ""}]}))
    assert main(["--verificar", str(caderno)]) == 1 and "collapsed" in caderno.read_text()
    assert main([str(caderno)]) == 0 and "collapsed" not in caderno.read_text()
    assert main(["--verificar", str(caderno)]) == 0
    with pytest.raises(FileNotFoundError):
        main([str(tmp_path / "nao-existe.ipynb")])


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.stem)
def test_figuras_montadas_no_caderno_seguem_o_estilo_do_curso(caminho):
    """Uma figura montada à mão no caderno passa por ajustar_figura (letra ≥ 9 px no site, vírgula)."""
    nb = _carregar(caminho)
    sem_estilo = [
        i for i, c in enumerate(nb["cells"])
        if c["cell_type"] == "code" and "Figure(" in _fonte(c) and "ajustar_figura(" not in _fonte(c)
    ]  # fmt: skip
    assert not sem_estilo, f"células que montam uma Figure sem ajustar_figura: {sem_estilo}"
