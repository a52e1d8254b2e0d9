"""``make experimentos``: roda as ablações de :mod:`redesconv.experimentos` e grava os resultados.

Na CPU, as variantes rodam em vários processos (um por núcleo, uma thread do torch cada: duas
threads por processo disputariam os núcleos); na GPU, uma de cada vez. Grava
``experimentos/resultados-<máquina>.json`` (máquina, comando, data, orçamento, e por variante:
acurácia de cada semente, média ± desvio, lacuna treino–teste, tempo por época, épocas até o
alvo de erro, acurácia do conjunto das sementes) e uma tabela em ``resultados-<máquina>.md``.

Uso:  python -m experimentos [ablação ...] [--processos N] [--rapido]
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
from redesconv.experimentos import ABLACOES, ORCAMENTO_CPU, ORCAMENTO_RAPIDO, rodar_ablacao
from redesconv.formatacao import decimal_br, inteiro_br

PASTA = Path(__file__).resolve().parent


def tabela_markdown(resultados: dict) -> str:
    """Uma tabela por ablação: variante, acurácia média ± desvio, lacuna, conjunto, tempo, alvos."""
    linhas = []
    for chave, ablacao in resultados["ablacoes"].items():
        linhas += [f"### {chave}: {ablacao['pergunta']}", ""]
        alvos = list(ablacao["variantes"][0].get("epocas_ate_o_erro", {}))
        cabecalho = (
            "| variante | parâmetros | acurácia no teste (média ± desvio) | lacuna treino − teste | conjunto | s/época"
        )
        cabecalho += "".join(f" | épocas até {a} de erro" for a in alvos) + " |"
        linhas += [cabecalho, "|" + "---|" * (cabecalho.count("|") - 1)]
        for v in ablacao["variantes"]:
            s_epoca = sorted(v["segundos_por_epoca"])[len(v["segundos_por_epoca"]) // 2]
            media, desvio = 100 * v["acuracia_teste_media"], 100 * v["acuracia_teste_desvio"]
            linha = (
                f"| {v['nome']} | {inteiro_br(v['parametros'])} | {decimal_br(media, 1)}% ± {decimal_br(desvio, 1)} | "
                f"{decimal_br(100 * v['lacuna_media'], 1)} pp | {decimal_br(100 * v['acuracia_conjunto'], 1)}% | "
                f"{decimal_br(s_epoca, 1)}"
            )
            for a in alvos:
                epocas = v["epocas_ate_o_erro"][a]
                linha += " | " + ", ".join("—" if e is None else decimal_br(e, 2) for e in epocas)
            linhas.append(linha + " |")
        linhas.append("")
    return "\n".join(linhas)


def main(argv: list[str]) -> int:
    argv = list(argv)
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
    cabecalho = (
        f"Máquina: {resultados['maquina']['cpu']}, {resultados['maquina']['nucleos']} núcleos, "
        f"torch {resultados['maquina']['torch']}; {resultados['processos']} processo(s); "
        f"orçamento {orcamento}; duração {resultados['duracao_s']:.0f} s.\n\n"
    )
    (PASTA / f"{nome}.md").write_text(cabecalho + tabela, encoding="utf-8")
    print(cabecalho + tabela)
    print(f"Resultados em {PASTA / nome}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
