"""colar(): o formato que o myst-nb lê (glue) e os erros em português."""

import pytest

from redesconv import colar
from redesconv.colagem import PREFIXO_COLAGEM


def test_colar_grava_o_texto_no_formato_do_myst_nb(monkeypatch):
    exibidos = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: exibidos.append((a, k)))
    assert colar("acuracia", "91,3%") is None  # nada aparece como valor da célula
    (dados,), opcoes = exibidos[0]
    assert dados == {PREFIXO_COLAGEM + "text/plain": "'91,3%'"}
    assert opcoes["raw"] is True
    assert opcoes["metadata"] == {"scrapbook": {"name": "acuracia", "mime_prefix": PREFIXO_COLAGEM}}


def test_myst_nb_le_o_que_colar_grava(monkeypatch):
    """O mesmo caminho do livro: extract_glue_data_cell + format_plain_text do myst-nb."""
    from myst_nb.core.variables import format_plain_text
    from myst_nb.ext.glue import extract_glue_data_cell
    from nbformat import from_dict

    exibidos = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: exibidos.append((a, k)))
    colar("memoria", "61,0 MB")
    (dados,), opcoes = exibidos[0]
    saida = {"output_type": "display_data", "data": dados, "metadata": opcoes["metadata"]}
    celula = from_dict({"cell_type": "code", "source": "", "metadata": {}, "outputs": [saida]})
    ((nome, colado),) = extract_glue_data_cell(celula)
    assert nome == "memoria" and format_plain_text(colado["data"]["text/plain"], "") == "61,0 MB"


@pytest.mark.parametrize("nome, texto, erro", [("1x", "a", ValueError), ("ok", 0.894, TypeError)])
def test_colar_recusa_nome_invalido_e_numero_cru(nome, texto, erro):
    with pytest.raises(erro, match="colar|identificador"):
        colar(nome, texto)
