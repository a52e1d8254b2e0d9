"""Utilidades dos benchmarks: a máquina, a comparação de vazão e o arquivo de resultados.

Os benchmarks medem **o código do curso**, não uma cópia: as redes e as receitas vêm do pacote
(``redesconv.redes``, ``redesconv.receitas``). O que só existe como lição de um capítulo — a
LeNet de 1998 (capítulo 2) e a medida da memória guardada para a volta (capítulo 4) — é lido
das células marcadas com a tag ``definicao`` do caderno (:func:`carregar_definicoes`).
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import torch

RAIZ = Path(__file__).resolve().parents[1]


def carregar_definicoes(caderno: str | Path, contexto: dict | None = None) -> dict:
    """Executa as células com a tag ``definicao`` de ``caderno`` e devolve o espaço de nomes.

    Linhas mágicas do IPython (``%matplotlib``) são ignoradas. ``contexto`` (por exemplo,
    ``dispositivo`` e os tensores de dados) é posto no espaço de nomes depois das células e
    prevalece sobre o que elas definiram; as funções do caderno o leem quando são chamadas.
    """
    nb = nbformat.read(RAIZ / caderno, as_version=4)
    espaco: dict = {"__name__": "definicoes_do_caderno"}
    celulas = [c for c in nb.cells if c.cell_type == "code" and "definicao" in c.metadata.get("tags", [])]
    if not celulas:
        raise ValueError(f"{caderno} não tem células com a tag 'definicao'.")
    for celula in celulas:
        fonte = "\n".join(linha for linha in celula.source.splitlines() if not linha.lstrip().startswith("%"))
        exec(compile(fonte, f"{caderno}:definicao", "exec"), espaco)  # noqa: S102 - código do próprio curso
    espaco.update(contexto or {})  # depois: prevalece sobre o que as células definiram
    return espaco


def copiar_pesos(origem: torch.nn.Module, destino: torch.nn.Module) -> None:
    """Copia os parâmetros, na ordem, de uma rede para outra de mesma arquitetura.

    Com os mesmos números nas duas redes, uma comparação de velocidade mede só o código: a
    inicialização muda os valores e, com eles, a frequência de números subnormais, que são
    muito mais lentos na CPU.
    """
    with torch.no_grad():
        for a, b in zip(origem.parameters(), destino.parameters(), strict=True):
            if a.shape != b.shape:
                raise ValueError(f"formas diferentes: {tuple(a.shape)} × {tuple(b.shape)}")
            b.copy_(a)


def comparar_vazao(capitulo, referencia, entrada: tuple, dispositivo, lote: int, repeticoes: int) -> dict:
    """Imagens/s de frente+trás da rede do capítulo e da de referência, com os mesmos pesos.

    As duas são medidas no mesmo processo, alternando a cada repetição na ordem AB, BA, …
    (nenhuma fica sempre em primeiro), com aquecimento e sincronização da GPU; a vazão é
    ``lote / mediana`` e a dispersão é ``máx − mín`` dos tempos. ``razao`` divide as medianas;
    ``razao_pareada`` é a mediana das razões de cada repetição (com o 1º e o 3º quartis).
    """
    import statistics
    import time

    from redesconv.treino import passo_de_treino, sincronizar

    torch.manual_seed(0)
    copiar_pesos(referencia, capitulo)
    redes = {"capitulo": capitulo.to(dispositivo), "torchvision": referencia.to(dispositivo)}
    x = torch.randn(lote, *entrada, device=dispositivo)
    y = torch.randint(0, 1000, (lote,), device=dispositivo)

    for rede in redes.values():  # aquecimento
        passo_de_treino(rede, x, y)
    sincronizar(dispositivo)
    tempos = {nome: [] for nome in redes}
    for i in range(repeticoes):
        for nome, rede in list(redes.items())[:: 1 if i % 2 == 0 else -1]:
            inicio = time.perf_counter()
            passo_de_treino(rede, x, y)
            sincronizar(dispositivo)
            tempos[nome].append(time.perf_counter() - inicio)
    vazao = {nome: lote / statistics.median(t) for nome, t in tempos.items()}
    # razão pareada: cada repetição compara as duas redes medidas uma logo após a outra, o que
    # cancela a lentidão que vem e vai numa máquina compartilhada
    pareadas = sorted(r / c for c, r in zip(tempos["capitulo"], tempos["torchvision"], strict=True))
    quartis = [round(q, 4) for q in statistics.quantiles(pareadas, n=4)[::2]] if repeticoes > 1 else None
    return {
        "lote": lote,
        "repeticoes": repeticoes,
        "imagens_por_segundo": {n: round(v, 3) for n, v in vazao.items()},
        "dispersao_s": {n: round(max(t) - min(t), 4) for n, t in tempos.items()},
        "razao": round(vazao["capitulo"] / vazao["torchvision"], 4),
        "razao_pareada": round(statistics.median(pareadas), 4),
        "razao_pareada_quartis": quartis,
    }


def descrever_comparacao(rotulo: str, r: dict) -> str:
    """Uma linha com o resultado de :func:`comparar_vazao`: vazões, razões e dispersão."""
    v, d = r["imagens_por_segundo"], r["dispersao_s"]
    return (
        f"{rotulo} (lote {r['lote']}, frente+trás): capítulo {v['capitulo']:.2f} img/s, "
        f"torchvision {v['torchvision']:.2f} img/s, razão {r['razao']:.3f}, pareada {r['razao_pareada']:.3f} "
        f"(quartis {r['razao_pareada_quartis']}; meta ≥ 0,98); "
        f"dispersão (máx − mín) {d['capitulo']:.3f} s × {d['torchvision']:.3f} s"
    )


def nome_cpu() -> str:
    try:
        for linha in Path("/proc/cpuinfo").read_text().splitlines():
            if linha.startswith("model name"):
                return linha.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def maquina() -> dict:
    """Descrição da máquina que entra em cada arquivo de resultados."""
    info = {
        "cpu": nome_cpu(),
        "nucleos": os.cpu_count(),
        "threads_torch": torch.get_num_threads(),
        "torch": torch.__version__,
        "python": platform.python_version(),
        "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
    }
    return info


def identificador(info: dict) -> str:
    base = info["gpu"] or f"{info['cpu']}-{info['nucleos']}nucleos"
    return re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")


def gravar(chave: str, dados: dict, comando: str) -> Path:
    """Acrescenta ``dados`` sob ``chave`` em ``bench/resultados-<máquina>.json``."""
    info = maquina()
    caminho = RAIZ / "bench" / f"resultados-{identificador(info)}.json"
    tudo = json.loads(caminho.read_text(encoding="utf-8")) if caminho.exists() else {}
    tudo["maquina"] = info
    tudo[chave] = {"comando": comando, "data": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), **dados}
    caminho.write_text(json.dumps(tudo, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return caminho


def concluir(chave: str, resultados: dict) -> int:
    """Grava os resultados sob ``chave`` com o comando atual e diz onde e em que máquina."""
    caminho = gravar(chave, resultados, comando_atual())
    print(f"máquina: {maquina()}\nresultados em {caminho}")
    return 0


def comando_atual() -> str:
    return " ".join([Path(sys.executable).name, *sys.argv])
