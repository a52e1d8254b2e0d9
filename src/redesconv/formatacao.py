"""Números no formato brasileiro: 1.728 parâmetros; momento 0,9; 18,2%; 3,2 MB."""

from __future__ import annotations

__all__ = [
    "inteiro_br",
    "decimal_br",
    "numero_br",
    "plural_br",
    "porcentagem_br",
    "bytes_br",
    "compacto_br",
    "extenso_br",
]


def inteiro_br(n) -> str:
    """1728 → '1.728' (ponto separa milhares)."""
    return f"{int(n):,}".replace(",", ".")


def decimal_br(x, casas: int = 1) -> str:
    """0.9 → '0,9'; 1234.5 → '1.234,5' (vírgula decimal, ponto nos milhares)."""
    texto = f"{float(x):,.{casas}f}"
    if texto.startswith("-") and not any(d in texto for d in "123456789"):
        texto = texto[1:]  # -0,04 com 1 casa é "0,0", não "-0,0"
    return texto.replace(",", "\0").replace(".", ",").replace("\0", ".")


def numero_br(x) -> str:
    """Um hiperparâmetro como se escreve no texto: 256 → '256'; 0.9 → '0,9'; 0.004 → '0,004';
    5e-4 → '5·10⁻⁴'; 4e-07 → '4·10⁻⁷' (até 4 algarismos significativos, sem zeros à direita)."""
    if isinstance(x, int) or float(x).is_integer():
        return inteiro_br(x)
    x = float(x)
    if abs(x) >= 1e-3:
        return decimal_br(x, 4).rstrip("0").rstrip(",")
    mantissa, expoente = f"{x:.3e}".split("e")
    mantissa = decimal_br(float(mantissa), 3).rstrip("0").rstrip(",")
    sobrescrito = str(int(expoente)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa}·10{sobrescrito}"


def plural_br(x, singular: str, plural: str) -> str:
    """A palavra que concorda com ``x`` em pt-BR: singular abaixo de 2 (0,9 ponto percentual;
    1,2 milhão), plural a partir de 2 (2 pontos; 62,4 milhões)."""
    return singular if abs(float(x)) < 2 else plural


def porcentagem_br(fracao, casas: int = 1) -> str:
    """0.182 → '18,2%'."""
    return decimal_br(100 * float(fracao), casas) + "%"


def _na_escala(n: float, escalas):
    """A maior escala de ``escalas`` (``(divisor, casas, nome)`` em ordem crescente) em que ``n``,
    **já arredondado** para as casas daquela escala, fica abaixo de 1000 (ou a última): assim
    999_999 bytes são '1,0 MB', e não '1.000,0 kB'. Devolve ``(valor arredondado, casas, nome)``."""
    for i, (divisor, c, nome) in enumerate(escalas):
        valor = round(n / divisor, c)
        if abs(valor) < 1000 or i == len(escalas) - 1:
            return valor, c, nome
    raise AssertionError("inalcançável")


def bytes_br(n, casas: int = 1) -> str:
    """Bytes em unidades decimais do SI: 93_000_000 → '93,0 MB'; 999_999 → '1,0 MB'."""
    escalas = [(1, 0, "B"), (1e3, casas, "kB"), (1e6, casas, "MB"), (1e9, casas, "GB")]
    valor, c, unidade = _na_escala(float(n), escalas)
    return f"{decimal_br(valor, c)} {unidade}"


def compacto_br(n, casas: int = 1) -> str:
    """Forma curta como na aula (para tabelas): 150_528 → '150,5 mil'; 3_211_264 → '3,2 mi';
    999_950 → '1,0 mi'."""
    escalas = [(1, 0, ""), (1e3, casas, "mil"), (1e6, casas, "mi"), (1e9, casas, "bi")]
    valor, c, nome = _na_escala(float(n), escalas)
    return inteiro_br(valor) if not nome else f"{decimal_br(valor, c)} {nome}"


def extenso_br(n, casas: int = 1) -> str:
    """Forma curta para a prosa, com a palavra inteira (as tabelas podem usar :func:`compacto_br`):
    150_528 → '150,5 mil'; 1_200_000 → '1,2 milhão'; 138_357_544 → '138,4 milhões';
    15_470_264_320 → '15,5 bilhões' (a concordância de :func:`plural_br`)."""
    escalas = [(1, 0, ""), (1e3, casas, "mil"), (1e6, casas, "milhão"), (1e9, casas, "bilhão")]
    valor, c, nome = _na_escala(float(n), escalas)
    if not nome:
        return inteiro_br(valor)
    if nome == "mil":
        return f"{decimal_br(valor, c)} mil"
    return f"{decimal_br(valor, c)} {plural_br(valor, nome, nome.replace('ão', 'ões'))}"
