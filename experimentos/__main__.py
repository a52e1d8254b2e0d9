"""``make experimentos``: roda as ablações de :mod:`redesconv.experimentos` e grava os resultados.

Na CPU, as variantes rodam em vários processos (um por núcleo, uma thread do torch cada: duas
threads por processo disputariam os núcleos); na GPU, uma de cada vez. Grava
``experimentos/resultados-<máquina>.json`` (máquina, comando, data, orçamento, e por variante:
acurácia de cada semente, média ± desvio, lacuna treino–teste, tempo por época, épocas até o
alvo de erro, acurácia do conjunto das sementes) e uma tabela em ``resultados-<máquina>.md``.

Uso:  python -m experimentos [ablação ...] [--processos N] [--rapido]
      python -m experimentos --so-tabelas   (reescreve os .md a partir dos .json, sem treinar)
"""

from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path

import torch

from bench.comum import comando_atual, identificador, maquina
from experimentos.processos import iniciar_processo, tarefa
from redesconv.experimentos import (
    ABLACOES,
    ORCAMENTO_CPU,
    ORCAMENTO_RAPIDO,
    PISO_DE_TREINO,
    atualizar_nomes,
    comparar_conjunto,
    estatisticas,
    rodar_ablacao,
)
from redesconv.formatacao import decimal_br, inteiro_br, plural_br

PASTA = Path(__file__).resolve().parent


def tabela_markdown(resultados: dict) -> str:
    """Uma tabela por ablação: variante, acurácia média ± desvio das sementes que treinaram (com o *n*;
    regra de :data:`redesconv.experimentos.PISO_DE_TREINO`), as que não treinaram, lacuna, o conjunto
    contra a média das mesmas sementes, tempo e alvos. Cada ablação diz quando foi medida."""
    linhas = [
        "Regra de divergência: uma semente não treinou se a perda de treino ou as probabilidades no teste não "
        f"são finitas, ou se a acurácia de treino no fim ficou abaixo de {round(100 * PISO_DE_TREINO)}%. As médias "
        "± desvios são só das que treinaram (n); o comitê das sementes é comparado com a média das mesmas sementes.",
        "",
    ]
    for chave, ablacao in resultados["ablacoes"].items():
        linhas += [f"### {chave}: {ablacao['pergunta']}", ""]
        if "data" in ablacao:
            linhas += [f"Medida em {ablacao['data']} ({decimal_br(ablacao.get('duracao_s', 0), 0)} s).", ""]
        alvos = list(ablacao["variantes"][0].get("epocas_ate_o_erro", {}))
        cabecalho = (
            "| variante | parâmetros | acurácia no teste (média ± desvio, n) | não treinaram | lacuna treino − teste "
            "| comitê (média das mesmas sementes) | s/época"
        )
        cabecalho += "".join(f" | épocas até {a} de erro" for a in alvos) + " |"
        linhas += [cabecalho, "|" + "---|" * (cabecalho.count("|") - 1)]
        for v in ablacao["variantes"]:
            s_epoca = sorted(v["segundos_por_epoca"])[len(v["segundos_por_epoca"]) // 2]
            e, lacuna = estatisticas(v), estatisticas(v, "lacuna_treino_teste")
            if e["n"]:
                acuracia = f"{decimal_br(100 * e['media'], 1)}% ± {decimal_br(100 * e['desvio'], 1)} (n = {e['n']})"
                lacuna_texto = f"{decimal_br(100 * lacuna['media'], 1)} pp"
            else:
                acuracia, lacuna_texto = "— (nenhuma treinou)", "—"
            falharam = f"{len(e['falharam'])} de {e['total']}"
            c = comparar_conjunto(v)
            conjunto = (
                f"{decimal_br(100 * c['conjunto'], 1)}% ({decimal_br(100 * c['media'], 1)}%)" if c else "não comparado"
            )
            linha = (
                f"| {v['nome']} | {inteiro_br(v['parametros'])} | {acuracia} | {falharam} | {lacuna_texto} | "
                f"{conjunto} | {decimal_br(s_epoca, 1)}"
            )
            for a in alvos:
                epocas = v["epocas_ate_o_erro"][a]
                linha += " | " + ", ".join("—" if e is None else decimal_br(e, 2) for e in epocas)
            linhas.append(linha + " |")
        linhas.append("")
    return "\n".join(linhas)


def cabecalho_markdown(resultados: dict) -> str:
    """A primeira linha do ``.md``: máquina, processos, orçamento e duração."""
    m, processos = resultados["maquina"], resultados["processos"]
    orcamento = ", ".join(f"{k}={v}" for k, v in resultados["orcamento"].items())
    return (
        f"Máquina: {m['cpu']}, {m['nucleos']} núcleos, torch {m['torch']}; "
        f"{processos} {plural_br(processos, 'processo', 'processos')}; orçamento ({orcamento}); "
        f"duração {resultados['duracao_s']:.0f} s.\n\n"
    )


def reescrever_tabelas() -> int:
    """Reescreve cada ``resultados-*.md`` a partir do ``.json`` gravado, sem treinar nada."""
    for arquivo in sorted(PASTA.glob("resultados-*.json")):
        resultados = atualizar_nomes(json.loads(arquivo.read_text(encoding="utf-8")))
        arquivo.with_suffix(".md").write_text(
            cabecalho_markdown(resultados) + tabela_markdown(resultados), encoding="utf-8"
        )
        print(f"Reescrito: {arquivo.with_suffix('.md').name}")
    return 0


def main(argv: list[str]) -> int:
    argv = list(argv)
    if "--so-tabelas" in argv:  # só reescreve os .md a partir dos .json gravados
        return reescrever_tabelas()
    rapido = "--rapido" in argv
    if rapido:
        argv.remove("--rapido")
    processos = os.cpu_count() or 1
    if "--processos" in argv:
        i = argv.index("--processos")
        processos = int(argv[i + 1])
        del argv[i : i + 2]
    chaves = argv or list(ABLACOES)
    desconhecidas = [c for c in chaves if c not in ABLACOES]
    if desconhecidas:
        print(f"Ablação desconhecida: {', '.join(desconhecidas)}. As que existem: {', '.join(ABLACOES)}.")
        return 2
    orcamento = ORCAMENTO_RAPIDO if rapido else ORCAMENTO_CPU
    gpu = torch.cuda.is_available()
    resultados = {
        "maquina": maquina(),
        "comando": comando_atual(),
        "data": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "orcamento": asdict(orcamento),
        "dispositivo": "cuda" if gpu else "cpu",
        "processos": 1 if gpu else processos,
        "ablacoes": {},
    }
    if gpu:  # uma variante por vez, na GPU, com o mesmo orçamento
        from redesconv.dados import tensores_fashion_mnist

        dados = tensores_fashion_mnist(preenchimento=2)
        rodar = None
        dispositivo = torch.device("cuda")
    else:
        contexto = get_context("spawn")  # processos novos: nada herdado das threads do torch
        executor = ProcessPoolExecutor(processos, mp_context=contexto, initializer=iniciar_processo)

        def rodar(tarefas):
            return list(executor.map(tarefa, tarefas))

        from redesconv.dados import tensores_fashion_mnist

        dados = tensores_fashion_mnist(preenchimento=2)
        dispositivo = torch.device("cpu")
    nome = f"resultados-{identificador(resultados['maquina'])}{'-rapido' if rapido else ''}"
    anterior = PASTA / f"{nome}.json"
    if argv and anterior.exists():  # só algumas ablações: as outras ficam as do arquivo gravado
        gravado = json.loads(anterior.read_text(encoding="utf-8"))
        if gravado.get("orcamento") == json.loads(json.dumps(resultados["orcamento"])):  # tuplas viram listas
            gravado = atualizar_nomes(gravado)  # rótulos antigos de variantes, com os nomes de hoje
            resultados["ablacoes"] = {k: v for k, v in gravado["ablacoes"].items() if k not in chaves}
    try:
        for chave in chaves:
            comeco = time.perf_counter()
            ablacao = rodar_ablacao(chave, dados, dispositivo, orcamento, rodar)
            ablacao["duracao_s"] = round(time.perf_counter() - comeco, 1)
            ablacao["data"] = resultados["data"]
            resultados["ablacoes"][chave] = ablacao
            print(f"{chave}: {ablacao['duracao_s']:.0f} s", flush=True)
    finally:
        if not gpu:
            executor.shutdown()
    ordem = [k for k in ABLACOES if k in resultados["ablacoes"]]
    resultados["ablacoes"] = {k: resultados["ablacoes"][k] for k in ordem}
    resultados["duracao_s"] = round(sum(a.get("duracao_s", 0) for a in resultados["ablacoes"].values()), 1)
    (PASTA / f"{nome}.json").write_text(json.dumps(resultados, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tabela = tabela_markdown(resultados)
    cabecalho = cabecalho_markdown(json.loads(json.dumps(resultados)))
    (PASTA / f"{nome}.md").write_text(cabecalho + tabela, encoding="utf-8")
    print(cabecalho + tabela)
    print(f"Resultados em {PASTA / nome}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
