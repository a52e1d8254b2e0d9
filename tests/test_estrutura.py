"""A estrutura dos capítulos: o que o texto anuncia vem logo depois, e células escondidas não mexem no capítulo.

Três regras, lidas do JSON de cada caderno:

1. **Um anúncio é seguido do que anuncia.** Uma célula de texto que termina em ":" ("Conferimos
   contra a fórmula escrita à mão:") anuncia a célula seguinte, que precisa ser de código (e
   visível: sem a tag ``remove-cell``).
2. **As seções ficam na ordem do texto** (veja ``test_secoes_na_ordem_do_texto``).
3. **Uma célula escondida não rebate um nome do capítulo.** O leitor não vê as células marcadas
   ``remove-input``/``remove-cell`` (os questionários, por exemplo); se uma delas atribui um nome que
   o capítulo usa, o que o leitor lê depois (uma solução, uma tabela) passa a usar outro valor sem
   que nada na página explique. Os nomes atribuídos nelas precisam ser só delas (``_q_...``).

Cada regra tem um teste de autoconferência com o defeito real plantado num caderno mínimo (o do
capítulo 3 e o do capítulo 2 no commit fc785e5).
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
CADERNOS = sorted((RAIZ / "notebooks").glob("*.ipynb"))
ESCONDIDAS = {"remove-input", "remove-cell"}


def _fonte(celula) -> str:
    return "".join(celula["source"]) if isinstance(celula["source"], list) else celula["source"]


def _tags(celula) -> set[str]:
    return set(celula.get("metadata", {}).get("tags", []))


def _ler(caminho: Path) -> list[dict]:
    return json.loads(caminho.read_text(encoding="utf-8"))["cells"]


# ---------------------------------------------------------------------------------------------
# 1. Anúncio seguido do que anuncia


def _ultima_linha_de_prosa(texto: str) -> str:
    """A última linha não vazia da célula (o fim de uma diretiva ``` ou ::: não é prosa: devolve "")."""
    linhas = [linha.rstrip() for linha in texto.strip().splitlines() if linha.strip()]
    return linhas[-1] if linhas else ""


def anuncios_sem_codigo(celulas: list[dict]) -> list[str]:
    """Células de texto que terminam em ':' e não são seguidas de uma célula de código visível."""
    achados = []
    for i, celula in enumerate(celulas):
        if celula["cell_type"] != "markdown" or not _ultima_linha_de_prosa(_fonte(celula)).endswith(":"):
            continue
        seguinte = celulas[i + 1] if i + 1 < len(celulas) else None
        if seguinte is None or seguinte["cell_type"] != "code" or "remove-cell" in _tags(seguinte):
            o_que = "nada" if seguinte is None else f"célula {i + 1} ({seguinte['cell_type']})"
            achados.append(
                f"célula {i} termina em ':' ({_ultima_linha_de_prosa(_fonte(celula))[-60:]!r}), seguida de {o_que}"
            )
    return achados


@pytest.mark.parametrize("caderno", CADERNOS, ids=lambda c: c.name)
def test_anuncio_seguido_de_codigo(caderno):
    achados = anuncios_sem_codigo(_ler(caderno))
    assert not achados, "\n".join(achados)


# ---------------------------------------------------------------------------------------------
# 2. Seções na ordem do texto


@dataclass
class Item:
    """Um pedaço do caderno na ordem de leitura: título, parágrafo(s) de texto ou célula de código."""

    tipo: str  # "titulo", "texto" ou "codigo"
    celula: int
    nivel: int = 0
    texto: str = ""


def itens(celulas: list[dict]) -> list[Item]:
    """O caderno como o leitor o lê: cada célula de texto quebrada nos seus títulos (fora de blocos ``` e :::)."""
    saida: list[Item] = []
    for i, celula in enumerate(celulas):
        if celula["cell_type"] == "code":
            if "remove-cell" not in _tags(celula):
                saida.append(Item("codigo", i))
            continue
        if celula["cell_type"] != "markdown":
            continue
        bloco, cercas = [], []
        for linha in _fonte(celula).splitlines():
            cerca = re.match(r"^\s*(`{3,}|:{3,})(.*)$", linha)
            if cerca:
                if cercas and cerca.group(1) == cercas[-1] and not cerca.group(2).strip():
                    cercas.pop()
                else:
                    cercas.append(cerca.group(1))
            titulo = None if cercas or cerca else re.match(r"^(#{1,6})\s+(.+)$", linha)
            if titulo:
                if "".join(bloco).strip():
                    saida.append(Item("texto", i, texto="\n".join(bloco)))
                bloco = []
                saida.append(Item("titulo", i, len(titulo.group(1)), titulo.group(2).strip()))
            else:
                bloco.append(linha)
        if "".join(bloco).strip():
            saida.append(Item("texto", i, texto="\n".join(bloco)))
    return saida


def secoes_fora_de_ordem(celulas: list[dict]) -> list[str]:
    """As três formas de uma seção fora da ordem do texto (veja o teste abaixo)."""
    achados = []
    sequencia = itens(celulas)
    titulos = [item for item in sequencia if item.tipo == "titulo"]
    if not titulos or titulos[0].nivel != 1 or sum(t.nivel == 1 for t in titulos) != 1:
        achados.append("o caderno precisa começar por um único título '#' (o do capítulo)")
    for anterior, titulo in zip(titulos, titulos[1:]):
        if titulo.nivel > anterior.nivel + 1:
            achados.append(
                f"célula {titulo.celula}: {'#' * titulo.nivel} {titulo.texto!r} logo abaixo de "
                f"{'#' * anterior.nivel} {anterior.texto!r} (nível pulado)"
            )
    for k, item in enumerate(sequencia):
        if item.tipo != "titulo":
            continue
        antes = sequencia[k - 1] if k else None
        if antes is not None and antes.tipo == "texto" and _ultima_linha_de_prosa(antes.texto).endswith(":"):
            achados.append(
                f"célula {item.celula}: o título {item.texto!r} separa o anúncio "
                f"{_ultima_linha_de_prosa(antes.texto)[-60:]!r} (célula {antes.celula}) do que ele anuncia"
            )
        if item.nivel < 3:
            continue
        # uma lição (### ou mais fundo): o seu texto, depois o seu código, só então subdivisões
        j = k + 1
        while j < len(sequencia) and sequencia[j].tipo == "texto":
            j += 1
        if j > k + 1 and j < len(sequencia) and sequencia[j].tipo == "titulo" and sequencia[j].nivel > item.nivel:
            sub = sequencia[j]
            achados.append(
                f"célula {sub.celula}: a subseção {'#' * sub.nivel} {sub.texto!r} entra entre a introdução de "
                f"{'#' * item.nivel} {item.texto!r} (célula {item.celula}) e o código que ela introduz"
            )
    return achados


@pytest.mark.parametrize("caderno", CADERNOS, ids=lambda c: c.name)
def test_secoes_na_ordem_do_texto(caderno):
    """Uma seção é lida de cima a baixo, e os seus pedaços ficam onde o texto os põe.

    Num caderno, o título não "contém" nada: o que vem depois dele pertence à seção até o próximo
    título de nível igual ou menor. Por isso um título inserido no lugar errado leva para dentro da
    subseção o resto da seção-mãe — foi o que aconteceu no capítulo 3 (fc785e5), onde três
    subseções "#### … medidos" ficaram entre a introdução de uma seção ("### Normalização de resposta
    local (LRN)", "### Aumento de dados", "### Minilote, SGD…") e o código que essa introdução
    anunciava, e o código da LRN passou a estar sob "Três sementes… (ReLU × tangente)".

    O teste acusa três formas do defeito, todas verificáveis sem entender o assunto:

    * **título que interrompe um anúncio**: o texto logo antes de um título (na mesma célula ou
      na anterior) termina em ":" — o que ele anuncia ficaria na seção seguinte;
    * **nível pulado**: um "####" logo abaixo de um "##" (a subseção não tem mãe), ou mais de um
      título "#" no capítulo;
    * **lição subdividida antes de mostrar o seu código**: neste livro, uma seção de nível "###"
      (ou mais fundo) é uma lição — texto, código que o confere, resultado —, e as suas subseções
      ("#### … medidos", "#### Refaça você mesmo") vêm depois disso. Uma subseção logo depois da
      introdução de uma lição, sem nenhuma célula de código entre as duas, separa a introdução da
      demonstração que ela introduz. As seções "##" podem abrir só com texto e seguir em "###"
      (é o que fazem "## De onde vem a fórmula" e "## As ideias de treino da aula").
    """
    achados = secoes_fora_de_ordem(_ler(caderno))
    assert not achados, "\n".join(achados)


# ---------------------------------------------------------------------------------------------
# 3. Células escondidas não rebatem nomes do capítulo


def _alvos(no: ast.AST) -> set[str]:
    """Nomes atribuídos por um alvo (``a``, ``a, (b, *c)``); ``x.y`` e ``x[i]`` não atribuem nome."""
    if isinstance(no, ast.Name):
        return {no.id}
    if isinstance(no, (ast.Tuple, ast.List)):
        return set().union(*(_alvos(e) for e in no.elts)) if no.elts else set()
    if isinstance(no, ast.Starred):
        return _alvos(no.value)
    return set()


class _Nomes(ast.NodeVisitor):
    """Nomes atribuídos e usados no nível do caderno (o corpo de uma função ou classe é local a ela)."""

    def __init__(self):
        self.atribuidos: set[str] = set()
        self.usados: set[str] = set()
        self.origens: dict[str, set[str]] = {}  # nome → de onde vem cada atribuição ("=" ou o import)

    def _atribui(self, nome: str, origem: str = "="):
        self.atribuidos.add(nome)
        self.origens.setdefault(nome, set()).add(origem)

    def visit_Name(self, no):
        if isinstance(no.ctx, (ast.Store, ast.Del)):
            self._atribui(no.id)
        else:
            self.usados.add(no.id)

    def visit_Import(self, no):
        for nome in no.names:
            self._atribui(nome.asname or nome.name.split(".")[0], f"import {nome.name}")

    def visit_ImportFrom(self, no):
        for nome in no.names:
            self._atribui(nome.asname or nome.name, f"from {'.' * no.level}{no.module} import {nome.name}")

    def _definicao(self, no):
        self._atribui(no.name)
        for decorador in no.decorator_list:
            self.visit(decorador)
        if isinstance(no, ast.ClassDef):
            for base in no.bases:
                self.visit(base)
        else:
            for padrao in no.args.defaults + no.args.kw_defaults:
                if padrao is not None:
                    self.visit(padrao)
        # o corpo é outro escopo: os nomes que ele usa do caderno contam como usados
        corpo = _Nomes()
        for instrucao in no.body:
            corpo.visit(instrucao)
        self.usados |= corpo.usados - corpo.atribuidos

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _definicao

    def visit_Lambda(self, no):
        corpo = _Nomes()
        corpo.visit(no.body)
        argumentos = {a.arg for a in no.args.args + no.args.kwonlyargs}
        self.usados |= corpo.usados - argumentos

    def _compreensao(self, no):
        # as variáveis do "for" de uma compreensão são locais a ela; um := dentro dela vaza (PEP 572)
        locais = set().union(*(_alvos(g.target) for g in no.generators))
        interno = _Nomes()
        for gerador in no.generators:
            interno.visit(gerador.iter)
            for condicao in gerador.ifs:
                interno.visit(condicao)
        for parte in ("elt", "key", "value"):
            if hasattr(no, parte):
                interno.visit(getattr(no, parte))
        self.usados |= interno.usados - locais
        for nome in interno.atribuidos - locais:
            self._atribui(nome)

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _compreensao

    def visit_ExceptHandler(self, no):
        if no.name:
            self._atribui(no.name)
        self.generic_visit(no)

    def visit_AugAssign(self, no):  # a += 1 usa e atribui a
        self.usados |= _alvos(no.target)
        self.generic_visit(no)


def nomes(codigo: str) -> _Nomes:
    # linhas mágicas do IPython (%matplotlib, !pip) não são Python
    linhas = ["" if linha.lstrip().startswith(("%", "!")) else linha for linha in codigo.splitlines()]
    visitante = _Nomes()
    visitante.visit(ast.parse("\n".join(linhas)))
    return visitante


def nomes_rebatidos(celulas: list[dict]) -> list[str]:
    """Nomes atribuídos numa célula escondida e usados ou atribuídos em outra célula de código.

    Não contam ``_`` (o nome de descarte) e o import repetido: se todas as atribuições de um nome no
    caderno são o mesmo import (``from redesconv.questionario import Escolha`` em duas células), o
    nome aponta sempre para o mesmo objeto."""
    codigo = [(i, c) for i, c in enumerate(celulas) if c["cell_type"] == "code"]
    por_celula = {i: nomes(_fonte(c)) for i, c in codigo}
    origens: dict[str, set[str]] = {}
    for n in por_celula.values():
        for nome, de_onde in n.origens.items():
            origens.setdefault(nome, set()).update(de_onde)
    achados = []
    for i, celula in codigo:
        if not _tags(celula) & ESCONDIDAS:
            continue
        onde: dict[str, list[int]] = {}
        for nome in sorted(por_celula[i].atribuidos - {"_"}):
            if len(origens[nome]) == 1 and next(iter(origens[nome])).startswith(("import ", "from ")):
                continue
            for j, outra in por_celula.items():
                if j != i and nome in outra.usados | outra.atribuidos:
                    onde.setdefault(nome, []).append(j)
        achados += [
            f"célula escondida {i} atribui {nome!r}, que as células {js} também usam" for nome, js in onde.items()
        ]
    return achados


@pytest.mark.parametrize("caderno", CADERNOS, ids=lambda c: c.name)
def test_celulas_escondidas_nao_rebatem_nomes(caderno):
    """Uma célula escondida (questionário) que atribui ``tabela_1998`` muda a solução que o leitor lê
    depois (capítulo 2 em fc785e5: "90.000 MACs a mais" e a saída 0). Também os imports contam: use
    nomes próprios da célula escondida (``_q_tabela``, ``import ... as _q_modulo``)."""
    achados = nomes_rebatidos(_ler(caderno))
    assert not achados, "\n".join(achados)


# ---------------------------------------------------------------------------------------------
# Autoconferência: cada detector acusa o defeito real, plantado num caderno mínimo


def _md(texto, tags=()):
    return {"cell_type": "markdown", "metadata": {"tags": list(tags)}, "source": texto}


def _py(codigo, tags=()):
    return {"cell_type": "code", "metadata": {"tags": list(tags)}, "source": codigo, "outputs": []}


# o capítulo 3 em fc785e5, encolhido: uma subseção medida entre o anúncio da LRN e o seu código
CAP3_FC785E5 = [
    _md("# AlexNet"),
    _md("## As ideias de treino da aula\n\n### ReLU\n\nA ReLU satura menos:"),
    _py("print(relu)"),
    _md("### Normalização de resposta local (LRN)\n\nConferimos contra a fórmula escrita à mão:"),
    _md("#### Três sementes e uma taxa para cada rede\n\nOs números vêm do arquivo gravado:"),
    _py("mostrar(ablacao)"),
    _md("Não medimos qual dessas diferenças explica o resultado."),
    _py("print(torch.allclose(lrn, lrn_do_artigo(a)))"),
    _md("### Aumento de dados\n\nSem o ImageNet aqui, usamos a foto de Grace Hopper."),
    _md("#### LRN, nada ou BatchNorm, medidos\n\nO losango é o conjunto delas:"),
    _py("mostrar(normalizacao)"),
    _py("foto = abrir('grace_hopper.jpg')"),
]
CAP3_CORRIGIDO = [
    _md("# AlexNet"),
    _md("## As ideias de treino da aula\n\n### ReLU\n\nA ReLU satura menos:"),
    _py("print(relu)"),
    _md("#### Três sementes e uma taxa para cada rede\n\nOs números vêm do arquivo gravado:"),
    _py("mostrar(ablacao)"),
    _md("Não medimos qual dessas diferenças explica o resultado."),
    _md("### Normalização de resposta local (LRN)\n\nConferimos contra a fórmula escrita à mão:"),
    _py("print(torch.allclose(lrn, lrn_do_artigo(a)))"),
    _md("### Aumento de dados\n\nSem o ImageNet aqui, usamos a foto de Grace Hopper."),
    _py("foto = abrir('grace_hopper.jpg')"),
    _md("#### LRN, nada ou BatchNorm, medidos\n\nO losango é o conjunto delas:"),
    _py("mostrar(normalizacao)"),
]


def test_detectores_acusam_o_capitulo_3_de_fc785e5():
    assert len(anuncios_sem_codigo(CAP3_FC785E5)) == 1  # "Conferimos contra a fórmula…:" → "####"
    achados = secoes_fora_de_ordem(CAP3_FC785E5)
    assert any("separa o anúncio" in a for a in achados), achados
    assert sum("entra entre a introdução" in a for a in achados) == 2, achados  # LRN e aumento de dados
    assert not anuncios_sem_codigo(CAP3_CORRIGIDO)
    assert not secoes_fora_de_ordem(CAP3_CORRIGIDO)


def test_detector_de_niveis_e_de_anuncio_no_fim():
    assert any("nível pulado" in a for a in secoes_fora_de_ordem([_md("# T\n\n## A\n\n#### B"), _py("x")]))
    assert any("único título" in a for a in secoes_fora_de_ordem([_md("## Sem título do capítulo"), _py("x")]))
    assert anuncios_sem_codigo([_md("# T"), _md("A célula imprime:")])  # nada depois
    assert anuncios_sem_codigo([_md("A célula imprime:"), _py("x = 1", ["remove-cell"])])  # código invisível
    assert not anuncios_sem_codigo([_md("A célula imprime:"), _py("x = 1", ["remove-input"])])  # a saída aparece
    assert not anuncios_sem_codigo([_md("```{exercise}\nCalcule:\n```"), _md("texto")])  # fim de diretiva
    assert not secoes_fora_de_ordem([_md("# T\n\n```python\n# comentário, não título\n```"), _py("x")])


def test_detector_acusa_o_questionario_do_capitulo_2_de_fc785e5():
    celulas = [
        _py("tabela_1998 = resumo_camadas(lenet_1998(), (1, 32, 32))"),
        _py(
            "from redesconv.questionario import questionario\ntabela_1998 = resumo_camadas(lenet_moderna(P=0))",
            ESCONDIDAS,
        ),
        _py("print(tabela_1998.total_macs - tabela_moderna.total_macs)"),
    ]
    achados = nomes_rebatidos(celulas)
    assert len(achados) == 1 and "tabela_1998" in achados[0] and "[0, 2]" in achados[0]
    celulas[1] = _py(
        "from redesconv.questionario import questionario\n_q_t = resumo_camadas(lenet_moderna(P=0))", ["remove-input"]
    )
    assert not nomes_rebatidos(celulas)


@pytest.mark.parametrize(
    ("codigo", "esperado"),
    [
        ("a = 1", {"a"}),
        ("a, (b, *c) = x", {"a", "b", "c"}),
        ("for i, j in x:\n    pass", {"i", "j"}),
        ("import os.path as caminho\nfrom m import n, o as p", {"caminho", "n", "p"}),
        ("import os.path", {"os"}),
        ("def f(x=y):\n    z = 1", {"f"}),
        ("class C:\n    z = 1", {"C"}),
        ("with open(f) as g, h() as (k, m):\n    pass", {"g", "k", "m"}),
        ("if (n := 3) > 2:\n    pass", {"n"}),
        ("total += 1", {"total"}),
        ("v: int = 2", {"v"}),
        ("[q for q in range(3) if (w := q)]", {"w"}),
        ("try:\n    pass\nexcept ValueError as erro:\n    pass", {"erro"}),
        ("x.y = 1\nx[0] = 2\n%matplotlib inline", set()),
    ],
)
def test_nomes_atribuidos(codigo, esperado):
    assert nomes(codigo).atribuidos == esperado


def test_nomes_usados_dentro_de_funcoes_contam():
    usados = nomes("def f():\n    local = 1\n    return tabela + local\ng = lambda a: a + b").usados
    assert {"tabela", "b"} <= usados and "local" not in usados and "a" not in usados
