"""Benchmark por modelo: LeNet (1998 e moderna), AlexNet (uma torre e duas GPUs), VGG A–E.

Para cada modelo do curso (``redesconv.redes``; a LeNet de 1998, lição do capítulo 2, vem das
células ``definicao`` do caderno), mede:

* parâmetros e multiplicações-acumulações (MACs) por imagem — estas contadas pelo
  ``torch.utils.flop_counter`` (FLOPs / 2) e conferidas com a tabela por camada do curso;
* memória de ativações: a prevista pela tabela por camada (soma dos volumes de saída, sem
  repetir memória compartilhada, mais a entrada) e a medida — o que o autograd guarda para a
  volta (``saved_tensors_hooks``), para uma imagem;
* vazão em imagens/s para a frente (avaliação, sem gradiente) e para a frente e para trás
  (treino), com aquecimento, mediana de várias repetições e a dispersão (máx − mín).

Os lotes são os dos capítulos onde isso cabe numa CPU de 2 núcleos (LeNet: 256) e menores nas
redes grandes (AlexNet: 32; VGG: 4) — cada lote está no resultado. Grava a chave
``modelos`` em ``bench/resultados-<máquina>.json`` e a tabela em ``bench/resultados-<máquina>.md``.

Uso: python -m bench.modelos [--repeticoes 3]   (ou `make bench`)
"""

from __future__ import annotations

import argparse
import statistics
import sys

import torch
import torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode

from bench.comum import RAIZ, carregar_definicoes, comando_atual, gravar, identificador, maquina
from redesconv import decimal_br, redes, resumo_camadas
from redesconv.treino import cronometrar, dispositivos


def catalogo(dispositivo) -> list[dict]:
    """Os modelos do curso: nome, construtor, forma da entrada e lote."""
    lenet = carregar_definicoes("notebooks/02-lenet.ipynb")  # a LeNet de 1998 só existe no capítulo 2
    vgg = carregar_definicoes("notebooks/04-vgg.ipynb")  # a medida da memória guardada é lição do capítulo 4
    gpu = torch.device(dispositivo).type == "cuda"
    # na GPU, os lotes dos artigos (AlexNet: 128; VGG: 256); na CPU de 2 núcleos, menores
    lote_alexnet, lote_vgg = (128, 256) if gpu else (32, 4)
    modelos = [
        {"nome": "LeNet-5 (1998)", "construir": lenet["lenet_1998"], "entrada": (1, 28, 28), "lote": 256},
        {"nome": "LeNet moderna", "construir": redes.lenet_moderna, "entrada": (1, 28, 28), "lote": 256},
        {"nome": "AlexNet (uma torre)", "construir": redes.alexnet, "entrada": (3, 227, 227), "lote": lote_alexnet},
        {
            "nome": "AlexNet (duas GPUs, grupos=2)",
            "construir": lambda: redes.alexnet(grupos=2),
            "entrada": (3, 227, 227),
            "lote": lote_alexnet,
        },
    ]
    for config in redes.CONFIGURACOES_VGG:
        modelos.append(
            {
                "nome": f"VGG {config}",
                "construir": lambda c=config: redes.vgg(c),
                "entrada": (3, 224, 224),
                "lote": lote_vgg,
            }
        )
    return modelos, vgg["bytes_guardados_para_a_volta"]


def medir_modelo(modelo: dict, bytes_guardados, dispositivo, repeticoes: int = 3) -> dict:
    torch.manual_seed(0)
    rede = modelo["construir"]().to(dispositivo)
    tabela = resumo_camadas(rede.eval(), modelo["entrada"])
    um = torch.randn(1, *modelo["entrada"], device=dispositivo)
    contador = FlopCounterMode(display=False)
    with contador, torch.no_grad():
        rede(um)
    macs = contador.get_total_flops() // 2
    previsto = tabela.total_memoria_bytes  # soma dos volumes, com a entrada
    medido = sum(n for n, _ in bytes_guardados(rede.train(), um).values())

    lote = modelo["lote"]
    x = torch.randn(lote, *modelo["entrada"], device=dispositivo)
    y = torch.randint(0, tabela.linhas[-1].forma_saida[0], (lote,), device=dispositivo)
    v = medir_vazao(rede, x, y, dispositivo, repeticoes)
    return {
        "modelo": modelo["nome"],
        "parametros": tabela.total_parametros,
        "macs_por_imagem": macs,
        "macs_tabela_do_curso": tabela.total_macs,
        "memoria_prevista_bytes": previsto,
        "memoria_medida_bytes": medido,
        "lote": lote,
        **v,
        "repeticoes": repeticoes,
    }


def medir_vazao(rede, x, y, dispositivo, repeticoes: int, tipo_misto: torch.dtype | None = None) -> dict:
    """Imagens/s para a frente (sem gradiente) e para a frente e para trás, mediana e dispersão.

    ``tipo_misto`` liga a precisão mista (``torch.autocast``) com esse tipo. Na GPU também
    registra o pico de memória alocada (``max_memory_allocated``) de um passo de treino.
    """
    dispositivo = torch.device(dispositivo)

    def contexto():
        return torch.autocast(dispositivo.type, dtype=tipo_misto, enabled=tipo_misto is not None)

    def frente():
        with torch.no_grad(), contexto():
            rede(x)

    def frente_e_tras():
        rede.zero_grad(set_to_none=True)
        with contexto():
            perda = F.cross_entropy(rede(x), y)
        perda.backward()

    rede.eval()
    t_frente = cronometrar(frente, dispositivo, repeticoes=repeticoes).tempos
    rede.train()
    if dispositivo.type == "cuda":
        torch.cuda.reset_peak_memory_stats(dispositivo)
    t_treino = cronometrar(frente_e_tras, dispositivo, repeticoes=repeticoes).tempos
    lote = len(x)
    resultado = {
        "frente_img_s": round(lote / statistics.median(t_frente), 2),
        "frente_dispersao_s": round(max(t_frente) - min(t_frente), 4),
        "frente_tras_img_s": round(lote / statistics.median(t_treino), 2),
        "frente_tras_dispersao_s": round(max(t_treino) - min(t_treino), 4),
    }
    if dispositivo.type == "cuda":
        resultado["pico_memoria_gpu_bytes"] = torch.cuda.max_memory_allocated(dispositivo)
    return resultado


def medir_variantes(modelo: dict, dispositivo, repeticoes: int = 3, tipo_misto=torch.float16) -> list[dict]:
    """Na GPU: float32 e precisão mista, cada uma com o formato de memória padrão e channels_last."""
    torch.manual_seed(0)
    rede = modelo["construir"]().to(dispositivo)
    lote = modelo["lote"]
    x = torch.randn(lote, *modelo["entrada"], device=dispositivo)
    with torch.no_grad():
        classes = rede.eval()(x[:1]).shape[1]
    y = torch.randint(0, classes, (lote,), device=dispositivo)
    linhas = []
    misto = f"precisão mista ({str(tipo_misto).removeprefix('torch.')})"
    for nome_tipo, tipo in [("float32", None), (misto, tipo_misto)]:
        for formato in [torch.contiguous_format, torch.channels_last]:
            rede = rede.to(memory_format=formato)
            entrada = x.contiguous(memory_format=formato)
            nome_formato = "channels_last" if formato == torch.channels_last else "padrão (NCHW)"
            v = medir_vazao(rede, entrada, y, dispositivo, repeticoes, tipo)
            linhas.append({"modelo": modelo["nome"], "tipo": nome_tipo, "formato": nome_formato, "lote": lote, **v})
    return linhas


def tabela_markdown(linhas: list[dict], info: dict, comando: str, dispositivo: str) -> str:
    def mi(n):
        return decimal_br(n / 1e6, 2)

    cab = (
        "| modelo | parâmetros (mi) | MACs/imagem (mi) | memória prevista (MB) | memória medida (MB) "
        "| lote | frente (img/s) | frente+trás (img/s) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    corpo = "".join(
        f"| {r['modelo']} | {mi(r['parametros'])} | {mi(r['macs_por_imagem'])} | {mi(r['memoria_prevista_bytes'])} "
        f"| {mi(r['memoria_medida_bytes'])} | {r['lote']} | {mi(r['frente_img_s'] * 1e6)} "
        f"| {mi(r['frente_tras_img_s'] * 1e6)} |\n"
        for r in linhas
    )
    return (
        f"# Benchmark por modelo ({dispositivo})\n\nMáquina: {info['cpu']}, {info['nucleos']} núcleos, "
        f"torch {info['torch']}, GPU: {info['gpu'] or 'nenhuma'}.\n\nComando: `{comando}`\n\n{cab}{corpo}\n"
        "Memória prevista: soma dos volumes de saída (tabela por camada) mais a entrada; medida: o que o "
        "autograd guarda para a volta, para uma imagem (a diferença são sobretudo os índices int64 do "
        "agrupamento por máximo; veja o capítulo VGG).\n"
    )


def tabela_variantes(linhas: list[dict]) -> str:
    br = decimal_br
    cab = (
        "| modelo | tipo | formato | lote | frente (img/s) | frente+trás (img/s) | pico de memória (MB) |\n"
        "|---|---|---|---:|---:|---:|---:|\n"
    )
    corpo = "".join(
        f"| {r['modelo']} | {r['tipo']} | {r['formato']} | {r['lote']} | {br(r['frente_img_s'])} "
        f"| {br(r['frente_tras_img_s'])} | {br(r.get('pico_memoria_gpu_bytes', 0) / 1e6)} |\n"
        for r in linhas
    )
    return f"## Variantes na GPU: precisão mista e channels_last\n\n{cab}{corpo}\n"


def main() -> int:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument("--repeticoes", type=int, default=3)
    opcoes = argumentos.parse_args()
    info, comando = maquina(), comando_atual()
    resultados, textos = {}, []
    for dispositivo in dispositivos():
        modelos, bytes_guardados = catalogo(dispositivo)
        linhas = []
        for modelo in modelos:
            r = medir_modelo(modelo, bytes_guardados, dispositivo, opcoes.repeticoes)
            linhas.append(r)
            print(
                f"{dispositivo.type} | {r['modelo']:30} {r['parametros']:>12,} parâm. {r['macs_por_imagem']:>15,} MACs "
                f"| frente {r['frente_img_s']:>9.1f} img/s (dispersão {r['frente_dispersao_s']:.4f} s) "
                f"| frente+trás {r['frente_tras_img_s']:>8.1f} img/s (dispersão {r['frente_tras_dispersao_s']:.4f} s)"
            )
        resultados[dispositivo.type] = linhas
        textos.append(tabela_markdown(linhas, info, comando, dispositivo.type))
        if dispositivo.type == "cuda":  # precisão mista e channels_last só fazem sentido na GPU
            variantes = [v for modelo in modelos for v in medir_variantes(modelo, dispositivo, opcoes.repeticoes)]
            for v in variantes:
                print(
                    f"cuda | {v['modelo']:30} {v['tipo']:26} {v['formato']:14} | frente {v['frente_img_s']:>10.1f} "
                    f"img/s | frente+trás {v['frente_tras_img_s']:>9.1f} img/s "
                    f"(dispersão {v['frente_dispersao_s']:.4f} s / {v['frente_tras_dispersao_s']:.4f} s)"
                )
            resultados["cuda_variantes"] = variantes
            textos.append(tabela_variantes(variantes))
    caminho = gravar("modelos", resultados, comando)
    markdown = RAIZ / "bench" / f"resultados-{identificador(info)}.md"
    markdown.write_text("\n".join(textos), encoding="utf-8")
    print(f"resultados em {caminho} e {markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
