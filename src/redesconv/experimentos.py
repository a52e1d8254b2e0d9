"""As afirmações da aula como experimentos: o que cada truque da AlexNet e cada escolha da VGG faz.

Cada *ablação* compara variantes de uma rede que diferem numa coisa só (a ativação, o dropout, a
normalização, o tamanho dos filtros, a profundidade, a inicialização), treinadas com a receita do
curso (:func:`redesconv.treino.treinar_com_receita`) no mesmo subconjunto fixo do Fashion-MNIST
32×32, com o mesmo orçamento e várias sementes. ``make experimentos`` roda todas e grava
``experimentos/resultados-<máquina>.json``; um capítulo pode rodar uma só, com um orçamento
pequeno, chamando :func:`rodar_ablacao`.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from functools import partial

import torch
from torch import nn

from . import redes
from .arquiteturas import rede_de_tabela
from .dados import recortar_e_espelhar
from .resumo import resumo_camadas
from .treino import Lotes, Receita, avaliar, fixar_sementes, inicializar_he, treinar_com_receita

__all__ = [
    "ABLACOES",
    "ORCAMENTO_CPU",
    "ORCAMENTO_RAPIDO",
    "Ablacao",
    "Orcamento",
    "Variante",
    "alexnet_pequena",
    "pilha_de_filtros",
    "tabela_pilha",
    "vgg_pequena",
    "subconjunto",
    "rodar_variante",
    "rodar_ablacao",
    "resumir",
    "passos_ate_o_alvo",
    "variancias_por_camada",
    "resultados_gravados",
    "descrever_execucao",
    "protocolo_br",
    "tabela_da_ablacao",
    "achar_variante",
    "epocas_ate_a_acuracia",
]

ENTRADA = (1, 32, 32)  # Fashion-MNIST com 2 pixels de zeros em cada borda


# --- as redes, com uma coisa trocável de cada vez ---------------------------------------------------


def _trocar(rede: nn.Sequential, tipo: type, fabrica: Callable[[int], nn.Module]) -> nn.Sequential:
    """Troca cada camada ``tipo`` por ``fabrica(canais da última CONV antes dela)``."""
    canais = None
    for nome, camada in list(rede.named_children()):
        if isinstance(camada, nn.Conv2d):
            canais = camada.out_channels
        if isinstance(camada, tipo):
            setattr(rede, nome, fabrica(canais))
    return rede


def alexnet_pequena(ativacao: str = "relu", normalizacao: str = "lrn", dropout: float = 0.5) -> nn.Sequential:
    """A AlexNet do capítulo 3 para o Fashion-MNIST 32×32 (:func:`redes.alexnet_fashion`).

    ``ativacao``: "relu" ou "tanh" (em todas as camadas); ``normalizacao``: "lrn" (a do artigo),
    "nenhuma" ou "batchnorm" (no lugar de cada LRN); ``dropout``: a probabilidade em FC6 e FC7.
    """
    if ativacao not in ("relu", "tanh") or normalizacao not in ("lrn", "nenhuma", "batchnorm"):
        raise ValueError(f"Variante desconhecida: ativacao={ativacao!r}, normalizacao={normalizacao!r}.")
    rede = redes.alexnet_fashion(entrada=32, lrn=True, dropout=dropout)
    if normalizacao == "nenhuma":
        _trocar(rede, nn.LocalResponseNorm, lambda c: nn.Identity())
    elif normalizacao == "batchnorm":
        _trocar(rede, nn.LocalResponseNorm, nn.BatchNorm2d)
    if ativacao == "tanh":
        _trocar(rede, nn.ReLU, lambda c: nn.Tanh())
    return rede


def tabela_pilha(F: int = 3, n: int = 2, largura: int = 16) -> list[tuple]:
    """Uma CONV 3×3 de entrada, dois blocos de ``n`` CONV F×F (largura → largura) com POOL 2×2/2, FC 10.

    Duas 3×3 veem o mesmo campo (5×5) que uma 5×5; três 3×3, o mesmo que uma 7×7. Como na
    seção 2.3 do artigo da VGG, os blocos comparados vão de ``largura`` a ``largura`` canais:
    n·F²·C² pesos por bloco (2·9 = 18 contra 25; 3·9 = 27 contra 49).
    """
    return [("CONV", largura, 3, 1, 1)] + redes.bloco_vgg(largura, n, F) * 2 + [("FC", 10)]


def pilha_de_filtros(F: int = 3, n: int = 2, largura: int = 16) -> nn.Sequential:
    """A rede de :func:`tabela_pilha`."""
    return rede_de_tabela(tabela_pilha(F, n, largura), ENTRADA, nomes="blocos")


def vgg_pequena(configuracao: str = "A") -> nn.Sequential:
    """A configuração da Tabela 1 da VGG com 1/8 dos filtros e FC de 128 (a do capítulo 4 é a "A")."""
    return redes.vgg(configuracao, entrada=32, canais=1, fc=128, classes=10, escala=8)


#: Os pares (F, n) comparados: duas 3×3 contra uma 5×5, três 3×3 contra uma 7×7.
PARES = ((3, 2), (5, 1), (3, 3), (7, 1))

REDES: dict[str, Callable[..., nn.Module]] = {
    "alexnet": alexnet_pequena,
    "pilha": pilha_de_filtros,
    "vgg": vgg_pequena,
}


# --- o que se roda ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Orcamento:
    """Quanto cada variante treina e como se mede: exemplos de treino e de teste (fixos), épocas,
    lote, sementes; o deslocamento máximo, em pixels, dos recortes do aumento de dados; e quantos
    lotes entram na média do erro de treino que decide quando um alvo foi alcançado."""

    n_treino: int = 10_000
    n_teste: int = 2_000
    epocas: int = 6
    lote: int = 128
    sementes: tuple[int, ...] = (0, 1, 2)
    nome: str = "cpu"
    deslocamento: int = 4
    janela: int = 10


#: O de ``make experimentos`` numa CPU de 2 núcleos (todas as ablações em menos de 30 min).
ORCAMENTO_CPU = Orcamento()
#: Para um capítulo ou o Colab rodarem uma ablação em um ou dois minutos (e os testes).
ORCAMENTO_RAPIDO = Orcamento(n_treino=3_000, n_teste=1_000, epocas=2, lote=64, nome="rápido")


@dataclass(frozen=True)
class Variante:
    """Uma rede (chave de ``REDES`` + opções), a taxa máxima, a inicialização e o aumento de dados."""

    nome: str
    rede: str
    opcoes: tuple[tuple[str, object], ...] = ()
    taxa_max: float = 0.05
    inicializacao: str = "padrao"
    aumento: bool = False

    def construir(self) -> nn.Module:
        return REDES[self.rede](**dict(self.opcoes))

    def receita(self, orcamento: Orcamento) -> Receita:
        return Receita(
            epocas=orcamento.epocas, lote=orcamento.lote, taxa_max=self.taxa_max, nesterov=True,
            inicializacao=self.inicializacao,
        )  # fmt: skip


@dataclass(frozen=True)
class Ablacao:
    """Uma pergunta da aula e as variantes que a respondem (diferem numa coisa só).

    Se ``taxas`` não for vazio, cada variante escolhe a sua taxa máxima nessa grade, com a
    primeira semente — a que chega antes ao ``alvo`` de erro de treino mais difícil (sem alvos,
    ou empatadas, a de maior acurácia de treino no fim; nunca pelo teste) —, e as demais
    sementes usam a taxa escolhida.
    """

    pergunta: str
    variantes: tuple[Variante, ...]
    taxas: tuple[float, ...] = ()
    alvos: tuple[float, ...] = ()  # erros de treino (0,25 = 25%) cujo tempo até alcançar se mede
    variancias: bool = False  # registra a variância das ativações camada a camada na inicialização


def _v(nome, rede, taxa=0.05, inicializacao="he", aumento=False, **opcoes) -> Variante:
    # He em todas (menos onde a inicialização é a pergunta): com a padrão do PyTorch, as redes com
    # ReLU destes experimentos às vezes nem saem do acaso, e a ablação mediria isso, não a sua pergunta
    return Variante(nome, rede, tuple(sorted(opcoes.items())), taxa, inicializacao, aumento)


ABLACOES: dict[str, Ablacao] = {
    "ativacao": Ablacao(
        "A ReLU treina mais rápido que a tangente hiperbólica? (AlexNet, Figura 1: 25% de erro de treino)",
        (_v("ReLU", "alexnet", dropout=0.0), _v("tanh", "alexnet", ativacao="tanh", dropout=0.0)),
        taxas=(0.01, 0.03, 0.1),
        alvos=(0.25, 0.15),
    ),
    "regularizacao": Ablacao(
        "O dropout e o aumento de dados reduzem a distância entre treino e teste?",
        (
            _v("sem dropout, sem aumento", "alexnet", dropout=0.0),
            _v("dropout 0,5", "alexnet", dropout=0.5),
            _v("aumento de dados", "alexnet", aumento=True, dropout=0.0),
            _v("dropout 0,5 + aumento", "alexnet", aumento=True, dropout=0.5),
        ),
    ),
    "normalizacao": Ablacao(
        "O que a LRN faz pela acurácia e pelo tempo, comparada a nada e à BatchNorm?",
        (
            _v("LRN (artigo)", "alexnet", normalizacao="lrn"),
            _v("nenhuma", "alexnet", normalizacao="nenhuma"),
            _v("BatchNorm", "alexnet", normalizacao="batchnorm"),
        ),
    ),
    "filtros": Ablacao(
        "Filtros 3×3 empilhados × um filtro grande com o mesmo campo receptivo (VGG, seção 2.3)",
        (
            _v("2 × 3×3", "pilha", F=3, n=2),
            _v("1 × 5×5", "pilha", F=5, n=1),
            _v("3 × 3×3", "pilha", F=3, n=3),
            _v("1 × 7×7", "pilha", F=7, n=1),
        ),
    ),
    "profundidade": Ablacao(
        "Mais profundidade ajuda? E por que a inicialização padrão do PyTorch trava as redes fundas?",
        (
            _v("A (11 camadas), padrão", "vgg", inicializacao="padrao", configuracao="A"),
            _v("A (11 camadas), He", "vgg", inicializacao="he", configuracao="A"),
            _v("E (19 camadas), padrão", "vgg", inicializacao="padrao", configuracao="E"),
            _v("E (19 camadas), He", "vgg", inicializacao="he", configuracao="E"),
        ),
        taxas=(0.01, 0.02, 0.05),
        variancias=True,
    ),
}


def subconjunto(dados, orcamento: Orcamento):
    """Os primeiros ``n_treino`` exemplos de treino e ``n_teste`` de teste (sempre os mesmos)."""
    x_treino, y_treino, x_teste, y_teste = dados
    return (
        x_treino[: orcamento.n_treino], y_treino[: orcamento.n_treino],
        x_teste[: orcamento.n_teste], y_teste[: orcamento.n_teste],
    )  # fmt: skip


def passos_ate_o_alvo(acuracia_por_passo: list[float], erro_alvo: float, janela: int = 10) -> int | None:
    """Primeiro passo em que o erro de treino, na média dos últimos ``janela`` lotes, fica ≤ ``erro_alvo``."""
    for i in range(janela, len(acuracia_por_passo) + 1):
        if 1 - sum(acuracia_por_passo[i - janela : i]) / janela <= erro_alvo:
            return i
    return None


@torch.no_grad()
def variancias_por_camada(rede: nn.Module, x: torch.Tensor) -> list[tuple[str, float]]:
    """(nome, variância) da saída de cada ativação (ReLU/tanh) de ``rede`` para o lote ``x``."""
    registro: list[tuple[str, float]] = []
    ganchos = [
        m.register_forward_hook(lambda mod, ent, sai, nome=nome: registro.append((nome, float(sai.var()))))
        for nome, m in rede.named_modules()
        if isinstance(m, nn.ReLU | nn.Tanh)
    ]
    try:
        rede.eval()(x)
    finally:
        for g in ganchos:
            g.remove()
    return registro


def rodar_variante(variante: Variante, orcamento: Orcamento, semente: int, dados, dispositivo) -> dict:
    """Treina uma variante com uma semente; devolve as medidas e as probabilidades no teste."""
    dados = subconjunto(dados, orcamento)
    aumento = partial(recortar_e_espelhar, deslocamento=orcamento.deslocamento) if variante.aumento else None
    modelo, historico = treinar_com_receita(
        variante.construir, variante.receita(orcamento), dados, dispositivo, semente, aumento=aumento
    )
    with torch.no_grad():
        x_teste = dados[2].to(dispositivo, memory_format=torch.channels_last)
        probabilidades = torch.cat([modelo.eval()(x).softmax(1).cpu() for x in x_teste.split(1000)])
    # a acurácia de treino no fim, como a de teste: modo de avaliação (sem dropout), sem aumento
    _, acuracia_treino = avaliar(
        modelo, Lotes(dados[0], dados[1], 1000), dispositivo, formato_memoria=torch.channels_last
    )
    passos_por_epoca = len(historico.acuracia_por_passo) // orcamento.epocas
    return {
        "semente": semente,
        "taxa_max": variante.taxa_max,
        "acuracia_teste": historico.acuracia_teste[-1],
        "acuracia_treino": acuracia_treino,
        "acuracia_treino_durante": historico.acuracia_treino[-1],
        "perda_treino": historico.perda_treino[-1],
        "acuracia_teste_por_epoca": historico.acuracia_teste,
        "segundos_por_epoca": historico.segundos_por_epoca,
        "passos_por_epoca": passos_por_epoca,
        "acuracia_por_passo": historico.acuracia_por_passo,
        "probabilidades": probabilidades,
    }


def _media_desvio(valores: list[float]) -> tuple[float, float]:
    return statistics.fmean(valores), (statistics.stdev(valores) if len(valores) > 1 else 0.0)


def resumir(
    variante: Variante, ablacao: Ablacao, execucoes: list[dict], y_teste: torch.Tensor, janela: int = 10
) -> dict:
    """As medidas de uma variante em todas as sementes: por semente, média ± desvio e o conjunto.

    ``janela``: quantos lotes entram na média do erro de treino comparada aos alvos da ablação.
    """
    execucoes = sorted(execucoes, key=lambda e: e["semente"])
    rede = variante.construir()
    tabela = resumo_camadas(rede.eval(), ENTRADA)
    acuracias = [e["acuracia_teste"] for e in execucoes]
    lacunas = [e["acuracia_treino"] - e["acuracia_teste"] for e in execucoes]
    media, desvio = _media_desvio(acuracias)
    # uma semente que divergiu (saídas NaN) envenenaria a média: o conjunto usa só as finitas
    finitas = [e for e in execucoes if torch.isfinite(e["probabilidades"]).all()]
    conjunto = torch.stack([e["probabilidades"] for e in finitas or execucoes]).nan_to_num(0).mean(0).argmax(1)
    resumo = {
        "nome": variante.nome,
        "rede": variante.rede,
        "opcoes": dict(variante.opcoes),
        "taxa_max": variante.taxa_max if not execucoes else execucoes[0]["taxa_max"],
        "inicializacao": variante.inicializacao,
        "aumento": variante.aumento,
        "parametros": tabela.total_parametros,
        "macs": tabela.total_macs,
        "sementes": [e["semente"] for e in execucoes],
        "acuracia_teste": acuracias,
        "acuracia_teste_media": media,
        "acuracia_teste_desvio": desvio,
        "acuracia_treino": [e["acuracia_treino"] for e in execucoes],
        "lacuna_treino_teste": lacunas,
        "lacuna_media": _media_desvio(lacunas)[0],
        "lacuna_desvio": _media_desvio(lacunas)[1],
        "acuracia_teste_por_epoca": [e["acuracia_teste_por_epoca"] for e in execucoes],
        "segundos_por_epoca": [statistics.median(e["segundos_por_epoca"]) for e in execucoes],
        "acuracia_conjunto": float((conjunto == y_teste).float().mean()),
        "sementes_divergentes": [e["semente"] for e in execucoes if e not in finitas],
    }
    for alvo in ablacao.alvos:
        passos = [passos_ate_o_alvo(e["acuracia_por_passo"], alvo, janela) for e in execucoes]
        chave = f"{round(alvo * 100)}%"
        resumo.setdefault("passos_ate_o_erro", {})[chave] = passos
        resumo.setdefault("epocas_ate_o_erro", {})[chave] = [
            None if p is None else round(p / e["passos_por_epoca"], 3) for p, e in zip(passos, execucoes)
        ]
    return resumo


def _chega_antes(execucao: dict, alvos: tuple[float, ...], janela: int) -> tuple:
    """Chave de ordenação da grade de taxas: chega antes ao alvo mais difícil; empate → mais acurácia."""
    passos = [passos_ate_o_alvo(execucao["acuracia_por_passo"], a, janela) for a in sorted(alvos)]
    return (*[p if p is not None else float("inf") for p in passos], -execucao["acuracia_treino"])


def rodar_ablacao(
    chave: str, dados, dispositivo, orcamento: Orcamento = ORCAMENTO_RAPIDO, rodar: Callable | None = None
) -> dict:
    """Roda a ablação ``chave`` de ``ABLACOES`` com ``orcamento``; devolve o resumo de cada variante.

    ``rodar(tarefas)`` (opcional) executa uma lista de ``(variante, orcamento, semente)`` e devolve
    os resultados na mesma ordem — ``make experimentos`` o usa para rodar em vários processos;
    sem ele, roda uma por vez aqui mesmo.
    """
    if chave not in ABLACOES:
        raise ValueError(f"Ablação desconhecida: {chave!r}. As que existem: {', '.join(ABLACOES)}.")
    ablacao = ABLACOES[chave]
    if rodar is None:

        def rodar(tarefas):
            return [rodar_variante(v, o, s, dados, dispositivo) for v, o, s in tarefas]

    primeira, demais = orcamento.sementes[0], orcamento.sementes[1:]
    grade = {}
    variantes = list(ablacao.variantes)
    if ablacao.taxas:  # cada variante com a sua melhor taxa, escolhida pela primeira semente
        tarefas = [(_com_taxa(v, t), orcamento, primeira) for v in variantes for t in ablacao.taxas]
        resultados = rodar(tarefas)
        for i, v in enumerate(variantes):
            da_variante = resultados[i * len(ablacao.taxas) : (i + 1) * len(ablacao.taxas)]
            melhor = min(da_variante, key=lambda e: _chega_antes(e, ablacao.alvos, orcamento.janela))
            grade[v.nome] = {
                "taxas": list(ablacao.taxas),
                "acuracia_treino": [e["acuracia_treino"] for e in da_variante],
                "escolhida": melhor["taxa_max"],
                "primeira_semente": melhor,
            }
        variantes = [_com_taxa(v, grade[v.nome]["escolhida"]) for v in variantes]
        tarefas = [(v, orcamento, s) for v in variantes for s in demais]
    else:
        tarefas = [(v, orcamento, s) for v in variantes for s in orcamento.sementes]
    resultados = rodar(tarefas)
    y_teste = subconjunto(dados, orcamento)[3]
    resumos = []
    for v in variantes:
        execucoes = [r for (t, _, _), r in zip(tarefas, resultados) if t == v]
        if v.nome in grade:
            execucoes.insert(0, grade[v.nome].pop("primeira_semente"))
        resumos.append(resumir(v, ablacao, execucoes, y_teste, orcamento.janela))
    saida = {"pergunta": ablacao.pergunta, "variantes": resumos}
    if grade:
        saida["grade_de_taxas"] = grade
    if ablacao.variancias:
        fixar_sementes(primeira)
        x = subconjunto(dados, orcamento)[0][:256]
        saida["variancias_na_inicializacao"] = {}
        for v in variantes:
            fixar_sementes(primeira)
            rede = v.construir()
            if v.inicializacao == "he":
                inicializar_he(rede)
            saida["variancias_na_inicializacao"][v.nome] = variancias_por_camada(rede, x)
    return saida


def _com_taxa(variante: Variante, taxa: float) -> Variante:
    return replace(variante, taxa_max=taxa)


# --- o que os capítulos mostram dos resultados gravados ---------------------------------------------


def resultados_gravados() -> dict:
    """Os resultados de ``make experimentos`` gravados no repositório (ou no pacote, no Colab).

    Com vários arquivos (várias máquinas), o primeiro em ordem de nome.
    """
    from .gravados import ler_experimentos

    todos = ler_experimentos()
    if not todos:
        raise FileNotFoundError(
            "Nenhum resultado de `make experimentos` encontrado (experimentos/resultados-*.json, nem a cópia "
            "no pacote redesconv): rode `make experimentos` na raiz do repositório."
        )
    return todos[sorted(todos)[0]]


def descrever_execucao(resultados: dict) -> str:
    """Em que máquina, com que orçamento e quando os resultados foram medidos."""
    from .formatacao import inteiro_br

    m, o = resultados["maquina"], resultados["orcamento"]
    onde = f"GPU {m['gpu']}" if m.get("gpu") else f"CPU {m['cpu']} ({m['nucleos']} núcleos)"
    return (
        f"{onde}, torch {m['torch']}, {resultados['processos']} processo(s); {inteiro_br(o['n_treino'])} imagens de "
        f"treino e {inteiro_br(o['n_teste'])} de teste (sempre as mesmas), {o['epocas']} épocas, lote {o['lote']}, "
        f"sementes {', '.join(map(str, o['sementes']))}; medido em {resultados['data']} "
        f"({round(resultados['duracao_s'] / 60)} min para todas as ablações)"
    )


def protocolo_br(orcamento: Orcamento | dict) -> dict[str, str]:
    """O orçamento (um :class:`Orcamento` ou o ``"orcamento"`` de um arquivo gravado) em textos pt-BR.

    Os capítulos colam cada um (``colar(f"exp_{chave}", texto)``) em vez de digitar "6 épocas em
    10.000 imagens": se o orçamento mudar, a prosa muda junto.
    """
    from .formatacao import inteiro_br

    o = asdict(orcamento) if isinstance(orcamento, Orcamento) else orcamento
    faltam = {"n_treino", "n_teste", "epocas", "lote", "sementes", "deslocamento", "janela"} - set(o)
    if faltam:
        raise KeyError(f"O orçamento gravado não diz {', '.join(sorted(faltam))}: rode `make experimentos` de novo.")
    return {
        "n_treino": inteiro_br(o["n_treino"]),
        "n_teste": inteiro_br(o["n_teste"]),
        "epocas": str(o["epocas"]),
        "lote": str(o["lote"]),
        "sementes": str(len(o["sementes"])),
        "deslocamento": str(o["deslocamento"]),
        "janela": str(o["janela"]),
    }


def tabela_da_ablacao(ablacao: dict, alvos: bool = True) -> str:
    """A ablação como texto: acurácia média ± desvio, por semente, conjunto, lacuna, tempo, alvos."""
    from .formatacao import decimal_br, inteiro_br

    def pct(x, casas=1):
        return decimal_br(100 * x, casas)

    linhas = []
    for v in ablacao["variantes"]:
        partes = [
            f"{v['nome']}:",
            f"acurácia {pct(v['acuracia_teste_media'])}% ± {pct(v['acuracia_teste_desvio'])} "
            f"(sementes: {'; '.join(pct(a) for a in v['acuracia_teste'])})",
            f"conjunto {pct(v['acuracia_conjunto'])}%",
            f"treino − teste {pct(v['lacuna_media'])} pp",
            f"{decimal_br(statistics.median(v['segundos_por_epoca']), 1)} s/época",
            f"{inteiro_br(v['parametros'])} parâmetros",
            f"{inteiro_br(v['macs'])} MACs por imagem",
        ]
        epocas = epocas_ate_a_acuracia(v)
        texto = "; ".join("não chegou" if e is None else str(e) for e in epocas)
        partes.append(f"época em que chegou a {round(100 * ALVO_DE_TESTE)}% no teste: {texto}")
        if alvos:
            for alvo, epocas in v.get("epocas_ate_o_erro", {}).items():
                texto = "; ".join("não chegou" if e is None else decimal_br(e, 2) for e in epocas)
                partes.append(f"épocas até {alvo} de erro de treino: {texto}")
        linhas.append(" ".join(partes[:1]) + "\n    " + ", ".join(partes[1:]))
    return "\n".join(linhas)


#: A acurácia de teste cujo tempo até alcançar a tabela mostra para todas as variantes.
ALVO_DE_TESTE = 0.80


def epocas_ate_a_acuracia(variante_gravada: dict, alvo: float = ALVO_DE_TESTE) -> list[int | None]:
    """Por semente, a primeira época em que a acurácia de teste chegou a ``alvo`` (``None``: não chegou)."""
    return [
        next((i for i, a in enumerate(curva, start=1) if a >= alvo), None)
        for curva in variante_gravada["acuracia_teste_por_epoca"]
    ]


def achar_variante(ablacao: dict, nome: str) -> dict:
    """O resumo da variante ``nome`` de uma ablação gravada."""
    for v in ablacao["variantes"]:
        if v["nome"] == nome:
            return v
    raise KeyError(f"Variante {nome!r} não existe; as que existem: {[v['nome'] for v in ablacao['variantes']]}.")
