"""Os questionários: o que o aluno digita é lido à brasileira, a conferência aceita o certo e só ele,
e o HTML traz, para cada pergunta, a resposta calculada pelo capítulo.

A leitura e a conferência (``questionario.js``) rodam no Node.js; os cliques no site estão em
``tests/test_site.py`` (``test_questionarios_conferem_no_site``).
"""

import json
import re
import subprocess
from html.parser import HTMLParser

import pytest

from redesconv.questionario import Escolha, Numerica, questionario
from tests.test_explorador_js import _node, mapear_no_js

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
        # respostas certas negativas (uma diferença, −3 pontos): a folga relativa vale dos dois lados
        ([-3.05, -3, 0.02], True), ([-2.95, -3, 0.02], True), ([-3.1, -3, 0.02], False), ([3, -3, 0.5], False),
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


# --------------------------------------------------- a página de volta, no Node.js (issue 23)
class _LeitorDaPagina(HTMLParser):
    """Lê o HTML de um questionário como o navegador o veria: os formulários (com os atributos),
    o texto de cada explicação e de cada "Ver a resposta", as opções e o <script>."""

    def __init__(self):
        super().__init__()
        self.raiz, self.formularios, self.script = None, [], ""
        self._dentro: list[str] = []  # "explicacao", "resposta", "script": onde o texto lido vai parar

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classe = a.get("class", "")
        if tag == "div" and classe == "redesconv-questionario":
            self.raiz = a["id"]
        elif tag == "form":
            self.formularios.append({"atributos": a, "explicacao": "", "visivel": "", "texto": False, "opcoes": []})
        elif tag == "input" and a.get("type") == "text":
            self.formularios[-1]["texto"] = True
        elif tag == "input" and a.get("type") == "radio":
            self.formularios[-1]["opcoes"].append(a)
        elif tag == "span" and classe == "redesconv-explicacao":
            self._dentro.append("explicacao")
        elif tag == "strong":
            self._dentro.append("visivel")
        elif tag == "script":
            self._dentro.append("script")

    def handle_endtag(self, tag):
        if self._dentro and tag == {"explicacao": "span", "visivel": "strong", "script": "script"}[self._dentro[-1]]:
            self._dentro.pop()

    def handle_data(self, dados):
        if self._dentro == ["script"]:
            self.script += dados
        elif self._dentro:
            self.formularios[-1][self._dentro[-1]] += dados


# Um DOM de mentira com só o que o questionario.js usa; o script da página (o mesmo que o navegador
# roda, com a chamada de montagem) roda duas vezes, num contexto do vm, contra ele.
_DOM_DE_MENTIRA = r"""
const fs = require("fs"), vm = require("vm");
const {script, raiz, formularios, acoes} = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
// data-tolerancia-absoluta → dataset.toleranciaAbsoluta, como no DOM
const dataset = (atributos) => Object.fromEntries(Object.entries(atributos).filter(([k]) => k.startsWith("data-"))
  .map(([k, v]) => [k.slice(5).replace(/-([a-z])/g, (_, c) => c.toUpperCase()), v]));
const perguntas = formularios.map((f) => {
  const p = {dataset: dataset(f.atributos), ouvintes: [], retorno: {textContent: "", className: "redesconv-retorno"},
             campo: f.texto ? {value: ""} : null,
             opcoes: f.opcoes.map((o) => ({value: o.value, checked: false, dataset: dataset(o)}))};
  const seletores = {".redesconv-retorno": () => p.retorno,
                     ".redesconv-explicacao": () => ({textContent: f.explicacao}),
                     "input[type=text]": () => p.campo,
                     "input[type=radio]:checked": () => p.opcoes.find((o) => o.checked) || null};
  p.querySelector = (s) => {
    if (!(s in seletores)) throw new Error("seletor inesperado: " + s);
    return seletores[s]();
  };
  p.addEventListener = (tipo, f) => { if (tipo !== "submit") throw new Error(tipo); p.ouvintes.push(f); };
  return p;
});
const elemento = {dataset: {}, querySelectorAll: (s) => {
  if (s !== "form.redesconv-pergunta") throw new Error("seletor inesperado: " + s);
  return perguntas;
}};
const document = {getElementById: (id) => (id === raiz ? elemento : null)};
vm.runInNewContext(script, {document});
vm.runInNewContext(script, {document}); // a célula exibida de novo não liga o conferir duas vezes
const resultados = acoes.map(([i, resposta]) => {
  const p = perguntas[i];
  if (p.campo) p.campo.value = resposta;
  else p.opcoes.forEach((o) => { o.checked = o.value === resposta; });
  let evitou = 0;
  p.ouvintes.forEach((f) => f({preventDefault: () => { evitou += 1; }}));
  return [p.retorno.className, p.retorno.textContent, evitou];
});
process.stdout.write(JSON.stringify({resultados, ouvintes: perguntas.map((p) => p.ouvintes.length),
                                     respostas: perguntas.map((p) => Number(p.dataset.resposta))}));
"""


def _clicar_no_node(pagina: str, acoes: list, pasta) -> tuple[_LeitorDaPagina, dict]:
    """Digita/marca cada ``(pergunta, resposta)`` de ``acoes`` e clica em "Conferir", no Node.js."""
    leitor = _LeitorDaPagina()
    leitor.feed(pagina)
    entrada = {"script": leitor.script, "raiz": leitor.raiz, "formularios": leitor.formularios, "acoes": acoes}
    (pasta / "pagina.json").write_text(json.dumps(entrada), encoding="utf-8")
    saida = subprocess.run([_node(), "-e", _DOM_DE_MENTIRA, str(pasta / "pagina.json")],
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    return leitor, json.loads(saida)


# respostas com decimais e com milhares: (valor, unidade, o que "Ver a resposta" mostra)
IDA_E_VOLTA = [
    (1234.5, "", "1.234,5"), (0.25, "", "0,25"), (105_415_200, "", "105.415.200"), (62_378_344.0, "", "62.378.344"),
    (1516.25, "MB", "1.516,25 MB"), (0.0625, "", "0,0625"), (138.4, "milhões", "138,4 milhões"), (94.5, "%", "94,5%"),
]  # fmt: skip


def test_respostas_com_decimais_e_milhares_chegam_exatas_a_pagina_e_voltam(tmp_path):
    """O número certo sai do Python, vai para o HTML, é lido pelo JS da página; o que "Ver a resposta"
    mostra, digitado à brasileira, é aceito, e o vizinho na última casa, recusado (tolerância zero)."""
    q = questionario("ida", *(Numerica(f"P{i}?", v, "Ok.", unidade=u) for i, (v, u, _) in enumerate(IDA_E_VOLTA)))
    pagina = q._repr_html_()
    vizinhos = ["1.234,4", "0,26", "105.415.201", "62.378.345", "1.516,26", "0,0626", "138,5", "94,4"]
    acoes = [[i, texto] for i, (_, _, texto) in enumerate(IDA_E_VOLTA)] + [[i, v] for i, v in enumerate(vizinhos)]
    leitor, js = _clicar_no_node(pagina, acoes, tmp_path)
    for formulario, (valor, _, texto) in zip(leitor.formularios, IDA_E_VOLTA, strict=True):
        assert float(formulario["atributos"]["data-resposta"]) == valor  # exato no HTML
        assert formulario["visivel"] == texto
    assert js["respostas"] == [valor for valor, _, _ in IDA_E_VOLTA]  # exato no JS (Number do atributo)
    n = len(IDA_E_VOLTA)
    assert [c for c, _, _ in js["resultados"][:n]] == ["redesconv-retorno redesconv-ok"] * n, js["resultados"]
    assert [c for c, _, _ in js["resultados"][n:]] == ["redesconv-retorno redesconv-erro"] * n, js["resultados"]


def test_conferir_no_node_com_um_dom_de_mentira(tmp_path):
    """O tratador do "Conferir" (o script da própria página) contra um DOM mínimo: certo, errado,
    ilegível, vazio, tolerâncias e a escolha; não recarrega a página e não se liga duas vezes."""
    q = questionario(
        "quiz-dom",
        Numerica("Produto?", 105_415_200, "São `105.415.200` MACs.", dica="Multiplique."),
        Numerica("Média?", 1234.5, "Conta."),
        Numerica("Erro, com uma casa?", 3.14, "Pi.", unidade="%", tolerancia_absoluta=0.05),
        Numerica("Memória?", 4.25, "Quase.", tolerancia=0.02, unidade="MB"),
        Escolha("Qual?", [("CONV1", "Tem só 34.944."), ("FC6", "")], 1, "FC6 liga tudo."),
    )
    ok, erro = "redesconv-retorno redesconv-ok", "redesconv-retorno redesconv-erro"
    tente = "Tente de novo ou abra “Ver a resposta”."
    esperado = [
        ([0, "105.415.200"], ok, "Certo! São 105.415.200 MACs."),
        ([0, " 105415200 "], ok, "Certo! São 105.415.200 MACs."),
        ([0, "105.415.201"], erro, f"Ainda não: 105.415.201 não é a resposta. Multiplique. {tente}"),
        ([0, "105,415,200"], erro, "Não entendi “105,415,200” como número"),
        ([0, "  "], erro, "Digite um número antes de conferir."),
        ([1, "1.234,5"], ok, "Certo! Conta."), ([1, "1234,5"], ok, "Certo! Conta."),
        ([1, "1.234"], erro, f"Ainda não: 1.234 não é a resposta. {tente}"),
        ([2, "3,1%"], ok, "Certo! Pi."), ([2, "3,2"], erro, "Ainda não: 3,2 não é a resposta."),
        ([3, "4,3 MB"], ok, "Certo! Quase."), ([3, "4,4"], erro, "Ainda não: 4,4 não é a resposta."),
        ([4, None], erro, "Escolha uma das opções antes de conferir."),
        ([4, "0"], erro, f"Ainda não. Tem só 34.944. {tente}"),
        ([4, "1"], ok, "Certo! FC6 liga tudo."),
    ]  # fmt: skip
    _, js = _clicar_no_node(q._repr_html_(), [a for a, _, _ in esperado], tmp_path)
    assert js["ouvintes"] == [1] * 5
    for (acao, classe, comeco), (obtida, texto, evitou) in zip(esperado, js["resultados"], strict=True):
        assert (obtida, evitou) == (classe, 1) and texto.startswith(comeco), (acao, obtida, texto)
