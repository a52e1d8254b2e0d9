"""A tabela de durações que ordena os arquivos no xdist (tools/duracoes.py, tests/conftest.py)."""

import json

from conftest import DURACAO_S, RAIZ

from tools.duracoes import duracoes


def test_duracoes_somam_por_arquivo_de_teste_e_por_caderno(tmp_path):
    junit = tmp_path / "tempos.xml"
    junit.write_text(
        '<testsuites><testsuite name="pytest">'
        '<testcase classname="tests.test_site" name="a" time="2.5" />'
        '<testcase classname="tests.test_site" name="b[x.y]" time="1.0" />'
        '<testcase classname="notebooks.02-lenet.ipynb" name="Cell 0" time="10" />'
        '<testcase classname="notebooks.02-lenet.ipynb" name="Cell 1" time="0.25" />'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    assert duracoes(junit) == {"notebooks/02-lenet.ipynb": 10.2, "tests/test_site.py": 3.5}


def test_tabela_gravada_aponta_para_arquivos_que_existem():
    # uma tabela velha (arquivo renomeado) deixaria de ordenar sem avisar
    gravada = json.loads((RAIZ / "tests" / "duracoes.json").read_text(encoding="utf-8"))
    assert gravada == DURACAO_S and len(gravada) > 10
    assert [a for a in gravada if not (RAIZ / a).exists()] == []
    mais_longos = sorted(gravada, key=gravada.get, reverse=True)[:3]
    assert any(a.startswith("notebooks/") for a in mais_longos)
