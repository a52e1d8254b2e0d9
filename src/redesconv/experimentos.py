"""As afirmações dos artigos (e da aula) como experimentos: o que cada truque da AlexNet e cada
escolha da VGG faz, medido em redes encolhidas.

De onde vem cada pergunta: a ReLU "várias vezes mais rápida" que a tangente é da Figura 1 do
artigo da AlexNet (Krizhevsky et al., 2012), assim como o *dropout*, o aumento de dados e a LRN; o
custo da LRN em memória e tempo e as pilhas de 3×3 são do artigo da VGG (Simonyan e Zisserman,
2014, seções 2.3 e 4.1); a inicialização de He não está na aula nem nesses dois artigos. A aula
só lista os truques ("Primeiro uso de ReLU", "Uso de camada de normalização (desuso)", …).

Cada *ablação* compara variantes de uma rede que diferem numa coisa só (a ativação, o dropout, a
normalização, o tamanho dos filtros, a profundidade, a inicialização), treinadas com a receita do
curso (:func:`redesconv.treino.treinar_com_receita`) no mesmo subconjunto fixo do Fashion-MNIST
32×32, com o mesmo orçamento e várias sementes. ``make experimentos`` roda todas e grava
``experimentos/resultados-<máquina>.json``; um capítulo pode rodar uma só, com um orçamento
pequeno, chamando :func:`rodar_ablacao`.

**Regra de divergência (declarada antes de ler os resultados).** Uma semente *não treinou* se a
perda de treino no fim não é finita, se as probabilidades no teste não são finitas, ou se a
acurácia de treino no fim ficou abaixo de :data:`PISO_DE_TREINO` (20%; o acaso, com dez classes, é
10%). As tabelas e os textos (:func:`estatisticas`, :func:`acuracia_br`, :func:`tabela_da_ablacao`)
dão a média ± desvio só das sementes que treinaram, com o *n*, e contam as outras como uma taxa
de falha; o conjunto das sementes é comparado só com a média das mesmas sementes que ele junta
(:func:`comparar_conjunto`).
"""

from __future__ import annotations

import copy
import math
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
    "PISO_DE_TREINO",
    "NOMES_ANTIGOS",
    "divergiu",
    "sementes_que_treinaram",
    "estatisticas",
    "acuracia_br",
    "falhas_br",
    "comparar_conjunto",
    "contar_conjuntos",
    "ablacao_convergida",
    "NOMES_DAS_ABLACOES",
    "atualizar_nomes",
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

    ``ativacao``: "relu" ou "tanh" (em todas as camadas); ``normalizacao``: "lrn" (na ordem da
    aula e da CaffeNet, NORM *depois* de POOL; o artigo põe NORM antes de POOL), "nenhuma" ou
    "batchnorm" (no lugar de cada LRN); ``dropout``: a probabilidade em FC6 e FC7.
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
    """Uma pergunta (de um artigo ou da aula) e as variantes que a respondem (diferem numa coisa só).

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
            _v("LRN (ordem da aula)", "alexnet", normalizacao="lrn"),
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
        "Mais profundidade ajuda? E a inicialização padrão do PyTorch treina as VGG encolhidas?",
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
    # a regra de divergência (PISO_DE_TREINO): o conjunto junta só as sementes que treinaram (se
    # nenhuma treinou, as finitas, e então ele não é comparado com nada: comparar_conjunto)
    finitas = [e for e in execucoes if not _execucao_divergiu(e)]
    if not finitas:
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
        "sementes_divergentes": [e["semente"] for e in execucoes if _execucao_divergiu(e)],
        "sementes_do_conjunto": [e["semente"] for e in (finitas or execucoes)],
        "perda_treino": [e.get("perda_treino", 0.0) for e in execucoes],
    }
    for alvo in ablacao.alvos:
        passos = [passos_ate_o_alvo(e["acuracia_por_passo"], alvo, janela) for e in execucoes]
        chave = f"{round(alvo * 100)}%"
        resumo.setdefault("passos_ate_o_erro", {})[chave] = passos
        resumo.setdefault("epocas_ate_o_erro", {})[chave] = [
            None if p is None else round(p / e["passos_por_epoca"], 3) for p, e in zip(passos, execucoes)
        ]
    return resumo


#: A regra de divergência: abaixo desta acurácia de treino no fim (o acaso, com dez classes, é 10%),
#: ou com a perda de treino ou as probabilidades no teste não finitas, a semente não treinou.
PISO_DE_TREINO = 0.20


def _execucao_divergiu(execucao: dict, piso: float = PISO_DE_TREINO) -> bool:
    """A regra de divergência aplicada a uma execução de :func:`rodar_variante` (antes do resumo)."""
    perda, acuracia = float(execucao.get("perda_treino", 0.0)), float(execucao["acuracia_treino"])
    finitas = bool(torch.isfinite(execucao["probabilidades"]).all())
    return not (math.isfinite(perda) and finitas and acuracia >= piso)


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
    return atualizar_nomes(todos[sorted(todos)[0]])


#: Rótulos de variantes que mudaram de nome: os arquivos gravados antes continuam legíveis.
#: A LRN das ablações vem depois do POOL, na ordem da aula e da CaffeNet; o artigo a põe antes.
NOMES_ANTIGOS = {"LRN (artigo)": "LRN (ordem da aula)"}

#: As chaves de ``ABLACOES`` como se escrevem no texto.
NOMES_DAS_ABLACOES = {
    "ativacao": "ativação",
    "regularizacao": "regularização",
    "normalizacao": "normalização",
    "filtros": "filtros",
    "profundidade": "profundidade",
}


def atualizar_nomes(resultados: dict) -> dict:
    """``resultados`` com os rótulos antigos (:data:`NOMES_ANTIGOS`) trocados pelos de hoje."""
    novo = lambda nome: NOMES_ANTIGOS.get(nome, nome)  # noqa: E731
    for ablacao in resultados.get("ablacoes", {}).values():
        for v in ablacao.get("variantes", []):
            v["nome"] = novo(v["nome"])
        for chave in ("grade_de_taxas", "variancias_na_inicializacao"):
            if chave in ablacao:
                ablacao[chave] = {novo(k): x for k, x in ablacao[chave].items()}
    return resultados


def descrever_execucao(resultados: dict, ablacao: str | None = None) -> str:
    """Em que máquina, com que orçamento e quando os resultados foram medidos.

    Um arquivo pode juntar várias chamadas de ``make experimentos`` (rodar só algumas ablações
    mantém as outras): então cada data vem com as ablações medidas nela. Com ``ablacao`` (uma
    chave de ``resultados["ablacoes"]``), só a data e a duração dessa.
    """
    from .formatacao import inteiro_br, plural_br

    m, o = resultados["maquina"], resultados["orcamento"]
    onde = f"GPU {m['gpu']}" if m.get("gpu") else f"CPU {m['cpu']} ({m['nucleos']} núcleos)"
    processos = resultados["processos"]
    texto = (
        f"{onde}, torch {m['torch']}, {processos} {plural_br(processos, 'processo', 'processos')}; "
        f"{inteiro_br(o['n_treino'])} imagens de treino e {inteiro_br(o['n_teste'])} de teste (sempre as mesmas), "
        f"{o['epocas']} épocas, lote {o['lote']}, sementes {', '.join(map(str, o['sementes']))}; "
    )
    ablacoes = resultados.get("ablacoes", {})
    if ablacao is not None:
        if ablacao not in ablacoes:
            raise KeyError(f"Ablação {ablacao!r} não está no arquivo; as que estão: {', '.join(ablacoes)}.")
        a = ablacoes[ablacao]
        return texto + f"medido em {a.get('data', resultados['data'])} ({_minutos(a.get('duracao_s', 0))})"
    datas: dict[str, list[str]] = {}
    for chave, a in ablacoes.items():
        datas.setdefault(a.get("data", resultados["data"]), []).append(NOMES_DAS_ABLACOES.get(chave, chave))
    total = f"{_minutos(resultados['duracao_s'])} para todas as ablações"
    if len(datas) <= 1:
        return texto + f"medido em {next(iter(datas), resultados['data'])} ({total})"
    partes = [f"{_lista_br(nomes)} em {data}" for data, nomes in sorted(datas.items())]
    vezes = f"{len(datas)} {plural_br(len(datas), 'execução', 'execuções')}"
    return texto + f"medido em {vezes} de `make experimentos`: {'; '.join(partes)} ({total})"


def _minutos(segundos: float) -> str:
    minutos = max(1, round(segundos / 60))
    return f"{minutos} min"


def _lista_br(itens: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b e c'."""
    return itens[0] if len(itens) == 1 else ", ".join(itens[:-1]) + " e " + itens[-1]


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
    """A ablação como texto: acurácia média ± desvio (só das sementes que treinaram, com o *n*), por
    semente, as que não treinaram, o conjunto contra a média das mesmas sementes, lacuna, tempo, alvos."""
    from .formatacao import decimal_br, inteiro_br

    def pct(x, casas=1):
        return decimal_br(100 * x, casas)

    linhas = []
    for v in ablacao["variantes"]:
        e, lacuna = estatisticas(v), estatisticas(v, "lacuna_treino_teste")
        por_semente = f"sementes: {'; '.join(pct(a) for a in v['acuracia_teste'])}"
        if e["n"]:
            acuracia = f"acurácia {pct(e['media'])}% ± {pct(e['desvio'])} (n = {e['n']}; {por_semente})"
        else:
            acuracia = f"acurácia: não treinou em nenhuma semente ({por_semente})"
        partes = [f"{v['nome']}:", acuracia]
        if e["falharam"] and e["n"]:
            partes.append(falhas_br(v))
        comparacao = comparar_conjunto(v)
        if comparacao:
            k = len(comparacao["sementes"])
            partes.append(f"comitê {pct(comparacao['conjunto'])}% (média das mesmas {k} sementes: "
                          f"{pct(comparacao['media'])}%)")  # fmt: skip
        else:
            motivo = "nenhuma semente treinou" if not e["n"] else "ele juntou uma semente que não treinou"
            partes.append(f"comitê não comparado ({motivo})")
        if lacuna["n"]:
            partes.append(f"treino − teste {pct(lacuna['media'])} pp")
        partes += [
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
    """O resumo da variante ``nome`` de uma ablação gravada (aceita os nomes de :data:`NOMES_ANTIGOS`)."""
    antigos = {novo: antigo for antigo, novo in NOMES_ANTIGOS.items()}
    aceitos = {nome, NOMES_ANTIGOS.get(nome, nome), antigos.get(nome, nome)}
    for v in ablacao["variantes"]:
        if v["nome"] in aceitos:
            return v
    raise KeyError(f"Variante {nome!r} não existe; as que existem: {[v['nome'] for v in ablacao['variantes']]}.")


# --- a regra de divergência aplicada ao que foi gravado ---------------------------------------------


def divergiu(variante_gravada: dict, i: int, piso: float = PISO_DE_TREINO) -> bool:
    """Se a ``i``-ésima semente de uma variante gravada não treinou (:data:`PISO_DE_TREINO`).

    Vale para os arquivos antigos também: ``sementes_divergentes`` (probabilidades não finitas),
    a acurácia de treino no fim e, se gravada, a perda de treino.
    """
    semente = variante_gravada["sementes"][i]
    acuracia = float(variante_gravada["acuracia_treino"][i])
    perdas = variante_gravada.get("perda_treino")
    perda = float(perdas[i]) if perdas else 0.0
    return (
        semente in variante_gravada.get("sementes_divergentes", [])
        or not math.isfinite(perda)
        or not acuracia >= piso  # NaN também fica abaixo do piso
    )


def sementes_que_treinaram(variante_gravada: dict, piso: float = PISO_DE_TREINO) -> list[int]:
    """As sementes de uma variante gravada que passaram na regra de divergência."""
    return [s for i, s in enumerate(variante_gravada["sementes"]) if not divergiu(variante_gravada, i, piso)]


def estatisticas(variante_gravada: dict, medida: str = "acuracia_teste", piso: float = PISO_DE_TREINO) -> dict:
    """Média ± desvio de ``medida`` (uma lista por semente) só nas sementes que treinaram.

    Devolve ``{"n", "total", "media", "desvio", "valores", "sementes", "falharam"}``; sem nenhuma
    semente que treinou, ``media`` e ``desvio`` são ``None`` (nunca a média de um resultado
    bimodal, que misturaria redes treinadas com redes no acaso).
    """
    v = variante_gravada
    ok = [i for i in range(len(v["sementes"])) if not divergiu(v, i, piso)]
    valores = [float(v[medida][i]) for i in ok]
    media, desvio = _media_desvio(valores) if valores else (None, None)
    return {
        "n": len(ok),
        "total": len(v["sementes"]),
        "media": media,
        "desvio": desvio,
        "valores": valores,
        "sementes": [v["sementes"][i] for i in ok],
        "falharam": [s for i, s in enumerate(v["sementes"]) if i not in ok],
    }


def falhas_br(variante_gravada: dict, piso: float = PISO_DE_TREINO) -> str:
    """'nenhuma semente falhou' ou '1 de 3 sementes não treinou (semente 1)'."""
    from .formatacao import plural_br

    e = estatisticas(variante_gravada, piso=piso)
    k = len(e["falharam"])
    if k == 0:
        return f"todas as {e['total']} sementes treinaram" if e["total"] > 1 else "a semente treinou"
    verbo = "não treinou" if k == 1 else "não treinaram"
    quais = f"{plural_br(k, 'semente', 'sementes')} {_lista_br([str(s) for s in e['falharam']])}"
    return f"{k} de {e['total']} {plural_br(e['total'], 'semente', 'sementes')} {verbo} ({quais})"


def acuracia_br(variante_gravada: dict, piso: float = PISO_DE_TREINO, casas: int = 1) -> str:
    """A acurácia de teste de uma variante gravada, como o texto deve dizer.

    '88,2% ± 0,7 (n = 3)'; com uma semente que não treinou, '88,8% ± 0,4 (n = 2; a semente 1 não
    treinou)'; sem nenhuma, 'não treinou em nenhuma das 3 sementes (10,1% no teste)'.
    """
    from .formatacao import decimal_br

    e = estatisticas(variante_gravada, piso=piso)
    if e["n"] == 0:
        todas = statistics.fmean(100 * a for a in variante_gravada["acuracia_teste"])
        return f"não treinou em nenhuma das {e['total']} sementes ({decimal_br(todas, casas)}% no teste)"
    texto = f"{decimal_br(100 * e['media'], casas)}% ± {decimal_br(100 * e['desvio'], casas)} (n = {e['n']}"
    if not e["falharam"]:
        return texto + ")"
    k = len(e["falharam"])
    quais = _lista_br([str(s) for s in e["falharam"]])
    return texto + (f"; a semente {quais} não treinou)" if k == 1 else f"; as sementes {quais} não treinaram)")


def comparar_conjunto(variante_gravada: dict, piso: float = PISO_DE_TREINO) -> dict | None:
    """O conjunto das sementes contra a média **das mesmas sementes** que ele junta.

    ``None`` se a comparação não vale: nenhuma semente treinou, ou o conjunto gravado juntou uma
    semente que não treinou. Senão, ``{"sementes", "conjunto", "media", "ganho"}`` (``ganho`` =
    conjunto − média, em fração).
    """
    v = variante_gravada
    treinaram = sementes_que_treinaram(v, piso)
    # o conjunto junta as sementes gravadas em "sementes_do_conjunto"; nos arquivos antigos, as finitas
    juntou = (
        v.get("sementes_do_conjunto")
        or [s for s in v["sementes"] if s not in v.get("sementes_divergentes", [])]
        or list(v["sementes"])
    )
    if not treinaram or not set(juntou) <= set(treinaram):
        return None
    media = statistics.fmean(float(v["acuracia_teste"][v["sementes"].index(s)]) for s in juntou)
    return {"sementes": list(juntou), "conjunto": float(v["acuracia_conjunto"]), "media": media,
            "ganho": float(v["acuracia_conjunto"]) - media}  # fmt: skip


def contar_conjuntos(resultados: dict, piso: float = PISO_DE_TREINO) -> dict:
    """Em quantas variantes o conjunto superou a média das mesmas sementes, contando só as que treinaram.

    Devolve ``{"ganhou", "comparadas", "excluidas", "repetidas"}``: ``excluidas`` são os nomes das
    variantes sem comparação válida (:func:`comparar_conjunto`); ``repetidas``, os pares
    ``(variante, igual a)`` de variantes com as mesmas medidas por semente de outra já contada (a
    mesma rede treinada duas vezes em ablações diferentes), que contam uma vez só.
    """
    vistas: dict[tuple, str] = {}
    ganhou = comparadas = 0
    excluidas, repetidas = [], []
    for ablacao in resultados["ablacoes"].values():
        for v in ablacao["variantes"]:
            comparacao = comparar_conjunto(v, piso)
            if comparacao is None:
                excluidas.append(v["nome"])
                continue
            assinatura = (tuple(v["acuracia_teste"]), tuple(v["acuracia_treino"]), v["acuracia_conjunto"])
            if assinatura in vistas:
                repetidas.append((v["nome"], vistas[assinatura]))
                continue
            vistas[assinatura] = v["nome"]
            comparadas += 1
            ganhou += comparacao["ganho"] > 0
    return {"ganhou": ganhou, "comparadas": comparadas, "excluidas": excluidas, "repetidas": repetidas}


def ablacao_convergida(ablacao: dict, piso: float = PISO_DE_TREINO) -> dict:
    """Uma cópia da ablação gravada para desenhar (``graficos.barras_da_ablacao``) sem misturar
    redes treinadas com redes que não treinaram.

    Em cada variante com alguma semente que treinou, as listas por semente ficam só com essas, e o
    rótulo ganha o *n* ("3 × 3×3 (n = 2 de 3)"). Uma variante em que nenhuma treinou fica com todas
    as sementes (todas no mesmo lugar, o acaso) e o rótulo diz "não treinou".
    """
    copia = copy.deepcopy(ablacao)
    por_semente = ("sementes", "acuracia_teste", "acuracia_treino", "lacuna_treino_teste",
                   "acuracia_teste_por_epoca", "segundos_por_epoca", "perda_treino")  # fmt: skip
    for v in copia["variantes"]:
        e = estatisticas(v, piso=piso)
        if e["n"] == 0:
            v["nome"] = f"{v['nome']} (não treinou)"
            continue
        if not e["falharam"]:
            continue
        manter = [i for i, s in enumerate(v["sementes"]) if s in e["sementes"]]
        for chave in por_semente:
            if chave in v:
                v[chave] = [v[chave][i] for i in manter]
        for chave in ("epocas_ate_o_erro", "passos_ate_o_erro"):
            if chave in v:
                v[chave] = {alvo: [x[i] for i in manter] for alvo, x in v[chave].items()}
        v["acuracia_teste_media"], v["acuracia_teste_desvio"] = e["media"], e["desvio"]
        v["lacuna_media"], v["lacuna_desvio"] = _media_desvio(v["lacuna_treino_teste"])
        v["sementes_divergentes"] = []
        v["nome"] = f"{v['nome']} (n = {e['n']} de {e['total']})"
    return copia
