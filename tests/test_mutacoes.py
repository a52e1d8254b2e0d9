"""A lista de mutações (tests/mutacoes.py, `make mutacoes`) continua aplicável ao código atual."""

import pytest
from mutacoes import MUTACOES, TESTES


@pytest.mark.parametrize("mutacao", MUTACOES, ids=lambda m: f"{m.modulo}: {m.descricao}")
def test_cada_mutacao_aponta_para_um_trecho_unico_do_codigo(mutacao):
    texto = mutacao.arquivo.read_text(encoding="utf-8")
    assert texto.count(mutacao.original) == 1, "o trecho mudou: atualize tests/mutacoes.py"
    assert mutacao.mutante != mutacao.original and mutacao.modulo in TESTES
