"""O texto dos capítulos usa os termos do glossário em português (../shared/DESIGN.md).

Procura, na prosa das células de texto, os termos em inglês que têm tradução no glossário.
Ficam de fora o que não é prosa do curso: código (`...`), fórmulas ($...$), citações da aula
ou dos artigos (linhas com ">" e trechos "entre aspas" ou *em itálico*, como os termos
estrangeiros são marcados), papéis e diretivas do MyST e endereços.
"""

import json
import re
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[1]
TEXTOS = sorted((RAIZ / "notebooks").glob("*.ipynb")) + [RAIZ / "book" / n for n in ("intro.md", "como-usar.md")]

# termo em inglês → termo do glossário
GLOSSARIO = {
    "stride": "passo",
    "padding": "preenchimento",
    "zero-padding": "preenchimento com zeros",
    "pooling": "agrupamento",
    "subsampling": "subamostragem",
    "feature map": "mapa de características",
    "feature maps": "mapas de características",
    "output volume": "volume de saída",
    "fully connected": "totalmente conectada",
    "batch": "lote",
    "minibatch": "minilote",
    "learning rate": "taxa de aprendizado",
    "data augmentation": "aumento de dados",
    "receptive field": "campo receptivo",
    "weight decay": "decaimento de pesos",
    "dilation": "dilatação",
    "local response normalization": "normalização de resposta local",
}


def _prosa(texto: str) -> str:
    linhas = [linha for linha in texto.splitlines() if not linha.lstrip().startswith((">", "```", ":"))]
    texto = "\n".join(linhas)
    for padrao in [
        r"\$\$.*?\$\$", r"\$[^$\n]*\$", r"`[^`]*`", r"\{[a-z:]+\}`[^`]*`", r'"[^"]{0,400}"', r"“[^”]{0,400}”",
        r"\*\*[^*]{1,400}\*\*", r"\*[^*]{1,400}\*", r"https?://\S+", r"\[[^\]]*\]\([^)]*\)",
    ]:  # fmt: skip
        texto = re.sub(padrao, " ", texto, flags=re.S)
    return texto


def _textos(caminho: Path) -> list[str]:
    if caminho.suffix == ".md":
        return [caminho.read_text(encoding="utf-8")]
    nb = json.loads(caminho.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("caminho", TEXTOS, ids=lambda c: c.name)
def test_prosa_usa_os_termos_do_glossario(caminho):
    achados = []
    for texto in _textos(caminho):
        prosa = _prosa(texto)
        for ingles, portugues in GLOSSARIO.items():
            if re.search(rf"\b{re.escape(ingles)}\b", prosa, flags=re.IGNORECASE):
                achados.append(f"{ingles!r} → use {portugues!r}")
    assert not achados, sorted(set(achados))


def test_glossario_tem_todos_os_termos():
    pagina = (RAIZ / "book" / "glossario.md").read_text(encoding="utf-8").lower()
    for ingles, portugues in GLOSSARIO.items():
        if not ingles.endswith("s") or ingles[:-1] not in GLOSSARIO:  # plurais não precisam de linha
            assert portugues.lower() in pagina, portugues
            assert ingles.lower() in pagina, ingles


def test_detector_acha_termo_em_ingles_na_prosa():
    # o teste acima só vale se o detector funciona: um termo solto é achado; citado, não
    assert re.search(r"\bstride\b", _prosa("Use um stride de 2."))
    assert not re.search(r"\bstride\b", _prosa('A aula diz "stride" e o código usa `stride=2`.'))


def test_suavizacao_de_rotulos_do_glossario_e_a_do_pytorch():
    """O glossário diz 0,91 na classe certa e 0,01 nas outras (ε = 0,1, 10 classes): o PyTorch confere."""
    import torch
    import torch.nn.functional as F

    logits, certa = torch.randn(4, 10, generator=torch.Generator().manual_seed(0)), torch.tensor([0, 3, 7, 9])
    alvo = torch.full((4, 10), 0.01).scatter(1, certa[:, None], 0.91)
    manual = -(alvo * F.log_softmax(logits, dim=1)).sum(dim=1).mean()
    assert torch.allclose(F.cross_entropy(logits, certa, label_smoothing=0.1), manual)
    linha = next(
        x for x in (RAIZ / "book" / "glossario.md").read_text(encoding="utf-8").splitlines() if "label smoothing" in x
    )
    assert "0,91 na classe certa e 0,01 em cada uma das outras" in linha


def test_glossario_nao_diz_que_todo_agrupamento_e_sem_parametros():
    linha = next(
        x for x in (RAIZ / "book" / "glossario.md").read_text(encoding="utf-8").splitlines() if "| pooling |" in x
    )
    assert "subamostragem da LeNet" in linha
