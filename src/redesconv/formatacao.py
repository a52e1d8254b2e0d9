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


def bytes_br(n, casas: int = 1) -> str:
    """Bytes em unidades decimais do SI: 93_000_000 → '93,0 MB'."""
    n = float(n)
    for unidade in ("B", "kB", "MB", "GB"):
        if abs(n) < 1000 or unidade == "GB":
            return f"{decimal_br(n, 0 if unidade == 'B' else casas)} {unidade}"
        n /= 1000
    raise AssertionError("inalcançável")


def compacto_br(n, casas: int = 1) -> str:
    """Forma curta como na aula: 150_528 → '150,5 mil'; 3_211_264 → '3,2 mi'."""
    n = float(n)
    if abs(n) >= 1e9:
        return decimal_br(n / 1e9, casas) + " bi"
    if abs(n) >= 1e6:
        return decimal_br(n / 1e6, casas) + " mi"
    if abs(n) >= 1e3:
        return decimal_br(n / 1e3, casas) + " mil"
    return inteiro_br(n)


def extenso_br(n, casas: int = 1) -> str:
    """Forma curta para a prosa, com a palavra inteira (as tabelas podem usar :func:`compacto_br`):
    150_528 → '150,5 mil'; 1_200_000 → '1,2 milhão'; 138_357_544 → '138,4 milhões';
    15_470_264_320 → '15,5 bilhões' (a concordância de :func:`plural_br`)."""
    n = float(n)
    for escala, singular, plural in ((1e9, "bilhão", "bilhões"), (1e6, "milhão", "milhões")):
        if abs(n) >= escala:
            texto = decimal_br(n / escala, casas)
            return f"{texto} {plural_br(float(texto.replace('.', '').replace(',', '.')), singular, plural)}"
    if abs(n) >= 1e3:
        return decimal_br(n / 1e3, casas) + " mil"
    return inteiro_br(n)
