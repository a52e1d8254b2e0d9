"""Tabela por camada: forma de saída, parâmetros, ativações, memória e MACs.

:func:`resumo_camadas` roda o modelo uma vez com uma entrada de zeros (lote de 1 imagem)
e, com *forward hooks* do PyTorch, anota o que cada camada-folha produziu. Nada é
deduzido do nome da camada: as formas são as que o PyTorch realmente calculou.

* **Parâmetros**: elementos treináveis da própria camada (pesos + vieses).
* **Ativações**: elementos do volume de saída da camada, para uma imagem.
* **Memória**: bytes dessas ativações (``elementos × bytes por elemento``). Uma camada cuja
  saída ocupa a mesma memória da entrada — ReLU *in-place*, ``Flatten`` (uma vista),
  *dropout* na avaliação — aparece como "compartilhada" e não entra nos totais de ativações
  e de memória, para que nada seja contado duas vezes.
* **Totais de ativações e de memória**: a soma dos volumes **incluindo a entrada**, como a
  aula conta ("ENTRADA: [224x224x3] memória: 224*224*3=150K"). É a única definição do curso:
  todos os capítulos usam estes totais.
* **MACs** (multiplicações-acumulações): convoluções e camadas totalmente conectadas;
  as demais (ReLU, agrupamento, normalização) são contadas como 0. Uma camada própria
  pode informar as suas com um método ``contar_macs(entrada, saida)`` (por imagem).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import torch
from torch import nn

from .formatacao import bytes_br, inteiro_br

__all__ = ["LinhaCamada", "TabelaCamadas", "resumo_camadas", "formatar_forma"]


def formatar_forma(forma: tuple[int, ...]) -> str:
    """Forma de um exemplo (sem o lote) na notação da aula, altura×largura×canais.

    (96, 55, 55) → '55×55×96'; (4096,) → '4096'.
    """
    if len(forma) == 3:
        c, a, l = forma  # noqa: E741 - nomes da notação (canais, altura, largura)
        forma = (a, l, c)
    return "×".join(str(d) for d in forma)


@dataclass(frozen=True)
class LinhaCamada:
    nome: str
    tipo: str
    forma_saida: tuple[int, ...]  # sem a dimensão do lote, na ordem do PyTorch (C, A, L)
    parametros: int
    ativacoes: int
    memoria_bytes: int
    macs: int
    compartilhada: bool = False  # a saída usa a memória da entrada (in-place ou vista)


def _macs(modulo: nn.Module, entrada: torch.Tensor, saida: torch.Tensor) -> int:
    if hasattr(modulo, "contar_macs"):  # camadas próprias dos capítulos dizem as suas
        return int(modulo.contar_macs(entrada, saida))
    if isinstance(modulo, nn.Conv1d | nn.Conv2d | nn.Conv3d):
        por_saida = (modulo.in_channels // modulo.groups) * int(torch.tensor(modulo.kernel_size).prod())
        return saida[0].numel() * por_saida
    if isinstance(modulo, nn.ConvTranspose1d | nn.ConvTranspose2d | nn.ConvTranspose3d):
        # a transposta espalha cada elemento da *entrada* por K/grupos filtros (e não era contada: 0);
        # é a conta do contador do PyTorch (FlopCounterMode), com ou sem o recorte do preenchimento
        por_entrada = (modulo.out_channels // modulo.groups) * int(torch.tensor(modulo.kernel_size).prod())
        return entrada[0].numel() * por_entrada
    if isinstance(modulo, nn.Linear):
        return saida[0].numel() * modulo.in_features
    return 0


class TabelaCamadas:
    """Resultado de :func:`resumo_camadas`; aparece como tabela no Jupyter."""

    COLUNAS = ("Camada", "Tipo", "Saída (A×L×C)", "Parâmetros", "Ativações", "Memória", "MACs")

    def __init__(
        self,
        linhas: list[LinhaCamada],
        forma_entrada: tuple[int, ...],
        bytes_por_elemento: int = 4,
        rotulo_macs: str = "MACs",
    ):
        self.linhas = linhas
        self.forma_entrada = forma_entrada
        self.bytes_por_elemento = bytes_por_elemento
        # o cabeçalho da última coluna: uma camada própria pode contar só as MACs necessárias
        self.colunas = (*self.COLUNAS[:-1], rotulo_macs)

    @property
    def ativacoes_entrada(self) -> int:
        return int(torch.Size(self.forma_entrada).numel())

    @property
    def memoria_entrada_bytes(self) -> int:
        return self.ativacoes_entrada * self.bytes_por_elemento

    # Totais ----------------------------------------------------------------------------
    @property
    def total_parametros(self) -> int:
        return sum(linha.parametros for linha in self.linhas)

    @property
    def total_ativacoes(self) -> int:
        """Elementos de todos os volumes, com a entrada; saídas compartilhadas contam uma vez."""
        return self.ativacoes_entrada + sum(x.ativacoes for x in self.linhas if not x.compartilhada)

    @property
    def total_memoria_bytes(self) -> int:
        """Bytes de todos os volumes, com a entrada (a "TOTAL memória" da aula)."""
        return self.memoria_entrada_bytes + sum(x.memoria_bytes for x in self.linhas if not x.compartilhada)

    @property
    def total_macs(self) -> int:
        return sum(linha.macs for linha in self.linhas)

    def __getitem__(self, nome: str) -> LinhaCamada:
        for linha in self.linhas:
            if linha.nome == nome:
                return linha
        raise KeyError(f"Não há camada chamada {nome!r}. Camadas: {[x.nome for x in self.linhas]}")

    def __len__(self) -> int:
        return len(self.linhas)

    # Apresentação ----------------------------------------------------------------------
    def _celulas(self) -> list[tuple[str, ...]]:
        linhas = [
            (
                "entrada",
                "—",
                formatar_forma(self.forma_entrada),
                "0",
                inteiro_br(self.ativacoes_entrada),
                bytes_br(self.memoria_entrada_bytes),
                "0",
            ),
        ]
        for x in self.linhas:
            linhas.append(
                (
                    x.nome,
                    x.tipo,
                    formatar_forma(x.forma_saida),
                    inteiro_br(x.parametros),
                    inteiro_br(x.ativacoes),
                    "compartilhada" if x.compartilhada else bytes_br(x.memoria_bytes),
                    inteiro_br(x.macs),
                )
            )
        linhas.append(
            (
                "Total",
                "(com a entrada)",
                "",
                inteiro_br(self.total_parametros),
                inteiro_br(self.total_ativacoes),
                bytes_br(self.total_memoria_bytes),
                inteiro_br(self.total_macs),
            )
        )
        return linhas

    def __str__(self) -> str:
        linhas = [self.colunas, *self._celulas()]
        larguras = [max(len(linha[i]) for linha in linhas) for i in range(len(self.colunas))]
        texto = []
        for j, linha in enumerate(linhas):
            partes = [c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(zip(linha, larguras))]
            texto.append("  ".join(partes).rstrip())
            if j == 0 or j == len(linhas) - 2:
                texto.append("  ".join("-" * w for w in larguras))
        return "\n".join(texto)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        cab = "".join(f"<th>{html.escape(c)}</th>" for c in self.colunas)
        corpo = []
        for linha in self._celulas():
            celulas = "".join(
                f'<td style="text-align:{"left" if i < 3 else "right"}">{html.escape(c)}</td>'
                for i, c in enumerate(linha)
            )
            corpo.append(f"<tr>{celulas}</tr>")
        return f'<table class="tabela-camadas"><thead><tr>{cab}</tr></thead><tbody>{"".join(corpo)}</tbody></table>'


def resumo_camadas(
    modelo: nn.Module, forma_entrada: tuple[int, ...], dtype=torch.float32, rotulo_macs: str = "MACs"
) -> TabelaCamadas:
    """Tabela por camada-folha de ``modelo`` para uma entrada de forma ``forma_entrada``.

    ``rotulo_macs`` é o cabeçalho da coluna de MACs (por exemplo, "MACs necessárias" quando uma
    camada própria conta com ``contar_macs`` só as multiplicações que o modelo precisa fazer).

    ``forma_entrada`` é a forma de *um* exemplo, sem o lote: por exemplo ``(3, 227, 227)``.
    O modelo roda no dispositivo em que está e **no modo de avaliação** (o da previsão: o
    *dropout* não faz nada e a sua saída é a própria entrada); o modo original é restaurado.
    """
    forma_entrada = tuple(int(d) for d in forma_entrada)
    if not forma_entrada or any(d < 1 for d in forma_entrada):
        raise ValueError(
            f"forma_entrada deve ter dimensões positivas e não incluir o lote, por exemplo "
            f"(3, 224, 224); recebeu {forma_entrada!r}."
        )
    linhas: list[LinhaCamada] = []
    ganchos = []

    def gancho(nome):
        def registrar(modulo, entradas, saida):
            if not isinstance(saida, torch.Tensor):
                return
            linhas.append(
                LinhaCamada(
                    nome=nome,
                    tipo=type(modulo).__name__,
                    forma_saida=tuple(saida.shape[1:]),
                    parametros=sum(p.numel() for p in modulo.parameters(recurse=False) if p.requires_grad),
                    ativacoes=saida[0].numel(),
                    memoria_bytes=saida[0].numel() * saida.element_size(),
                    compartilhada=isinstance(entradas[0], torch.Tensor)
                    and saida.untyped_storage().data_ptr() == entradas[0].untyped_storage().data_ptr(),
                    macs=_macs(modulo, entradas[0], saida),
                )
            )

        return registrar

    for nome, modulo in modelo.named_modules():
        if not list(modulo.children()):  # só as camadas-folha
            ganchos.append(modulo.register_forward_hook(gancho(nome or type(modulo).__name__)))
    modo_original = modelo.training
    try:
        parametro = next(modelo.parameters(), None)
        dispositivo = parametro.device if parametro is not None else "cpu"
        with torch.no_grad():
            modelo.eval()
            modelo(torch.zeros((1, *forma_entrada), dtype=dtype, device=dispositivo))
    except RuntimeError as erro:
        raise ValueError(
            f"O modelo não aceita uma entrada de forma {formatar_forma(forma_entrada)} "
            f"(C×A×L = {forma_entrada}): {erro}"
        ) from erro
    finally:
        modelo.train(modo_original)
        for g in ganchos:
            g.remove()
    return TabelaCamadas(linhas, forma_entrada, torch.empty((), dtype=dtype).element_size(), rotulo_macs)
