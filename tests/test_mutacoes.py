"""As listas de mutações (tests/mutacoes.py, `make mutacoes`) continuam aplicáveis ao código atual."""

from pathlib import Path

import pytest
from mutacoes import MUTACOES, RAIZ
from mutacoes import testes_que_cobrem as cobertura  # (o nome começa com "test": o pytest o coletaria)
from mutacoes_independentes import MUTACOES_INDEPENDENTES


@pytest.mark.parametrize("mutacao", MUTACOES + MUTACOES_INDEPENDENTES, ids=lambda m: f"{m.modulo}: {m.descricao}")
def test_cada_mutacao_aponta_para_um_trecho_unico_do_codigo(mutacao):
    texto = mutacao.arquivo.read_text(encoding="utf-8")
    assert texto.count(mutacao.original) == 1, "o trecho mudou: atualize tests/mutacoes.py"
    assert mutacao.mutante != mutacao.original
    testes = cobertura(mutacao)
    assert testes and all((RAIZ / t.split("::")[0]).exists() for t in testes)


def test_testes_que_cobrem_acham_todos_os_que_usam_o_modulo():
    # o treino é exercitado também pelos gráficos e pelos experimentos, não só por test_treino.py
    treino = next(m for m in MUTACOES if m.arquivo == Path(RAIZ / "src/redesconv/treino.py"))
    assert {"tests/test_treino.py", "tests/test_graficos_widgets.py", "tests/test_experimentos.py"} <= set(
        cobertura(treino)
    )
    # o explorador em JS: os dois arquivos que o rodam no Node.js
    explorador = next(m for m in MUTACOES_INDEPENDENTES if m.arquivo.name == "explorador.js")
    assert {"tests/test_explorador_js.py", "tests/test_explorador_rede_js.py"} <= set(cobertura(explorador))
