"""O explorador de redes do site (JavaScript) calcula o mesmo que o pacote em Python.

Para cada rede dos capítulos 2 a 4 e centenas de configurações dos controles, roda
``redesconvCalcularRede`` (``src/redesconv/explorador.js``) no Node.js e compara, camada a camada,
a forma de saída e os parâmetros — ou a mensagem de erro — com ``rede_de_tabela`` + ``resumo_camadas``.
"""

import json
import random
import re
from functools import partial

import pytest
import torch

from redesconv import ConfiguracaoInvalida, formatar_forma, redes, resumo_camadas
from redesconv.arquiteturas import nomes_das_camadas, rede_de_tabela
from redesconv.widgets import explorador_rede_estatico
from tests.test_explorador_js import mapear_no_js

# rede → (função da tabela, estilo dos nomes, canais, controles como nos capítulos)
REDES = {
    "LeNet": (redes.tabela_lenet, "lenet", 1,
              {"entrada": (8, 64, 28), "F": (1, 9, 5), "S": (1, 3, 1), "P": (0, 4, 2), "F_agr": (1, 4, 2),
               "S_agr": (1, 4, 2)}),
    "AlexNet": (redes.tabela_alexnet, "sequencial", 3,
                {"entrada": (32, 320, 227), "F1": (1, 15, 11), "S1": (1, 8, 4), "P1": (0, 6, 0)}),
    "VGG": (redes.tabela_vgg, "blocos", 3,
            {"configuracao": ["D", "A", "A-LRN", "B", "C", "E"], "entrada": (32, 320, 224)}),
}  # fmt: skip


def _python(tabela_de, nomes, canais, valores):
    entrada = valores["entrada"]
    tabela = tabela_de(**{k: v for k, v in valores.items() if k != "entrada"})
    try:
        rede = rede_de_tabela(tabela, (canais, entrada, entrada), nomes=nomes)
    except ConfiguracaoInvalida as erro:
        return {"erro": str(erro)}
    resumo = resumo_camadas(rede.eval(), (canais, entrada, entrada))
    linhas = [
        [n, formatar_forma(resumo[n].forma_saida), resumo[n].parametros] for n in nomes_das_camadas(tabela, nomes)
    ]
    return {"linhas": linhas, "total": resumo.total_parametros}


def _configuracoes(controles, quantas, gerador):
    numericos = {k: v for k, v in controles.items() if not isinstance(v, list)}
    escolhas = {k: v for k, v in controles.items() if isinstance(v, list)}
    casos = [{k: (v[2] if not isinstance(v, list) else v[0]) for k, v in controles.items()}]  # os valores iniciais
    for _ in range(quantas):
        caso = {k: gerador.randint(lo, hi) for k, (lo, hi, _) in numericos.items()}
        caso.update({k: gerador.choice(v) for k, v in escolhas.items()})
        casos.append(caso)
    return casos


@pytest.mark.parametrize("rede", REDES)
def test_js_igual_ao_python_camada_a_camada(rede, tmp_path):
    tabela_de, nomes, canais, controles = REDES[rede]
    gerador = random.Random(0)
    casos = _configuracoes(controles, {"LeNet": 400, "AlexNet": 250, "VGG": 40}[rede], gerador)
    if rede == "VGG":  # as entradas pequenas são as que mais mudam; as grandes são caras em Python
        casos = [c for c in casos if c["entrada"] <= 256][:30]
    entradas = []
    for caso in casos:
        tabela = tabela_de(**{k: v for k, v in caso.items() if k != "entrada"})
        tabela_js = [list(i) for i in tabela]
        entradas.append([tabela_js, nomes_das_camadas(tabela, nomes), canais, caso["entrada"], "exato"])
    js = mapear_no_js("redesconvCalcularRede", entradas, tmp_path)
    validos = 0
    for caso, resultado in zip(casos, js, strict=True):
        esperado = _python(tabela_de, nomes, canais, caso)
        if "linhas" in resultado:  # a forma em JS vem como texto; os parâmetros, como número
            resultado["linhas"] = [[n, f, p] for n, f, p in resultado["linhas"]]
        assert resultado == esperado, caso
        validos += "linhas" in esperado
    assert validos >= 5 and validos < len(casos) or rede == "VGG", f"{validos} de {len(casos)} válidas"


def test_explorador_de_rede_recusa_controles_ruins():
    with pytest.raises(ValueError, match="entrada"):
        explorador_rede_estatico("x", redes.tabela_lenet, {"F": (1, 9, 5)}, canais=1)
    with pytest.raises(ValueError, match="fora da faixa"):
        explorador_rede_estatico("x", redes.tabela_lenet, {"entrada": (8, 64, 100)}, canais=1)
    with pytest.raises(ValueError, match="id_base"):
        explorador_rede_estatico("x y", redes.tabela_lenet, {"entrada": (8, 64, 28)}, canais=1)


def test_milhar_em_js(tmp_path):
    assert mapear_no_js("redesconvMilhar", [[0], [999], [1000], [62378344]], tmp_path) == [
        "0", "999", "1.000", "62.378.344",
    ]  # fmt: skip


# ------------------------------------------- convoluções agrupadas: as duas GPUs da AlexNet (issue 23)
def _spec_da_pagina(widget, id_base: str) -> dict:
    """O JSON que a página entrega ao navegador (``redesconvMontarExploradorRede(id, spec)``)."""
    chamada = re.search(rf"redesconvMontarExploradorRede\('{id_base}', (.*)\);</script>", widget.data)
    return json.loads(chamada.group(1))


def _como_o_navegador(spec: dict, valores: dict, opcao: str = "") -> list:
    """A tabela da página com cada controle trocado pelo seu valor, como faz ``redesconvMontarExploradorRede``."""
    rede = spec["redes"][opcao]
    tabela = [[item[0], *(valores[x] if isinstance(x, str) else x for x in item[1:])] for item in rede["tabela"]]
    return [tabela, rede["nomes"], spec["canais"], valores["entrada"], spec["modo"]]


def test_alexnet_de_duas_gpus_tem_no_js_os_parametros_do_pytorch(tmp_path):
    """CONV2, CONV4 e CONV5 com groups=2, vindas da página: os parâmetros, camada a camada, são os de
    ``p.numel()`` da rede do PyTorch construída da mesma tabela — na entrada 227, os 60.965.224 da CaffeNet."""
    controles = {"entrada": (32, 320, 227), "F1": (1, 15, 11), "S1": (1, 8, 4), "P1": (0, 6, 0)}
    widget = explorador_rede_estatico("alex-gpus", partial(redes.tabela_alexnet, grupos=2), controles, canais=3)
    spec = _spec_da_pagina(widget, "alex-gpus")
    agrupadas = [n for n, item in zip(spec["redes"][""]["nomes"], spec["redes"][""]["tabela"]) if item[5:] == [2]]
    assert agrupadas == ["conv2", "conv4", "conv5"]
    casos = [{"entrada": 227, "F1": 11, "S1": 4, "P1": 0}, {"entrada": 188, "F1": 8, "S1": 4, "P1": 2},
             {"entrada": 117, "F1": 5, "S1": 4, "P1": 4}, {"entrada": 94, "F1": 8, "S1": 4, "P1": 1}]  # fmt: skip
    js = mapear_no_js("redesconvCalcularRede", [_como_o_navegador(spec, c) for c in casos], tmp_path)
    for caso, resultado in zip(casos, js, strict=True):
        tabela = redes.tabela_alexnet(grupos=2, **{k: v for k, v in caso.items() if k != "entrada"})
        with torch.device("meta"):  # a rede do PyTorch, sem alocar os 61 milhões de pesos
            rede = rede_de_tabela(tabela, (3, caso["entrada"], caso["entrada"]))
        por_camada = {nome: sum(p.numel() for p in camada.parameters()) for nome, camada in rede.named_children()}
        assert {n: p for n, _, p in resultado["linhas"]} == {n: por_camada[n] for n, _, _ in resultado["linhas"]}
        assert resultado["total"] == sum(p.numel() for p in rede.parameters()), caso
    assert js[0]["total"] == 60_965_224  # bvlc_alexnet do Caffe (as duas GPUs numa só)
    sem_grupos = _spec_da_pagina(explorador_rede_estatico("alex", redes.tabela_alexnet, controles, canais=3), "alex")
    (uma_gpu,) = mapear_no_js("redesconvCalcularRede", [_como_o_navegador(sem_grupos, casos[0])], tmp_path)
    assert uma_gpu["total"] == 62_378_344  # sem grupos, a conta da aula: os grupos chegam mesmo ao JS


def test_grupos_como_controle_js_igual_ao_python(tmp_path):
    """Com o número de grupos num controle, um valor que não divide C ou K é recusado pelo PyTorch: o JS
    recusa com a mesma mensagem (e, como no Python, um lado que não fecha é dito antes)."""
    larguras = (24, 40, 36, 36, 30)  # grupos=3 ou 6: K de CONV2; 4: K de CONV5; 5: C de CONV2

    def tabela_de(grupos, **resto):
        return redes.tabela_alexnet(larguras=larguras, grupos=grupos, fc=32, classes=10, **resto)

    controles = {"entrada": (32, 320, 227), "grupos": (1, 8, 2)}
    spec = _spec_da_pagina(explorador_rede_estatico("g", tabela_de, controles, canais=3), "g")
    casos = [{"entrada": e, "grupos": g} for e in (227, 51, 67) for g in range(1, 9)]
    js = mapear_no_js("redesconvCalcularRede", [_como_o_navegador(spec, c) for c in casos], tmp_path)
    for caso, resultado in zip(casos, js, strict=True):
        assert resultado == _python(tabela_de, "sequencial", 3, caso), caso
    erros = [r["erro"] for r in js if "erro" in r]
    assert "Na camada CONV2: Com grupos=3, C=24 e K=40 precisam ser múltiplos de 3" in " ".join(erros)
    assert any(e.startswith("Na camada CONV5: Com grupos=4") for e in erros)
    # 51: o lado não fecha em POOL3 — e isso vem antes do erro de grupos de CONV2, como no Python
    assert js[casos.index({"entrada": 51, "grupos": 3})]["erro"].startswith("Na camada POOL3:")
    assert sum("linhas" in r for r in js) == 2 * 2  # grupos 1 e 2 nas entradas que fecham (227 e 67)
