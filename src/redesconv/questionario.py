"""Questionários de autoavaliação no fim de cada capítulo: o aluno responde e o curso confere.

As respostas certas são **calculadas pelo código do capítulo** (``tamanho_saida``, a tabela da
rede, os resultados gravados) e escritas na saída da célula; o nbval compara essa saída, então uma
resposta não pode divergir do texto. A conferência é feita por ``questionario.js``, sem kernel:
funciona no site estático, no Jupyter e no Colab. Sem JavaScript, cada pergunta ainda mostra a
resposta em "Ver a resposta".

Exemplo::

    questionario(
        "quiz-aritmetica",
        Numerica("Lado da saída de CONV1 da AlexNet (W = 227, F = 11, S = 4, P = 0)?",
                 tamanho_saida(227, 11, 4, 0), "(227 − 11)/4 + 1 = 55."),
        Escolha("Qual camada tem mais parâmetros?", [("CONV1", "…"), ("FC6", "")], correta=1,
                explicacao="…"),
    )
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from importlib import resources

from .formatacao import numero_br, plural_br

__all__ = ["Escolha", "Numerica", "Questionario", "questionario"]


@dataclass(frozen=True)
class Numerica:
    """Pergunta de resposta numérica. ``tolerancia`` é relativa (0,01 aceita 1% de diferença);
    ``tolerancia_absoluta`` soma uma folga fixa (0,05 aceita 3,1 para 3,14: "com uma casa
    decimal"). As duas valem juntas: |digitado − certo| ≤ tolerancia·|certo| + tolerancia_absoluta.

    ``explicacao`` aparece quando o aluno acerta e em "Ver a resposta"; ``dica``, quando erra.
    """

    enunciado: str
    resposta: float
    explicacao: str
    tolerancia: float = 0.0
    unidade: str = ""
    dica: str = ""
    tolerancia_absoluta: float = 0.0


@dataclass(frozen=True)
class Escolha:
    """Pergunta de múltipla escolha: ``opcoes`` são pares (texto, por que não é esta), e
    ``correta`` é o índice da certa (o seu comentário pode ficar vazio)."""

    enunciado: str
    opcoes: tuple[tuple[str, str], ...] | list[tuple[str, str]]
    correta: int
    explicacao: str


def _texto(texto: str) -> str:
    """Escapa o HTML e transforma `código` em <code>código</code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(texto, quote=False))


def _com_unidade(valor: float, unidade: str) -> str:
    """55 → '55'; (94, '%') → '94%'; (4,25, 'MB') → '4,25 MB'."""
    if not unidade:
        return numero_br(valor)
    return numero_br(valor) + ("" if unidade == "%" else " ") + unidade


def _ponto_final(texto: str) -> str:
    """O ponto que fecha a resposta em "Ver a resposta", se o texto da opção já não terminar em pontuação."""
    return "" if texto.rstrip().endswith((".", "!", "?", "…")) else "."


def _atributo(texto: str) -> str:
    return html.escape(re.sub(r"`([^`]+)`", r"\1", texto), quote=True)


_ESTILO = """
<style>
.redesconv-questionario { font-size: 0.95rem; margin: 0.5rem 0; }
.redesconv-pergunta { border: 1px solid #ccc; border-radius: 6px; padding: 0.5rem 0.8rem; margin: 0.6rem 0; }
.redesconv-pergunta fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
.redesconv-pergunta legend, .redesconv-enunciado { font-weight: 600; font-size: 1em; line-height: 1.4;
  margin: 0.2rem 0 0.4rem; padding: 0; float: none; width: auto; }
.redesconv-opcao { display: block; margin: 0.25rem 0; }
.redesconv-pergunta input[type=text] { width: 9rem; max-width: 100%; margin-right: 0.4rem; }
.redesconv-pergunta button { margin: 0.3rem 0.4rem 0.3rem 0; cursor: pointer; }
.redesconv-ok { color: #1a7f37; font-weight: bold; }
.redesconv-erro { color: #b42318; }
.redesconv-retorno { margin: 0.3rem 0; overflow-wrap: anywhere; }
.redesconv-pergunta details { margin-top: 0.2rem; }
</style>
"""


class Questionario:
    """Um questionário; no Jupyter e no site aparece como HTML interativo (``_repr_html_``) e, como
    texto, é o gabarito (``__repr__``) — o que o nbval compara junto com o HTML."""

    def __init__(self, id_base: str, perguntas):
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", id_base):
            raise ValueError(f"id_base deve começar com letra e ter só letras, números e hífens; recebeu {id_base!r}.")
        perguntas = list(perguntas)
        if not perguntas:
            raise ValueError("Um questionário precisa de pelo menos uma pergunta.")
        for n, p in enumerate(perguntas, 1):
            if isinstance(p, Numerica):
                if not (isinstance(p.resposta, int | float) and math.isfinite(p.resposta)):
                    raise ValueError(f"Pergunta {n}: a resposta precisa ser um número finito; recebeu {p.resposta!r}.")
                if p.tolerancia < 0:
                    raise ValueError(f"Pergunta {n}: a tolerância não pode ser negativa ({p.tolerancia}).")
                absoluta = p.tolerancia_absoluta
                if not (isinstance(absoluta, int | float) and math.isfinite(absoluta) and absoluta >= 0):
                    raise ValueError(
                        f"Pergunta {n}: a tolerância absoluta precisa ser um número finito e não negativo; "
                        f"recebeu {absoluta!r}."
                    )
            elif isinstance(p, Escolha):
                if len(p.opcoes) < 2:
                    raise ValueError(f"Pergunta {n}: uma escolha precisa de pelo menos duas opções.")
                if not 0 <= p.correta < len(p.opcoes):
                    raise ValueError(
                        f"Pergunta {n}: correta={p.correta}, mas as opções vão de 0 a {len(p.opcoes) - 1}."
                    )
            else:
                raise TypeError(f"Pergunta {n}: use Numerica ou Escolha; recebeu {type(p).__name__}.")
        self.id_base, self.perguntas = id_base, perguntas

    def _pergunta_html(self, n: int, p) -> str:
        ident = f"{self.id_base}-{n}"
        resposta_visivel = (
            f"<strong>{html.escape(_com_unidade(p.resposta, p.unidade))}</strong>. "
            if isinstance(p, Numerica)
            else f"<strong>{_texto(p.opcoes[p.correta][0])}</strong>{_ponto_final(p.opcoes[p.correta][0])} "
        )
        rodape = (
            '<button type="submit">Conferir</button>'
            f'<p class="redesconv-retorno" id="{ident}-retorno" aria-live="polite"></p>'
            f"<details><summary>Ver a resposta</summary><p>{resposta_visivel}"
            f'<span class="redesconv-explicacao">{_texto(p.explicacao)}</span></p></details>'
        )
        if isinstance(p, Numerica):
            unidade = f" {html.escape(p.unidade)}" if p.unidade else ""
            # só aparece quando há folga absoluta: as perguntas sem ela ficam com o HTML de antes
            absoluta = f' data-tolerancia-absoluta="{p.tolerancia_absoluta!r}"' if p.tolerancia_absoluta else ""
            return (
                f'<form class="redesconv-pergunta" id="{ident}" data-tipo="numero" '
                f'data-resposta="{p.resposta!r}" data-tolerancia="{p.tolerancia!r}"{absoluta} '
                f'data-dica="{_atributo(p.dica)}">'
                f'<p class="redesconv-enunciado" id="{ident}-enunciado">{n}. {_texto(p.enunciado)}</p>'
                f'<input type="text" inputmode="decimal" autocomplete="off" id="{ident}-resposta" '
                f'aria-labelledby="{ident}-enunciado">{unidade} '
                f"{rodape}</form>"
            )
        opcoes = "".join(
            f'<label class="redesconv-opcao"><input type="radio" name="{ident}" value="{k}" '
            f'data-comentario="{_atributo(comentario)}"> {_texto(texto)}</label>'
            for k, (texto, comentario) in enumerate(p.opcoes)
        )
        return (
            f'<form class="redesconv-pergunta" id="{ident}" data-tipo="escolha" data-correta="{p.correta}">'
            f"<fieldset><legend>{n}. {_texto(p.enunciado)}</legend>{opcoes}</fieldset>"
            f"{rodape}</form>"
        )

    def _repr_html_(self) -> str:
        script = resources.files("redesconv").joinpath("questionario.js").read_text(encoding="utf-8")
        corpo = "".join(self._pergunta_html(n, p) for n, p in enumerate(self.perguntas, 1))
        return (
            f'{_ESTILO}<div class="redesconv-questionario" id="{self.id_base}">{corpo}'
            f"<script>{script}\nredesconvMontarQuestionario({self.id_base!r});</script></div>"
        )

    def __repr__(self) -> str:
        n = len(self.perguntas)
        linhas = [f"Questionário {self.id_base} ({n} {plural_br(n, 'pergunta', 'perguntas')}) — gabarito:"]
        for n, p in enumerate(self.perguntas, 1):
            if isinstance(p, Numerica):
                resposta = _com_unidade(p.resposta, p.unidade)
            else:
                resposta = p.opcoes[p.correta][0]
            linhas.append(f"{n}. {p.enunciado} → {resposta}")
        return "\n".join(linhas)


def questionario(id_base: str, *perguntas: Numerica | Escolha) -> Questionario:
    """O questionário ``id_base`` (ids fixos: únicos na página e iguais a cada execução)."""
    return Questionario(id_base, perguntas)
