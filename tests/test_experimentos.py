"""O executor das ablações (redesconv.experimentos, make experimentos), num orçamento minúsculo.

Sementes respeitadas, variantes que diferem só no que a ablação estuda, o aumento de dados que
recorta e espelha, o erro por passo, e o formato dos resultados.
"""

import json
import math
import statistics
from dataclasses import asdict, replace

import pytest
import torch
from torch import nn

from experimentos.__main__ import tabela_markdown
from redesconv import experimentos as ex
from redesconv.dados import recortar_e_espelhar
from redesconv.treino import Lotes, Receita, treinar_com_receita

MINUSCULO = ex.Orcamento(n_treino=128, n_teste=64, epocas=1, lote=32, sementes=(0, 1, 2), nome="teste")


@pytest.fixture(scope="module")
def dados():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(200, 1, 32, 32, generator=g)
    y = torch.randint(0, 10, (200,), generator=g)
    x[torch.arange(200), 0, y, y] += 4.0  # um sinal fácil: a rede aprende algo em uma época
    return x[:150], y[:150], x[150:], y[150:]


# --- aumento de dados ------------------------------------------------------------------------------


def test_recortar_e_espelhar_e_um_recorte_deslocado_talvez_espelhado():
    x = torch.arange(3 * 2 * 6 * 6, dtype=torch.float).reshape(3, 2, 6, 6) + 1
    saida = recortar_e_espelhar(x, torch.Generator().manual_seed(1), deslocamento=2)
    assert saida.shape == x.shape
    preenchido = nn.functional.pad(x, (2, 2, 2, 2))
    for i in range(3):
        janelas = [
            preenchido[i, :, dy : dy + 6, dx : dx + 6] for dy in range(5) for dx in range(5)
        ]  # todas as posições de recorte possíveis
        assert any(torch.equal(saida[i], j) or torch.equal(saida[i], j.flip(-1)) for j in janelas)
    # reproduzível com a mesma semente; outra semente, outro sorteio
    assert torch.equal(saida, recortar_e_espelhar(x, torch.Generator().manual_seed(1), deslocamento=2))
    assert not torch.equal(saida, recortar_e_espelhar(x, torch.Generator().manual_seed(2), deslocamento=2))


def test_sem_deslocamento_so_espelha_e_deslocamento_negativo_e_erro():
    x = torch.randn(64, 1, 5, 5)
    saida = recortar_e_espelhar(x, torch.Generator().manual_seed(0), deslocamento=0)
    espelhadas = [not torch.equal(a, b) for a, b in zip(saida, x)]
    assert all(torch.equal(a, b) or torch.equal(a, b.flip(-1)) for a, b in zip(saida, x))
    assert 16 < sum(espelhadas) < 48  # cerca de metade
    with pytest.raises(ValueError, match="deslocamento deve ser ≥ 0"):
        recortar_e_espelhar(x, deslocamento=-1)


def test_lotes_aplicam_o_aumento_e_o_treino_muda(dados):
    x, y = dados[0], dados[1]
    lotes = Lotes(x, y, 50, embaralhar=True, aumento=lambda lote, g: lote * 0)
    assert all((xb == 0).all() for xb, _ in lotes)
    receita = Receita(epocas=1, lote=32, taxa_max=0.05)
    sem, _ = treinar_com_receita(lambda: ex.pilha_de_filtros(3, 1, 8), receita, dados, "cpu", 0)
    com, _ = treinar_com_receita(
        lambda: ex.pilha_de_filtros(3, 1, 8), receita, dados, "cpu", 0, aumento=recortar_e_espelhar
    )
    assert any(not torch.equal(a, b) for a, b in zip(sem.parameters(), com.parameters()))


def test_acuracia_por_passo_bate_com_a_da_epoca(dados):
    receita = Receita(epocas=2, lote=32, taxa_max=0.05)
    _, historico = treinar_com_receita(lambda: ex.pilha_de_filtros(3, 1, 8), receita, dados, "cpu", 0)
    passos = len(historico.taxa_por_passo)
    assert len(historico.acuracia_por_passo) == passos == 2 * 5  # 150 exemplos em lotes de 32
    tamanhos = [32, 32, 32, 32, 22]
    primeira = sum(a * n for a, n in zip(historico.acuracia_por_passo[:5], tamanhos)) / 150
    assert primeira == pytest.approx(historico.acuracia_treino[0])


def test_passos_ate_o_alvo():
    acuracias = [0.1] * 10 + [0.8] * 10 + [0.9] * 10
    assert ex.passos_ate_o_alvo(acuracias, 0.25, janela=5) == 15
    assert ex.passos_ate_o_alvo(acuracias, 0.15, janela=5) == 23  # média de 0,8, 0,8, 0,9, 0,9, 0,9
    assert ex.passos_ate_o_alvo(acuracias, 0.11, janela=5) == 25
    assert ex.passos_ate_o_alvo(acuracias, 0.05, janela=5) is None
    assert ex.passos_ate_o_alvo([0.9, 0.9], 0.25, janela=5) is None  # menos passos que a janela
    # o alvo é "≤": um erro exatamente igual ao alvo já conta (frações exatas em binário)
    assert ex.passos_ate_o_alvo([0.5, 0.75, 0.75, 1.0], 0.25, janela=2) == 3
    assert ex.passos_ate_o_alvo([0.5, 0.75, 0.75, 1.0], 0.125, janela=2) == 4


# --- as variantes diferem numa coisa só ------------------------------------------------------------------


def _tipos(rede):
    return [type(m).__name__ for m in rede.children()]


def _diferencas(a: ex.Variante, b: ex.Variante) -> set[str]:
    campos = {"inicializacao", "aumento", "taxa_max", "rede"}
    difere = {c for c in campos if getattr(a, c) != getattr(b, c)}
    oa, ob = dict(a.opcoes), dict(b.opcoes)
    return difere | {k for k in oa.keys() | ob.keys() if oa.get(k) != ob.get(k)}


ESTUDADO = {
    "ativacao": {"ativacao"},
    "regularizacao": {"dropout", "aumento"},
    "normalizacao": {"normalizacao"},
    "filtros": {"F", "n"},
    "profundidade": {"configuracao", "inicializacao"},
}


@pytest.mark.parametrize("chave", ex.ABLACOES)
def test_variantes_diferem_so_no_que_a_ablacao_estuda(chave):
    variantes = ex.ABLACOES[chave].variantes
    assert len(variantes) >= 2 and len({v.nome for v in variantes}) == len(variantes)
    diferencas = set().union(*(_diferencas(a, b) for a in variantes for b in variantes))
    assert diferencas == ESTUDADO[chave]


def test_alexnet_pequena_troca_so_a_camada_pedida():
    base = _tipos(ex.alexnet_pequena())
    assert "LocalResponseNorm" in base and "ReLU" in base
    trocas = {
        ("tanh", "lrn"): {"ReLU": "Tanh"},
        ("relu", "nenhuma"): {"LocalResponseNorm": "Identity"},
        ("relu", "batchnorm"): {"LocalResponseNorm": "BatchNorm2d"},
    }
    for (ativacao, norma), mapa in trocas.items():
        outra = _tipos(ex.alexnet_pequena(ativacao, norma))
        assert outra == [mapa.get(t, t) for t in base], (ativacao, norma)
    with pytest.raises(ValueError, match="Variante desconhecida"):
        ex.alexnet_pequena("sigmoide")
    rede = ex.alexnet_pequena(normalizacao="batchnorm")
    bns = [m for m in rede.modules() if isinstance(m, nn.BatchNorm2d)]
    assert [bn.num_features for bn in bns] == [16, 32]  # os canais da CONV antes de cada LRN
    assert [m.p for m in ex.alexnet_pequena(dropout=0.0).modules() if isinstance(m, nn.Dropout)] == [0.0, 0.0]


def test_pilhas_tem_o_mesmo_campo_receptivo_e_menos_parametros():
    from redesconv.arquiteturas import campo_receptivo
    from redesconv.resumo import resumo_camadas

    assert campo_receptivo(ex.tabela_pilha(3, 2)) == campo_receptivo(ex.tabela_pilha(5, 1))
    assert campo_receptivo(ex.tabela_pilha(3, 3)) == campo_receptivo(ex.tabela_pilha(7, 1))
    p = {(F, n): resumo_camadas(ex.pilha_de_filtros(F, n), ex.ENTRADA).total_parametros for F, n in ex.PARES}
    comum = 9 * 16 + 16 + 8 * 8 * 16 * 10 + 10  # a CONV de entrada e a FC (largura 16)
    blocos = {(F, n): p[(F, n)] - comum for F, n in ex.PARES}
    assert blocos == {(F, n): 2 * n * (F * F * 16 * 16 + 16) for F, n in ex.PARES}
    assert blocos[(3, 2)] < blocos[(5, 1)] and blocos[(3, 3)] < blocos[(7, 1)]


# --- sementes, resultados, conjunto ------------------------------------------------------------------


def test_mesma_semente_mesmo_resultado_outra_semente_outro(dados):
    v = ex.ABLACOES["normalizacao"].variantes[0]
    a = ex.rodar_variante(v, MINUSCULO, 0, dados, "cpu")
    b = ex.rodar_variante(v, MINUSCULO, 0, dados, "cpu")
    c = ex.rodar_variante(v, MINUSCULO, 1, dados, "cpu")
    assert torch.equal(a["probabilidades"], b["probabilidades"]) and a["acuracia_teste"] == b["acuracia_teste"]
    assert not torch.equal(a["probabilidades"], c["probabilidades"])
    assert a["probabilidades"].shape == (50, 10)  # os 50 exemplos de teste do conjunto de mentira


def test_rodar_ablacao_resume_cada_variante(dados):
    r = ex.rodar_ablacao("regularizacao", dados, "cpu", MINUSCULO)
    assert r["pergunta"] == ex.ABLACOES["regularizacao"].pergunta
    assert [v["nome"] for v in r["variantes"]] == [v.nome for v in ex.ABLACOES["regularizacao"].variantes]
    for v in r["variantes"]:
        assert v["sementes"] == [0, 1, 2]
        assert v["acuracia_teste_media"] == pytest.approx(statistics.fmean(v["acuracia_teste"]))
        assert v["acuracia_teste_desvio"] == pytest.approx(statistics.stdev(v["acuracia_teste"]))
        assert v["lacuna_treino_teste"] == pytest.approx(
            [t - s for t, s in zip(v["acuracia_treino"], v["acuracia_teste"])]
        )
        assert 0 <= v["acuracia_conjunto"] <= 1 and v["parametros"] > 0 and v["macs"] > 0
        assert len(v["segundos_por_epoca"]) == 3
    # variantes iguais menos o dropout: mesmos parâmetros; com e sem aumento, idem
    assert len({v["parametros"] for v in r["variantes"]}) == 1
    texto = tabela_markdown({"ablacoes": {"regularizacao": r}})
    assert texto.count("\n| ") == 1 + 4 and "dropout 0,5 + aumento" in texto


def test_grade_de_taxas_escolhe_por_variante_e_reaproveita_a_primeira_semente(dados):
    r = ex.rodar_ablacao("ativacao", dados, "cpu", MINUSCULO)
    for v in r["variantes"]:
        grade = r["grade_de_taxas"][v["nome"]]
        assert grade["escolhida"] in grade["taxas"] == list(ex.ABLACOES["ativacao"].taxas)
        assert v["taxa_max"] == grade["escolhida"] and v["sementes"] == [0, 1, 2]
        assert set(v["epocas_ate_o_erro"]) == {"25%", "15%"}


def test_variancias_na_inicializacao(dados):
    r = ex.rodar_ablacao("profundidade", dados, "cpu", ex.Orcamento(64, 32, 1, 32, (0,), "teste"))
    variancias = r["variancias_na_inicializacao"]
    assert set(variancias) == {v.nome for v in ex.ABLACOES["profundidade"].variantes}
    profunda = dict(variancias["E (19 camadas), padrão"])
    assert len(profunda) == 16 + 2  # uma ReLU por CONV e pelas duas primeiras FC


def test_ablacao_desconhecida_explica(dados):
    with pytest.raises(ValueError, match="Ablação desconhecida: 'xyz'"):
        ex.rodar_ablacao("xyz", dados, "cpu", MINUSCULO)


# --- o que os capítulos mostram --------------------------------------------------------------------------


def _resultados_de_mentira(r):
    return {
        "maquina": {"cpu": "CPU X", "nucleos": 2, "torch": "2.x", "gpu": None},
        "orcamento": {"n_treino": 10_000, "n_teste": 2_000, "epocas": 6, "lote": 128, "sementes": [0, 1, 2]},
        "processos": 2,
        "data": "2026-11-27 00:00 UTC",
        "duracao_s": 1200.0,
        "ablacoes": {"regularizacao": r},
    }


def test_tabela_e_descricao_em_portugues(dados):
    r = ex.rodar_ablacao("ativacao", dados, "cpu", MINUSCULO)
    texto = ex.tabela_da_ablacao(r)
    assert texto.count("\n    ") == 2 and "ReLU:" in texto and "tanh:" in texto
    v = ex.achar_variante(r, "tanh")
    e = ex.estatisticas(v)  # neste conjunto de mentira, talvez nenhuma semente passe do piso
    assert (f"acurácia {100 * e['media']:.1f}%".replace(".", ",") if e["n"] else "não treinou") in texto
    assert "épocas até 25% de erro de treino" in texto
    descricao = ex.descrever_execucao(_resultados_de_mentira(r))
    assert "CPU CPU X (2 núcleos)" in descricao and "10.000 imagens de treino" in descricao and "20 min" in descricao
    with pytest.raises(KeyError, match="Variante 'sigmoide' não existe"):
        ex.achar_variante(r, "sigmoide")


def test_figura_da_ablacao(dados):
    from redesconv.graficos import MENOR_LETRA_PX, barras_da_ablacao, letra_no_site

    r = ex.rodar_ablacao("normalizacao", dados, "cpu", MINUSCULO)
    for medida in ["acuracia_teste", "lacuna_treino_teste"]:
        fig = barras_da_ablacao(r, medida, titulo="t")
        (ax,) = fig.axes
        assert [t.get_text() for t in ax.get_yticklabels()] == [v["nome"] for v in reversed(r["variantes"])]
        assert min(letra_no_site(fig, t.get_fontsize()) for t in fig.findobj(lambda o: hasattr(o, "get_fontsize"))) >= (
            MENOR_LETRA_PX - 1e-6
        )


def test_ler_experimentos_ignora_os_rapidos(tmp_path):
    from redesconv.gravados import ler_experimentos

    (tmp_path / "resultados-x.json").write_text('{"a": 1}', encoding="utf-8")
    (tmp_path / "resultados-x-rapido.json").write_text('{"a": 2}', encoding="utf-8")
    assert ler_experimentos((tmp_path,)) == {"resultados-x.json": {"a": 1}}


def test_o_aumento_de_dados_chega_ao_treino(dados):
    base, com_aumento = ex.ABLACOES["regularizacao"].variantes[0], ex.ABLACOES["regularizacao"].variantes[2]
    assert com_aumento.aumento and not base.aumento and dict(base.opcoes) == dict(com_aumento.opcoes)
    a = ex.rodar_variante(base, MINUSCULO, 0, dados, "cpu")
    b = ex.rodar_variante(com_aumento, MINUSCULO, 0, dados, "cpu")
    assert not torch.equal(a["probabilidades"], b["probabilidades"])


def test_epocas_ate_a_acuracia_e_figura_das_epocas(dados):
    gravada = {"acuracia_teste_por_epoca": [[0.5, 0.81, 0.9], [0.79, 0.79], [0.8]]}
    assert ex.epocas_ate_a_acuracia(gravada) == [2, None, 1]
    from redesconv.graficos import barras_da_ablacao

    r = ex.rodar_ablacao("ativacao", dados, "cpu", MINUSCULO)
    fig = barras_da_ablacao(r, "epocas_ate_o_erro:25%")
    assert fig.axes[0].get_xlabel() == "épocas até 25% de erro de treino"
    assert "no teste:" in ex.tabela_da_ablacao(r)


def test_o_orcamento_decide_o_deslocamento_do_aumento(dados, monkeypatch):
    pedidos = []

    def espiao(x, gerador=None, deslocamento=4):
        pedidos.append(deslocamento)
        return recortar_e_espelhar(x, gerador, deslocamento)

    monkeypatch.setattr(ex, "recortar_e_espelhar", espiao)
    com_aumento = ex.ABLACOES["regularizacao"].variantes[2]
    ex.rodar_variante(com_aumento, replace(MINUSCULO, deslocamento=2), 0, dados, "cpu")
    assert pedidos and set(pedidos) == {2}


def test_o_orcamento_decide_a_janela_do_alvo(dados):
    ablacao = ex.ABLACOES["ativacao"]
    # erro de treino 100% por 10 passos e depois 0%: com janela 1 o alvo de 25% chega no passo 11; com 10, no 18
    execucao = {"semente": 0, "taxa_max": 0.01, "acuracia_teste": 0.5, "acuracia_treino": 1.0,
                "acuracia_teste_por_epoca": [0.5], "segundos_por_epoca": [1.0], "passos_por_epoca": 20,
                "acuracia_por_passo": [0.0] * 10 + [1.0] * 10, "probabilidades": torch.full((2, 10), 0.1)}  # fmt: skip
    y = torch.zeros(2, dtype=torch.long)
    curta = ex.resumir(ablacao.variantes[0], ablacao, [execucao], y, janela=1)
    longa = ex.resumir(ablacao.variantes[0], ablacao, [execucao], y, janela=10)
    assert curta["passos_ate_o_erro"]["25%"] == [11] and longa["passos_ate_o_erro"]["25%"] == [18]


def test_protocolo_em_portugues_do_orcamento_ou_do_arquivo():
    texto = ex.protocolo_br(ex.ORCAMENTO_CPU)
    assert texto == {"n_treino": "10.000", "n_teste": "2.000", "epocas": "6", "lote": "128", "sementes": "3",
                     "deslocamento": "4", "janela": "10"}  # fmt: skip
    assert ex.protocolo_br(ex.ORCAMENTO_RAPIDO)["n_treino"] == "3.000"
    gravado = json.loads(json.dumps(asdict(replace(ex.ORCAMENTO_CPU, sementes=(0, 1, 2, 3, 4)))))
    assert ex.protocolo_br(gravado)["sementes"] == "5"
    del gravado["janela"]
    with pytest.raises(KeyError, match="não diz janela"):
        ex.protocolo_br(gravado)


# --- a regra de divergência e o conjunto, nos resultados gravados -----------------------------------------


def _gravada(acuracia_treino, acuracia_teste, **extra):
    """Uma variante como o JSON gravado a guarda (só o que a regra e o conjunto leem)."""
    n = len(acuracia_teste)
    v = {"nome": "v", "sementes": list(range(n)), "acuracia_treino": acuracia_treino, "acuracia_teste": acuracia_teste,
         "lacuna_treino_teste": [a - b for a, b in zip(acuracia_treino, acuracia_teste)],
         "acuracia_conjunto": 0.9, "sementes_divergentes": []}  # fmt: skip
    return v | extra


def test_regra_de_divergencia_piso_perda_e_probabilidades():
    v = _gravada([0.9, 0.19, 0.20, float("nan"), 0.9, 0.9], [0.88, 0.1, 0.5, 0.1, 0.86, 0.2],
                 perda_treino=[0.3, 2.3, 1.9, float("nan"), float("inf"), 0.4], sementes_divergentes=[5])  # fmt: skip
    # 0: treinou; 1: abaixo do piso; 2: no piso (treinou); 3: NaN; 4: perda infinita; 5: probabilidades NaN
    assert [ex.divergiu(v, i) for i in range(6)] == [False, True, False, True, True, True]
    assert ex.sementes_que_treinaram(v) == [0, 2]
    e = ex.estatisticas(v)
    assert (e["n"], e["total"], e["falharam"]) == (2, 6, [1, 3, 4, 5])
    assert e["media"] == pytest.approx(0.69) and e["desvio"] == pytest.approx(statistics.stdev([0.88, 0.5]))
    assert ex.estatisticas(v, piso=0.1)["sementes"] == [0, 1, 2]  # o piso é um parâmetro
    # arquivos antigos, sem a perda gravada: só o piso e as probabilidades
    antigo = _gravada([0.93, 0.094, 0.927], [0.885, 0.1, 0.891], sementes_divergentes=[1])
    assert ex.acuracia_br(antigo) == "88,8% ± 0,4 (n = 2; a semente 1 não treinou)"
    assert ex.falhas_br(antigo) == "1 de 3 sementes não treinou (semente 1)"
    parado = _gravada([0.1027, 0.1027, 0.1022], [0.1015, 0.1015, 0.1])
    assert ex.estatisticas(parado)["media"] is None
    assert ex.acuracia_br(parado) == "não treinou em nenhuma das 3 sementes (10,1% no teste)"
    assert ex.acuracia_br(_gravada([0.9, 0.9], [0.88, 0.9])) == "89,0% ± 1,4 (n = 2)"
    # uma acurácia de treino NaN (sem a perda gravada) também não passa no piso
    assert ex.sementes_que_treinaram(_gravada([0.9, float("nan")], [0.88, 0.1])) == [0]


def test_conjunto_comparado_so_com_a_media_das_mesmas_sementes():
    # o conjunto gravado juntou as sementes 0 e 2 (a 1 divergiu): a média comparada é a das duas
    v = _gravada([0.93, 0.094, 0.927], [0.885, 0.1, 0.891], acuracia_conjunto=0.9, sementes_divergentes=[1])
    c = ex.comparar_conjunto(v)
    assert c["sementes"] == [0, 2] and c["media"] == pytest.approx(0.888) and c["ganho"] == pytest.approx(0.012)
    # arquivos novos dizem quais sementes o conjunto juntou; se juntou uma que não treinou, não se compara
    assert ex.comparar_conjunto(v | {"sementes_do_conjunto": [0, 1, 2]}) is None
    assert ex.comparar_conjunto(v | {"sementes_do_conjunto": [2]})["media"] == pytest.approx(0.891)
    # nenhuma semente treinou (no acaso): o conjunto delas não conta como vitória
    assert ex.comparar_conjunto(_gravada([0.1, 0.1], [0.1, 0.1], acuracia_conjunto=0.11)) is None
    resultados = {"ablacoes": {
        "a": {"variantes": [v | {"nome": "pilha"}, _gravada([0.1, 0.1], [0.1, 0.1], nome="parada")]},
        "b": {"variantes": [v | {"nome": "a mesma pilha"}, _gravada([0.9, 0.9], [0.9, 0.92], nome="perde")]},
    }}  # fmt: skip
    assert ex.contar_conjuntos(resultados) == {
        "ganhou": 1, "comparadas": 2, "excluidas": ["parada"], "repetidas": [("a mesma pilha", "pilha")]
    }  # fmt: skip


def test_resumir_junta_no_conjunto_so_as_sementes_que_treinaram():
    ablacao = ex.ABLACOES["filtros"]
    y = torch.tensor([0, 1])

    def execucao(semente, acuracia_treino, certa):
        p = torch.full((2, 10), 0.01)
        p[torch.arange(2), certa] = 0.91
        return {"semente": semente, "taxa_max": 0.05, "acuracia_teste": float((certa == y).float().mean()),
                "acuracia_treino": acuracia_treino, "acuracia_teste_por_epoca": [0.5], "segundos_por_epoca": [1.0],
                "passos_por_epoca": 1, "acuracia_por_passo": [0.5], "perda_treino": 0.5,
                "probabilidades": p}  # fmt: skip

    # a semente 1 ficou no acaso (acurácia de treino 0,1, probabilidades finitas) e acerta o contrário
    execucoes = [execucao(0, 0.9, y), execucao(1, 0.1, 1 - y), execucao(2, 0.9, y)]
    r = ex.resumir(ablacao.variantes[0], ablacao, execucoes, y)
    assert r["sementes_divergentes"] == [1] and r["sementes_do_conjunto"] == [0, 2]
    assert r["acuracia_conjunto"] == 1.0 and r["perda_treino"] == [0.5, 0.5, 0.5]
    assert ex.comparar_conjunto(r)["media"] == pytest.approx(1.0)


def test_ablacao_convergida_para_a_figura():
    ablacao = {"variantes": [
        _gravada([0.93, 0.094, 0.927], [0.885, 0.1, 0.891], nome="3 × 3×3", sementes_divergentes=[1],
                 segundos_por_epoca=[7, 7, 7], acuracia_teste_por_epoca=[[0.8], [0.1], [0.8]],
                 epocas_ate_o_erro={"25%": [1.0, None, 1.1]}),
        _gravada([0.1, 0.1], [0.1, 0.1], nome="padrão", segundos_por_epoca=[2, 2]),
    ]}  # fmt: skip
    copia = ex.ablacao_convergida(ablacao)
    pilha, parada = copia["variantes"]
    assert pilha["nome"] == "3 × 3×3 (n = 2 de 3)" and pilha["acuracia_teste"] == [0.885, 0.891]
    assert pilha["epocas_ate_o_erro"] == {"25%": [1.0, 1.1]} and pilha["acuracia_teste_media"] == pytest.approx(0.888)
    assert parada["nome"] == "padrão (não treinou)" and parada["acuracia_teste"] == [0.1, 0.1]
    assert ablacao["variantes"][0]["nome"] == "3 × 3×3"  # o original não muda
    from redesconv.graficos import barras_da_ablacao

    (ax,) = barras_da_ablacao(copia).axes
    assert ax.get_xlim()[1] <= 100  # nenhuma barra passa de 100%


def test_gravado_real_sem_media_bimodal_e_com_o_rotulo_novo():
    r = ex.resultados_gravados()
    normalizacao = r["ablacoes"]["normalizacao"]
    assert [v["nome"] for v in normalizacao["variantes"]][0] == "LRN (ordem da aula)"
    assert ex.achar_variante(normalizacao, "LRN (artigo)") is ex.achar_variante(normalizacao, "LRN (ordem da aula)")
    texto = ex.tabela_da_ablacao(r["ablacoes"]["filtros"])
    assert "± 45" not in texto and "(n = 2;" in texto and "1 de 3 sementes não treinou (semente 1)" in texto
    md = tabela_markdown(r)
    assert "62,5%" not in md and "LRN (artigo)" not in md
    # um arquivo antigo, com o rótulo antigo, continua legível
    antigo = {
        "ablacoes": {"normalizacao": {"variantes": [{"nome": "LRN (artigo)"}], "grade_de_taxas": {"LRN (artigo)": 1}}}
    }
    novo = ex.atualizar_nomes(antigo)["ablacoes"]["normalizacao"]
    assert novo["variantes"][0]["nome"] == "LRN (ordem da aula)" and list(novo["grade_de_taxas"]) == [
        "LRN (ordem da aula)"
    ]


def test_descricao_com_uma_data_por_chamada_e_plural():
    resultados = _resultados_de_mentira({}) | {"ablacoes": {
        "ativacao": {"data": "2026-11-27 01:08 UTC", "duracao_s": 269.0},
        "filtros": {"data": "2026-11-27 00:57 UTC", "duracao_s": 320.0},
        "profundidade": {"data": "2026-11-27 00:57 UTC", "duracao_s": 270.0},
    }}  # fmt: skip
    texto = ex.descrever_execucao(resultados)
    assert "2 processos;" in texto and "processo(s)" not in texto
    assert "filtros e profundidade em 2026-11-27 00:57 UTC; ativação em 2026-11-27 01:08 UTC" in texto
    assert ex.descrever_execucao(resultados, "filtros").endswith("medido em 2026-11-27 00:57 UTC (5 min)")
    assert "1 processo;" in ex.descrever_execucao(resultados | {"processos": 1})
    with pytest.raises(KeyError, match="Ablação 'xyz' não está no arquivo"):
        ex.descrever_execucao(resultados, "xyz")


# --- saídas não finitas e a escolha da taxa, contra contas feitas aqui (issue 23) -------------------------


def _probabilidades(certas: list[int], confianca: float, classes: int = 10) -> torch.Tensor:
    """Probabilidades (exemplo × classe) com ``confianca`` na classe ``certas[i]`` e o resto dividido."""
    p = torch.full((len(certas), classes), (1 - confianca) / (classes - 1))
    p[torch.arange(len(certas)), torch.tensor(certas)] = confianca
    return p


def test_semente_com_perda_nan_ou_saidas_nan_fica_fora_das_estatisticas_e_do_comite():
    """Sementes 1 (perda NaN, acurácia de treino alta) e 3 (probabilidades NaN) não treinaram: a média, o
    desvio, o comitê e a comparação do comitê usam só as sementes 0 e 2 — conferidos com contas diretas."""
    ablacao = ex.ABLACOES["filtros"]
    y = torch.tensor([0, 1, 2, 3])
    # 0 e 2 acertam metade cada, com confiança, e erram a outra metade por pouco: juntas acertam tudo
    p0 = _probabilidades([0, 1, 5, 5], 0.6)
    p0[2, 2] = p0[3, 3] = 0.3
    p2 = _probabilidades([5, 5, 2, 3], 0.6)
    p2[0, 0] = p2[1, 1] = 0.3
    p1 = _probabilidades([9, 9, 9, 9], 0.99)  # a semente da perda NaN: certeza na classe errada
    p3 = torch.full((4, 10), float("nan"))
    execucoes = []
    for semente, p, perda, acuracia_treino in [(0, p0, 0.4, 0.9), (1, p1, float("nan"), 0.9), (2, p2, 0.5, 0.8),
                                               (3, p3, 0.6, 0.85)]:  # fmt: skip
        execucoes.append({"semente": semente, "taxa_max": 0.05, "perda_treino": perda, "probabilidades": p,
                          "acuracia_teste": float((p.argmax(1) == y).float().mean()),
                          "acuracia_treino": acuracia_treino,
                          "acuracia_teste_por_epoca": [0.5], "segundos_por_epoca": [1.0], "passos_por_epoca": 1,
                          "acuracia_por_passo": [0.5]})  # fmt: skip
    r = ex.resumir(ablacao.variantes[0], ablacao, execucoes[::-1], y)  # a ordem de chegada não importa
    comite = float(((p0 + p2) / 2).argmax(1).eq(y).float().mean())
    assert comite == 1.0 and float(((p0 + p1 + p2) / 3).argmax(1).eq(y).float().mean()) < 1.0  # o caso discrimina
    assert r["sementes"] == [0, 1, 2, 3] and math.isnan(r["perda_treino"][1])
    assert r["sementes_divergentes"] == [1, 3] and r["sementes_do_conjunto"] == [0, 2]
    assert r["acuracia_conjunto"] == comite
    gravada = json.loads(json.dumps(r))  # como volta do arquivo (o NaN também)
    assert [ex.divergiu(gravada, i) for i in range(4)] == [False, True, False, True]
    # a perda NaN gravada basta, sem a lista de divergentes (a das probabilidades NaN só a lista diz)
    assert [ex.divergiu(gravada | {"sementes_divergentes": []}, i) for i in range(4)] == [False, True, False, False]
    e = ex.estatisticas(gravada)
    assert (e["n"], e["sementes"], e["falharam"]) == (2, [0, 2], [1, 3])
    assert e["media"] == statistics.fmean([0.5, 0.5]) and e["desvio"] == 0.0
    assert ex.acuracia_br(gravada) == "50,0% ± 0,0 (n = 2; as sementes 1 e 3 não treinaram)"
    assert ex.comparar_conjunto(gravada) == {"sementes": [0, 2], "conjunto": 1.0, "media": 0.5, "ganho": 0.5}


def _execucao_de_mentira(semente, taxa, curva, acuracia_treino, acuracia_teste=0.5):
    return {"semente": semente, "taxa_max": taxa, "acuracia_teste": acuracia_teste, "acuracia_treino": acuracia_treino,
            "acuracia_teste_por_epoca": [acuracia_teste], "segundos_por_epoca": [1.0], "passos_por_epoca": len(curva),
            "acuracia_por_passo": curva, "perda_treino": 0.5, "probabilidades": torch.full((50, 10), 0.1)}  # fmt: skip


def test_grade_de_taxas_desempata_pelo_alvo_mais_dificil_depois_pela_acuracia_de_treino(dados):
    """A taxa escolhida (só a primeira semente, nunca o teste): a que chega antes ao erro de treino mais
    difícil (15%); empatadas nos alvos, a de maior acurácia de treino no fim; empate completo, a primeira."""
    # janela 1: o alvo de 25% é a primeira acurácia por passo ≥ 0,75; o de 15%, a primeira ≥ 0,85
    grade = {
        ("ReLU", 0.01): ([0.5, 0.8, 0.9, 0.9], 0.91, 0.99),  # 15% no passo 3; a melhor no teste (não conta)
        ("ReLU", 0.03): ([0.5, 0.8, 0.9, 0.9], 0.95, 0.50),  # empata nos dois alvos; mais acurácia de treino
        ("ReLU", 0.1): ([0.8, 0.8, 0.8, 0.9], 0.99, 0.60),  # a primeira a 25%, mas só no passo 4 a 15%
        ("tanh", 0.01): ([0.5, 0.9, 0.9], 0.50, 0.50),  # 15% no passo 2
        ("tanh", 0.03): ([0.8, 0.8, 0.8], 0.99, 0.90),  # nunca chega a 15%, por mais acurácia que tenha
        ("tanh", 0.1): ([0.5, 0.9, 0.9], 0.50, 0.50),  # empate completo com 0,01: fica a primeira da grade
    }
    pedidas = []

    def rodar(tarefas):
        pedidas.append([(v.nome, v.taxa_max, s) for v, _, s in tarefas])
        return [_execucao_de_mentira(s, v.taxa_max, *grade[(v.nome, v.taxa_max)]) if s == 0
                else _execucao_de_mentira(s, v.taxa_max, [0.9], 0.9) for v, _, s in tarefas]  # fmt: skip

    orcamento = replace(MINUSCULO, sementes=(0, 1), janela=1)
    r = ex.rodar_ablacao("ativacao", dados, "cpu", orcamento, rodar=rodar)
    assert {nome: g["escolhida"] for nome, g in r["grade_de_taxas"].items()} == {"ReLU": 0.03, "tanh": 0.01}
    assert pedidas[1] == [("ReLU", 0.03, 1), ("tanh", 0.01, 1)]  # as demais sementes, com a taxa escolhida
    assert [(v["taxa_max"], v["sementes"]) for v in r["variantes"]] == [(0.03, [0, 1]), (0.01, [0, 1])]
    assert r["variantes"][0]["acuracia_treino"] == [0.95, 0.9]  # a primeira semente é a da taxa escolhida
