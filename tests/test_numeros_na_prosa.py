"""Todo número que o código calcula chega à prosa colado do código, nunca digitado.

O teste lê o Markdown de cada capítulo e procura **quantidades**: porcentagens, tempos,
bytes, multiplicadores (×115, "cem vezes"), decimais, contagens a partir de 1.000 ("1.516",
"60 mil", "62 milhões"), aproximações ("cerca de 14") e o protocolo de uma medida ("6 épocas",
"três sementes", "minilote de 16 imagens"). Cada uma precisa estar

* colada do código (``{glue:text}`nome```, que o nbval confere), ou
* numa citação marcada: na mesma frase de uma referência (``{cite:p}`...```) ou num bloco
  de citação (``> ...``) que traz a referência — números do artigo ou da aula.

Não são quantidades: anos (1998), dimensões (227×227×3, 3×3), nomes com número (conv3-64,
VGG-16, CIFAR-10), números pequenos de uma derivação ($(32 - 5)/1 + 1 = 28$) e o enunciado
dos exercícios (os dados que o aluno recebe). O que sobrar e for legítimo entra em
``PERMITIDOS``, com o motivo.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
CADERNOS = sorted((RAIZ / "notebooks").glob("*.ipynb"))

# (caderno, trecho exato) → por que o número pode ficar escrito. Mantenha curta.
PERMITIDOS: dict[tuple[str, str], str] = {}

_NUMERAIS = r"(?:duas|dois|três|quatro|cinco|seis|sete|oito|nove|dez|cem|mil)"
_NUMERO = r"\d+(?:[.,]\d+)*(?:\{,\}\d+)?"
PADROES = {
    "porcentagem": rf"{_NUMERO}\s*\\?%",
    "tempo": rf"{_NUMERO}\s*(?:ms|s|segundos?|minutos?|horas?|dias)\b",
    "bytes": rf"{_NUMERO}\s*(?:B|kB|KB|MB|GB|TB|KiB|MiB|GiB)\b",
    "multiplicador": rf"(?<![\d}}])×\s*{_NUMERO}|{_NUMERO}\s*vezes\b|\b{_NUMERAIS}\s+vezes\b",
    "grandeza": rf"{_NUMERO}\s*(?:mil|milhão|milhões|bilhão|bilhões)\b|\b(?:cem|mil)\s+(?:mil|milhões|vezes)\b",
    "aproximação": rf"(?:cerca de|quase|mais de|menos de|aproximadamente|≈|\\approx)\s*{_NUMERO}",
    "decimal": r"\d+(?:,|\{,\})\d+",
    "contagem ≥ 1.000": r"\b\d{1,3}(?:\.\d{3})+\b|\b\d{5,}\b|\b(?!19\d\d\b|20\d\d\b)\d{4}\b",
    "protocolo": rf"(?:\b\d+|\b{_NUMERAIS})\s+(?:épocas?|sementes?|imagens|lotes|execuç(?:ão|ões)|treinos)\b",
}
_QUANTIDADE = re.compile("|".join(f"(?P<g{i}>{p})" for i, p in enumerate(PADROES.values())))
_NOMES = list(PADROES)

# O que não é quantidade e sai antes da busca.
_NAO_QUANTIDADE = [
    r"\{glue(?::\w*)?\}`[^`]*`",  # números colados do código
    r"\{(?:doc|ref|numref|eq|download)\}`[^`]*`",  # referências cruzadas
    r"`[^`\n]*`",  # código em linha
    r"\]\([^)]*\)",  # destino de links
    r"https?://\S+",
    r"^:[\w-]+:.*$",  # opções de diretivas (:label:, :class:)
    r"\d+(?:\s*\\times\s*|\s*×\s*)\d+(?:(?:\s*\\times\s*|\s*×\s*)\d+)*",  # dimensões 227×227×3
    r"[A-Za-zÀ-ú]+-\d+(?:-\d+)*|\d+-[A-Za-zÀ-ú]+",  # nomes: conv3-64, VGG-16, CIFAR-10, 1-D
    r"\bGTX \d+\b",
    r"\d+(?:\.\d{3})*\s+(?:neurônios|filtros|mapas|canais|classes)\b",  # larguras da arquitetura
    r"\\cdot\s*\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*\s*(?=\\cdot)",  # operandos de uma conta ($7 \cdot 512$)
]


def _fonte(celula) -> str:
    return "".join(celula["source"]) if isinstance(celula["source"], list) else celula["source"]


def _sem_blocos(texto: str) -> str:
    """Tira blocos de código e enunciados de exercícios; mantém o conteúdo das outras diretivas."""
    saida, pular, cercas = [], False, []
    for linha in texto.splitlines():
        cerca = re.match(r"^(`{3,}|:{3,})\s*(\{[\w:-]+\})?", linha)
        if cerca:
            marca, diretiva = cerca.group(1), cerca.group(2)
            if cercas and marca == cercas[-1][0] and not diretiva and linha.strip() == marca:
                _, pulando = cercas.pop()
                pular = any(p for _, p in cercas)
                continue
            # código sem diretiva e enunciado de exercício: fora da busca
            pula = diretiva is None or diretiva == "{exercise}"
            cercas.append((marca, pula))
            pular = pular or pula
            continue
        saida.append("" if pular else linha)
    return "\n".join(saida)


def _trechos(texto: str):
    """Parágrafos e blocos de citação, cada um dividido em frases; diz se a frase é citação.

    Uma fórmula em destaque (``$$ … $$``) logo depois de uma frase citada faz parte da citação
    ("A regra do artigo {cite:p}`x`: $$ v = 0{,}9 v - … $$").
    """
    citada = False
    for bloco in re.split(r"\n\s*\n", texto):
        linhas = bloco.splitlines()
        if linhas and all(linha.lstrip().startswith(">") or not linha.strip() for linha in linhas):
            citada = "{cite" in bloco
            yield bloco, citada
            continue
        if bloco.strip().startswith("$$"):
            yield bloco, citada
            continue
        for frase in re.split(r"(?<=[.!?:;])\s+(?=[A-ZÀ-Ú*$(\[-])|\n(?=\s*[-*] |\s*\d+\. |\|)", bloco):
            citada = "{cite" in frase
            yield frase, citada


def quantidades(texto: str) -> list[tuple[str, str, str]]:
    """(tipo, trecho, frase) de cada quantidade não colada nem citada em ``texto`` (Markdown)."""
    achados = []
    for frase, citada in _trechos(_sem_blocos(texto)):
        if citada:
            continue
        limpa = frase
        for padrao in _NAO_QUANTIDADE:
            limpa = re.sub(padrao, " ", limpa, flags=re.MULTILINE)
        for m in _QUANTIDADE.finditer(limpa):
            tipo = next(_NOMES[int(k[1:])] for k, v in m.groupdict().items() if v is not None)
            achados.append((tipo, m.group(0), " ".join(frase.split())))
    return achados


def _achados_do_caderno(caminho: Path):
    nb = json.loads(caminho.read_text(encoding="utf-8"))
    for indice, celula in enumerate(nb["cells"]):
        if celula["cell_type"] != "markdown":
            continue
        for tipo, trecho, frase in quantidades(_fonte(celula)):
            if (caminho.name, trecho) not in PERMITIDOS:
                yield indice, tipo, trecho, frase


@pytest.mark.parametrize("caminho", CADERNOS, ids=lambda c: c.name)
def test_numeros_da_prosa_colados_ou_citados(caminho):
    achados = list(_achados_do_caderno(caminho))
    mensagens = [
        f"célula {i}: {tipo} {trecho!r} digitado à mão — cole do código com {{glue:text}} ou cite a fonte. "
        f"Frase: {frase[:160]!r}"
        for i, tipo, trecho, frase in achados
    ]
    assert not achados, f"{caminho.name}:\n" + "\n".join(mensagens)


def test_permitidos_ainda_existem():
    """Um trecho permitido que não aparece mais sai da lista (a lista não cresce à toa)."""
    for (nome, trecho), motivo in PERMITIDOS.items():
        assert motivo, (nome, trecho)
        nb = json.loads((RAIZ / "notebooks" / nome).read_text(encoding="utf-8"))
        markdown = "\n".join(_fonte(c) for c in nb["cells"] if c["cell_type"] == "markdown")
        assert trecho in markdown, f"{nome}: {trecho!r} não aparece mais"


@pytest.mark.parametrize(
    "texto, tipo",
    [
        ("A rede chegou a 73,8% em 22,5 s.", "porcentagem"),
        ("Treina em cerca de um minuto e ocupa 93 MB.", "bytes"),
        ("A memória cresce cem vezes.", "multiplicador"),
        ("As MACs crescem ×115 de uma rede para a outra.", "multiplicador"),
        ("São 62 milhões de parâmetros.", "grandeza"),
        ("O total é 138.357.544 parâmetros.", "contagem ≥ 1.000"),
        ("As MACs e a memória crescem cerca de 14 vezes.", "aproximação"),
        ("A taxa sobe até 0,1.", "decimal"),
        ("$(224 - 11)/4 + 1 = 54{,}25$", "decimal"),
        ("Sem citação antes:\n\n$$\nv = 0{,}9\\, v\n$$", "decimal"),
        ("$7 \\cdot 7 \\cdot 512 \\cdot 4096 \\approx 103$ milhões", "aproximação"),
        ("$2 \\cdot 9 \\cdot 512^2 = 4.718.592$", "contagem ≥ 1.000"),
        ("O mesmo treino curto, 6 épocas.", "protocolo"),
        ("Cada variante com três sementes.", "protocolo"),
        ("Um minilote de 16 imagens.", "protocolo"),
    ],
)
def test_detector_acha_numeros_digitados(texto, tipo):
    assert tipo in {t for t, _, _ in quantidades(texto)}


@pytest.mark.parametrize(
    "texto",
    [
        "A rede chegou a {glue:text}`acuracia` em {glue:text}`segundos` s.",
        "Em 1998, a LeNet-5 recebia imagens 32×32 e a VGG-16 usa conv3-64.",
        "O artigo relata 15,3% de erro top-5 no teste {cite:p}`krizhevsky2012`.",
        "> Tamanho de minibatch = 128; erro de 18,2% → 15,4% {cite:p}`patrocinio`",
        "C1: $(32 - 5)/1 + 1 = 28$ e POOL1: $(55 - 3)/2 + 1 = 27$.",
        "```{exercise}\n:label: ex\n\nEntrada 1.024×1.024, filtro 11, passo 4: 5,5%?\n```",
        "Veja `tamanho_saida(227, 11, 4)` e o valor `0.05`.",
        "A regra do artigo {cite:p}`krizhevsky2012`:\n\n$$\nv = 0{,}9\\, v - 0{,}0005\\, w\n$$",
        "FC de 256 neurônios em vez de 4.096 neurônios.",
        "Em {glue:text}`exp_epocas` épocas, com {glue:text}`exp_sementes` sementes cada.",
        "A primeira FC tem $(7 \\cdot 7 \\cdot 512 + 1) \\cdot 4096$ = {glue:text}`fc6` parâmetros.",
    ],
)
def test_detector_aceita_colado_citado_e_nomes(texto):
    assert quantidades(texto) == []
