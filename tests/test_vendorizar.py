"""_vendor/ acompanha as versões fixadas em tools/vendorizar.py (selo .versao em cada pasta)."""

from pathlib import Path

from tools.vendorizar import DESTINO, DESTINO_TESTES, PACOTES, PACOTES_TESTES, em_dia

RAIZ = Path(__file__).resolve().parents[1]


def test_pasta_de_outra_versao_nao_esta_em_dia(tmp_path):
    alvo = tmp_path / "mathjax"
    assert not em_dia(alvo, "mathjax@3.2.2")  # não existe
    alvo.mkdir()
    assert not em_dia(alvo, "mathjax@3.2.2")  # existe, mas sem selo (vendorizada antes do selo)
    (alvo / ".versao").write_text("mathjax@3.2.1\n")
    assert not em_dia(alvo, "mathjax@3.2.2")  # a versão fixada mudou: trazer de novo
    (alvo / ".versao").write_text("mathjax@3.2.2\n")
    assert em_dia(alvo, "mathjax@3.2.2")


def test_vendor_instalado_tem_as_versoes_fixadas():
    """Depois de `make book`/`make test`, cada pasta de _vendor/ traz o selo da versão fixada."""
    for especificacao, pasta, _ in PACOTES:
        assert em_dia(DESTINO / pasta, especificacao), f"_vendor/{pasta} não é {especificacao}"
    for especificacao, pasta, _ in PACOTES_TESTES:
        assert em_dia(DESTINO_TESTES / pasta, especificacao), f".vendor-testes/{pasta} não é {especificacao}"
