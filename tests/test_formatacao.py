"""Os números em pt-BR nas fronteiras das unidades e com sinal, conferidos contra a leitura de volta
(o texto, lido como um leitor o lê, tem de valer o número com o erro de um arredondamento) — não
contra a própria implementação."""

import re

from hypothesis import given
from hypothesis import strategies as st

from redesconv.formatacao import bytes_br, compacto_br, decimal_br, extenso_br

ESCALA = {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9, "": 1, "mil": 1e3, "mi": 1e6, "bi": 1e9,
          "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9, "bilhões": 1e9}  # fmt: skip


def ler(texto: str) -> tuple[float, str, int]:
    """'1.234,5 kB' → (1234.5, 'kB', 1 casa decimal)."""
    m = re.fullmatch(r"(-?[\d.]+(?:,(\d+))?)(?: (\S+))?", texto)
    assert m, f"formato inesperado: {texto!r}"
    numero, decimais, unidade = m.groups()
    return float(numero.replace(".", "").replace(",", ".")), unidade or "", len(decimais or "")


def test_fronteiras_das_unidades():
    # os casos que saíam errados: a unidade era escolhida antes do arredondamento
    assert bytes_br(999_999) == "1,0 MB"
    assert bytes_br(999.6) == "1,0 kB"
    assert compacto_br(999_950) == "1,0 mi"
    assert extenso_br(999_950) == "1,0 milhão"
    assert extenso_br(999_999_999) == "1,0 bilhão"
    assert extenso_br(1_999_999) == "2,0 milhões"
    assert decimal_br(-0.04) == "0,0"  # nada de "-0,0"
    assert decimal_br(-0.06) == "-0,1"
    assert decimal_br(-1234.56) == "-1.234,6"


@given(st.integers(min_value=-(10**13), max_value=10**13), st.sampled_from([bytes_br, compacto_br, extenso_br]))
def test_o_texto_vale_o_numero(n, formatar):
    texto = formatar(n)
    valor, unidade, casas = ler(texto)
    escala = ESCALA[unidade]
    # lido de volta, vale n a menos de meia unidade da última casa
    assert abs(valor * escala - n) <= 0.5 * escala * 10**-casas * (1 + 1e-9), texto
    # e a unidade é a maior possível: nunca "1.000,0 kB" (só a última escala passa de 999)
    if unidade not in ("GB", "bi", "bilhão", "bilhões"):
        assert abs(valor) < 1000, texto
    # o sinal só aparece quando o número lido não é zero
    assert not texto.startswith("-") or valor != 0
    if unidade in ("milhão", "bilhão"):
        assert abs(valor) < 2
    if unidade in ("milhões", "bilhões"):
        assert abs(valor) >= 2


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_decimal_br_sem_menos_zero(x, casas):
    texto = decimal_br(x, casas)
    valor = float(texto.replace(".", "").replace(",", "."))
    assert abs(valor - x) <= 0.5 * 10**-casas * (1 + 1e-9) + 1e-9
    assert not (texto.startswith("-") and valor == 0), texto
