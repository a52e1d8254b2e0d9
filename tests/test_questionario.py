"""Os questionários: o que o aluno digita é lido à brasileira, a conferência aceita o certo e só ele,
e o HTML traz, para cada pergunta, a resposta calculada pelo capítulo.

A leitura e a conferência (``questionario.js``) rodam no Node.js; os cliques no site estão em
``tests/test_site.py`` (``test_questionarios_conferem_no_site``).
"""

import re

import pytest

from redesconv.questionario import Escolha, Numerica, questionario
from tests.test_explorador_js import mapear_no_js

LEITURAS = [
    ("55", 55), ("  55 ", 55), ("0,75", 0.75), ("0.75", 0.75), ("1.516", 1516), ("62.378.344", 62378344),
    ("1.234,5", 1234.5), ("−3", -3), ("-3,5", -3.5), ("4,3 MB", 4.3), ("18,2%", 18.2), ("28 pixels", 28),
    ("1 516", 1516), (",5", None), ("55,", None), ("1.5.6", None), ("abc", None), ("", None), ("1,2,3", None),
]  # fmt: skip


def _no_js(funcao: str, argumentos: list, pasta) -> list:
    return mapear_no_js(funcao, argumentos, pasta, "questionario.js")


def test_le_numeros_escritos_a_brasileira(tmp_path):
    lidos = _no_js("redesconvLerNumero", [[texto] for texto, _ in LEITURAS], tmp_path)
    for (texto, esperado), lido in zip(LEITURAS, lidos):
        if esperado is None:
            assert "erro" in lido, (texto, lido)
            assert ("Digite um número" if texto == "" else f"Não entendi “{texto.strip()}”") in lido["erro"], lido
        else:
            assert lido == {"valor": esperado}, (texto, lido)


def test_confere_com_a_tolerancia_e_so_com_ela(tmp_path):
    casos = [
        ([55, 55, 0], True), ([54, 55, 0], False), ([56, 55, 0], False), ([0.75, 0.75, 0], True),
        ([3.25, 3.2, 0.02], True), ([3.3, 3.2, 0.02], False), ([-3, 3, 0.5], False), ([0, 0, 0], True),
    ]  # fmt: skip
    assert _no_js("redesconvConfere", [c for c, _ in casos], tmp_path) == [esperado for _, esperado in casos]


def test_tolerancia_absoluta_aceita_uma_casa_decimal(tmp_path):
    # (digitado, certo, relativa, absoluta): 0,05 de folga aceita 3,1 para 3,14 e recusa 3,0 e 3,2
    casos = [
        ([3.1, 3.14, 0, 0.05], True), ([3.2, 3.14, 0, 0.05], False), ([3.0, 3.14, 0, 0.05], False),
        ([3.1, 3.14, 0, 0], False), ([3.1, 3.14, 0], False), ([-0.04, 0, 0, 0.05], True), ([0.06, 0, 0, 0.05], False),
        ([3.25, 3.14, 0.02, 0.05], True), ([3.3, 3.14, 0.02, 0.05], False),
    ]  # fmt: skip
    assert _no_js("redesconvConfere", [c for c, _ in casos], tmp_path) == [esperado for _, esperado in casos]
    pagina = questionario("q", Numerica("Erro em %, com uma casa?", 3.14, "b", tolerancia_absoluta=0.05))._repr_html_()
    assert 'data-tolerancia="0.0" data-tolerancia-absoluta="0.05"' in pagina
    assert "Number(pergunta.dataset.toleranciaAbsoluta || 0)" in pagina  # o JS lê o atributo
    assert "data-tolerancia-absoluta" not in questionario("q", Numerica("a", 1, "b"))._repr_html_()


def test_ver_a_resposta_sem_ponto_duplo():
    certa = "A conta não fecha: 53,25 não é inteiro."
    pagina = questionario("q", Escolha("O que acontece?", [(certa, ""), ("55", "não")], 0, "Porque sim."))._repr_html_()
    assert f"<strong>{certa}</strong> " in pagina and "</strong>." not in pagina
    pagina = questionario("q", Escolha("Qual?", [("CONV1", "x"), ("FC6", "")], 1, "FC6 liga tudo."))._repr_html_()
    assert "<strong>FC6</strong>. " in pagina  # sem pontuação no fim, o ponto continua


def _exemplo():
    return questionario(
        "quiz-teste",
        Numerica("Lado da saída de `CONV1`?", 55, "(227 − 11)/4 + 1 = 55.", dica="Use a fórmula."),
        Escolha("Qual camada tem mais parâmetros?", [("CONV1", "Tem só 34.944."), ("FC6", "")], 1, "FC6 liga tudo."),
        Numerica("Memória em MB?", 4.25, "Conta.", tolerancia=0.02, unidade="MB"),
        Numerica("Fração nas FC?", 94, "Conta.", unidade="%"),
    )


def test_html_tem_a_resposta_de_cada_pergunta_e_ids_fixos():
    q = _exemplo()
    pagina = q._repr_html_()
    assert pagina == _exemplo()._repr_html_()  # ids e texto iguais a cada execução (o nbval compara)
    assert re.findall(r'id="(quiz-teste-\d)"', pagina) == [f"quiz-teste-{n}" for n in range(1, 5)]
    assert 'data-resposta="55"' in pagina and 'data-correta="1"' in pagina and 'data-tolerancia="0.02"' in pagina
    assert "<code>CONV1</code>" in pagina and 'data-comentario="Tem só 34.944."' in pagina
    assert "redesconvMontarQuestionario('quiz-teste')" in pagina
    assert "<strong>4,25 MB</strong>" in pagina  # "Ver a resposta" funciona até sem JavaScript
    assert "http" not in pagina.split("<script>")[0]  # nada de fora: sem CDN
    assert repr(q).splitlines() == [
        "Questionário quiz-teste (4 perguntas) — gabarito:",
        "1. Lado da saída de `CONV1`? → 55",
        "2. Qual camada tem mais parâmetros? → FC6",
        "3. Memória em MB? → 4,25 MB",
        "4. Fração nas FC? → 94%",
    ]
    assert repr(questionario("q", Numerica("a", 1, "b"))).startswith("Questionário q (1 pergunta) — gabarito:")


def test_texto_do_aluno_nao_vira_html():
    pagina = questionario("q", Numerica("<b>x</b> & y", 1, "<script>alert(1)</script>"))._repr_html_()
    assert "<b>x</b>" not in pagina and "&lt;b&gt;x&lt;/b&gt; &amp; y" in pagina
    assert "<script>alert" not in pagina


@pytest.mark.parametrize(
    ("argumentos", "mensagem"),
    [
        (("1quiz", Numerica("a", 1, "b")), "id_base deve começar com letra"),
        (("quiz",), "pelo menos uma pergunta"),
        (("quiz", Numerica("a", float("nan"), "b")), "número finito"),
        (("quiz", Numerica("a", 1, "b", tolerancia=-1)), "não pode ser negativa"),
        (("quiz", Numerica("a", 1, "b", tolerancia_absoluta=-0.1)), "tolerância absoluta precisa ser"),
        (("quiz", Numerica("a", 1, "b", tolerancia_absoluta=float("inf"))), "tolerância absoluta precisa ser"),
        (("quiz", Escolha("a", [("x", "")], 0, "b")), "pelo menos duas opções"),
        (("quiz", Escolha("a", [("x", ""), ("y", "")], 2, "b")), "correta=2, mas as opções vão de 0 a 1"),
        (("quiz", "pergunta solta"), "use Numerica ou Escolha"),
    ],
)
def test_questionario_mal_montado_explica(argumentos, mensagem):
    with pytest.raises((ValueError, TypeError), match=mensagem):
        questionario(*argumentos)
