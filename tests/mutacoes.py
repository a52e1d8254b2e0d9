"""Mutações do pacote: os testes precisam acusar cada erro plantado (make mutacoes).

Cada mutação troca um trecho exato de um arquivo por uma versão errada — o tipo de erro que
escapa numa revisão (um sinal, um +1, um parâmetro esquecido) —, roda **todos os arquivos de teste
que cobrem aquele arquivo** (``testes_que_cobrem``) e confere que algum falha. O arquivo original é
sempre restaurado. No fim, a taxa de mutantes mortos por módulo (meta do curso: ≥ 90%).

Dois conjuntos: ``MUTACOES``, escritas junto com os testes, e ``MUTACOES_INDEPENDENTES``
(tests/mutacoes_independentes.py), escritas por um revisor que leu só o código, não os testes —
a medida honesta de quanto a suíte pega os erros que ninguém roteirizou.

Uso:  python tests/mutacoes.py [módulo ...]            (as de MUTACOES)
      python tests/mutacoes.py --independentes [módulo ...]
"""

from __future__ import annotations

import ast
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutacao:
    modulo: str
    original: str
    mutante: str
    descricao: str
    caminho: str = ""  # outro arquivo que não src/redesconv/<modulo>.py (cadernos, _config.yml, tools/)

    @property
    def arquivo(self) -> Path:
        return RAIZ / self.caminho if self.caminho else RAIZ / "src" / "redesconv" / f"{self.modulo}.py"


# O que não é código do pacote: os testes que o cobrem são estes (as ferramentas e o Colab).
TESTES = {
    # o Colab: a célula de instalação, as importações, a URL e os resultados dentro do pacote
    "colab": ["tests/test_colab.py", "tests/test_cadernos.py::test_colab"],
    "slides": ["tests/test_slides.py"],
    "pdf": ["tests/test_pdf.py"],
}
# Os que constroem o livro inteiro (minutos por mutante): ficam de fora da busca automática. O que
# eles conferem do pacote (o explorador, os questionários) também tem testes diretos.
CONSTROEM_O_LIVRO = {"test_livro.py", "test_pdf.py", "test_prosa_renderizada.py", "test_site.py", "test_slides.py"}


def _nomes_publicos(arquivo: Path) -> set[str]:
    """As funções, classes e constantes de primeiro nível de um módulo Python (sem ``_``)."""
    nomes = set()
    for no in ast.parse(arquivo.read_text(encoding="utf-8")).body:
        if isinstance(no, ast.FunctionDef | ast.ClassDef):
            nomes.add(no.name)
        elif isinstance(no, ast.Assign | ast.AnnAssign):
            alvos = no.targets if isinstance(no, ast.Assign) else [no.target]
            nomes.update(a.id for a in alvos if isinstance(a, ast.Name))
    return {n for n in nomes if not n.startswith("_") and len(n) >= 4}


def testes_que_cobrem(mutacao: Mutacao) -> list[str]:
    """Todo arquivo de teste que usa o arquivo mutado: para um módulo do pacote, os que o importam
    ou chamam algum nome público dele; para um .js, os que o carregam. Sem um mapa escrito à mão
    (que deixava de fora, por exemplo, os testes de gráficos que também exercitam o treino)."""
    if mutacao.modulo in TESTES:
        return TESTES[mutacao.modulo]
    arquivo = mutacao.arquivo
    if arquivo.suffix == ".js":
        padrao = re.compile(re.escape(arquivo.name))
    else:
        nomes = _nomes_publicos(arquivo) | {f"redesconv.{arquivo.stem}", f"redesconv import {arquivo.stem}"}
        padrao = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(nomes)) + r")\b")
    achados = [
        f"tests/{t.name}"
        for t in sorted((RAIZ / "tests").glob("test_*.py"))
        if t.name not in CONSTROEM_O_LIVRO | {"test_mutacoes.py"} and padrao.search(t.read_text(encoding="utf-8"))
    ]
    if not achados:
        raise SystemExit(f"{mutacao.modulo}: nenhum arquivo de teste cobre {arquivo.relative_to(RAIZ)}")
    return achados


M = Mutacao
MUTACOES = [
    # aritmetica.py
    M("aritmetica", "efetivo = D * (F - 1) + 1", "efetivo = D * F", "tamanho do filtro dilatado errado"),
    M("aritmetica", "numerador = W + 2 * P - efetivo", "numerador = W + P - efetivo", "preenchimento de um lado só"),
    M(
        "aritmetica",
        'if arredondamento == "piso":\n        return numerador // S + 1',
        'if arredondamento == "piso":\n        return numerador // S + 2',
        "piso com +2",
    ),  # fmt: skip
    M("aritmetica", "if numerador % S != 0:", "if numerador % S > 1:", "exato aceita sobra de 1"),
    M("aritmetica", "saida = -(-numerador // S) + 1", "saida = numerador // S + 1", "teto vira piso"),
    M("aritmetica", "if (saida - 1) * S >= W + P:", "if (saida - 1) * S > W + P:", "regra da última janela"),
    M("aritmetica", "if P > F // 2:", "if P > F:", "preenchimento máximo do agrupamento"),
    M("aritmetica", "if numerador < 0:", "if numerador < -1:", "filtro maior que a entrada aceito"),
    M("aritmetica", 'P = _inteiro("P", P, 0)', 'P = _inteiro("P", P, -1)', "preenchimento negativo aceito"),
    M(
        "aritmetica",
        "if isinstance(valor, bool) or not isinstance(valor, numbers.Integral):",
        "if not isinstance(valor, numbers.Integral):",
        "bool aceito como inteiro",
    ),  # fmt: skip
    M(
        "aritmetica",
        "return (fa * fl * (C // grupos) + (1 if vies else 0)) * K",
        "return (fa * fl * C + (1 if vies else 0)) * K",
        "grupos ignorados nos parâmetros",
    ),  # fmt: skip
    M("aritmetica", "return (entradas + (1 if vies else 0)) * saidas", "return entradas * saidas", "FC sem viés"),
    M(
        "aritmetica",
        "return min(candidatos, key=lambda p: (abs(p - P), p))",
        "return max(candidatos, key=lambda p: (abs(p - P), p))",
        "sugestão de P mais distante",
    ),  # fmt: skip
    M(
        "aritmetica",
        "return min(divisores, key=lambda s: (abs(s - S), s))",
        "return max(divisores, key=lambda s: (abs(s - S), s))",
        "sugestão de S mais distante",
    ),  # fmt: skip
    M(
        "aritmetica",
        'raise ConfiguracaoInvalida(f"Na camada {camada}: {erro}") from None',
        "raise",
        "erro sem o nome da camada",
    ),  # fmt: skip
    M("aritmetica", "if C % grupos or K % grupos:", "if C % grupos:", "K não múltiplo de grupos aceito"),
    # resumo.py
    M(
        "resumo",
        "for p in modulo.parameters(recurse=False) if p.requires_grad)",
        "for p in modulo.parameters(recurse=False))",
        "parâmetros congelados contados",
    ),  # fmt: skip
    M(
        "resumo",
        "memoria_bytes=saida[0].numel() * saida.element_size(),",
        "memoria_bytes=saida[0].numel() * 4,",
        "memória sempre com 4 bytes",
    ),  # fmt: skip
    M(
        "resumo",
        "por_saida = (modulo.in_channels // modulo.groups)",
        "por_saida = (modulo.in_channels)",
        "MACs de convolução agrupada",
    ),  # fmt: skip
    M(
        "resumo",
        "return saida[0].numel() * modulo.in_features",
        "return saida[0].numel() * (modulo.in_features + 1)",
        "MACs da FC com o viés",
    ),  # fmt: skip
    M(
        "resumo",
        "saida.untyped_storage().data_ptr() == entradas[0].untyped_storage().data_ptr()",
        "saida.untyped_storage().data_ptr() != entradas[0].untyped_storage().data_ptr()",
        "compartilhada invertida",
    ),  # fmt: skip
    M(
        "resumo",
        "return self.ativacoes_entrada + sum(x.ativacoes for x in self.linhas if not x.compartilhada)",
        "return sum(x.ativacoes for x in self.linhas if not x.compartilhada)",
        "total sem a entrada",
    ),  # fmt: skip
    M("resumo", "            modelo.eval()\n", "            pass\n", "tabela no modo de treino"),
    M("resumo", "        modelo.train(modo_original)\n", "        pass\n", "modo original não restaurado"),
    M("resumo", "        forma = (a, l, c)", "        forma = (c, a, l)", "forma fora da notação da aula"),
    M(
        "resumo",
        "if not list(modulo.children()):  # só as camadas-folha",
        "if True:",
        "contêineres contados como camadas",
    ),  # fmt: skip
    # arquiteturas.py
    M("arquiteturas", "alpha=LRN_N * LRN_ALFA", "alpha=LRN_ALFA", "α da LRN sem o fator n"),
    M("arquiteturas", "size=LRN_N,", "size=3,", "tamanho da LRN"),
    M(
        "arquiteturas",
        '(nome, conv), (f"relu{numero}", nn.ReLU(inplace=True))]',
        '(nome, conv), (f"relu{numero}", nn.ReLU())]',
        "ReLU das CONV não in-place",
    ),  # fmt: skip
    M("arquiteturas", "if i != ultima_fc:", "if True:", "ReLU depois da última FC"),
    M("arquiteturas", "entradas_fc = canais * lado * lado", "entradas_fc = canais * lado", "achatamento errado"),
    M(
        "arquiteturas",
        "resultado[-1], F, S, P, arredondamento",
        "resultado[-1], F, S, 0, arredondamento",
        "lado sem o preenchimento",
    ),  # fmt: skip
    M(
        "arquiteturas",
        "nn.MaxPool2d(item[1], item[2], ceil_mode",
        "nn.MaxPool2d(item[1], item[1], ceil_mode",
        "passo do agrupamento",
    ),
    M("arquiteturas", "nn.Dropout(item[1])", "nn.Dropout(0.0)", "dropout com p = 0"),
    M("arquiteturas", "if altura != largura:", "if False:", "entrada retangular aceita"),
    M("arquiteturas", 'in {"CONV", "FC"} for i, item', 'in {"CONV"} for i, item', "profundidade sem as FC"),
    M("arquiteturas", "groups=grupos[0] if grupos else 1", "groups=1", "grupos ignorados"),
    M("arquiteturas", 'resultado.append(f"fc{bloco - 1 + fcs}")', 'resultado.append(f"fc{fcs}")', "fc14 na VGG"),
    M("arquiteturas", 'prefixo = "c" if fcs == 1 else "f"', 'prefixo = "f"', "C5 da LeNet vira f5"),
    M(
        "arquiteturas",
        "pesos + (1 if antes or fcs == 0 else 0)",
        "pesos + 1",
        "dropout com o número da FC seguinte",
    ),  # fmt: skip
    M("arquiteturas", "salto *= S", "salto += S", "campo receptivo sem o passo acumulado"),
    # redes.py
    M("redes", "g = (grupos,) if grupos != 1 else ()", "g = ()", "AlexNet sem as duas GPUs"),
    M("redes", "bloco_vgg(K // escala, 1, F)", "bloco_vgg(K, 1, F)", "escala da VGG ignorada"),
    M("redes", '("CONV", k3, 3, 1, 1), ("CONV", k4', '("CONV", k3, 3, 1, 1, *g), ("CONV", k4', "CONV3 agrupada"),
    M("redes", '[("FC", fc)] + queda,) * 2', '[("FC", fc)],) * 2', "AlexNet sem dropout"),
    M("redes", '("CONV", 16, F, S, 0)', '("CONV", 16, F, S, P)', "C3 da LeNet com preenchimento"),
    # treino.py
    M("treino", "nesterov=receita.nesterov,", "nesterov=False,", "receita sem Nesterov"),
    M("treino", "label_smoothing=receita.suavizacao", "label_smoothing=0.0", "receita sem suavização"),
    M("treino", 'if receita.inicializacao == "he":', "if False:", "receita sem a inicialização de He"),
    M("treino", "weight_decay=receita.decaimento,", "weight_decay=0.0,", "receita sem decaimento"),
    M(
        "treino",
        "total_steps=receita.epocas * len(treino),",
        "total_steps=receita.epocas * len(treino) + 50,",
        "ciclo da taxa mais longo que o treino",
    ),  # fmt: skip
    M("treino", "if not 0 <= self.momento < 1:", "if False:", "momento inválido aceito"),
    M("treino", "cross_entropy(rede(x), y).backward()", "cross_entropy(rede(x), y)", "passo cronometrado sem a volta"),
    M(
        "treino",
        "return -(-len(self.x) // self.tamanho_lote)",
        "return len(self.x) // self.tamanho_lote",
        "número de lotes sem o último",
    ),  # fmt: skip
    M(
        "treino",
        "for inicio in range(0, n, self.tamanho_lote):",
        "for inicio in range(0, n - self.tamanho_lote + 1, self.tamanho_lote):",
        "último lote descartado",
    ),  # fmt: skip
    M(
        "treino",
        "ordem = torch.randperm(n, generator=self.gerador) if self.embaralhar else torch.arange(n)",
        "ordem = torch.randperm(n) if self.embaralhar else torch.arange(n)",
        "embaralhamento sem semente",
    ),  # fmt: skip
    M("treino", "    modelo.eval()\n    soma_perda", "    modelo.train()\n    soma_perda", "avaliar em modo de treino"),
    M(
        "treino",
        "agendador.step(perda_teste)",
        "agendador.step(historico.perda_treino[-1])",
        "plateau com a perda de treino",
    ),  # fmt: skip
    M(
        "treino",
        "historico.acuracia_treino.append(acertos.item() / total)",
        "historico.acuracia_treino.append(acertos.item() / (total + 1))",
        "acurácia de treino errada",
    ),  # fmt: skip
    M(
        "treino",
        'if agendador is not None and agendador_a_cada == "passo":',
        "if False:",
        "agendador por passo ignorado",
    ),
    M(
        "treino",
        'historico.taxa_por_passo.append(float(grupo["lr"]))',
        'historico.taxa_por_passo.append(float(grupo["lr"]) * 1.001)',
        "taxa registrada errada",
    ),  # fmt: skip
    M(
        "treino",
        'historico.momento_por_passo.append(float(grupo.get("momentum", grupo.get("betas", (0.0,))[0])))',
        "historico.momento_por_passo.append(0.9)",
        "momento registrado fixo",
    ),  # fmt: skip
    M("treino", "    torch.manual_seed(semente)", "    torch.manual_seed(0)", "semente ignorada"),
    M("treino", "    for _ in range(aquecimento):", "    for _ in range(0):", "aquecimento ignorado"),
    M(
        "treino",
        'nn.init.kaiming_normal_(camada.weight, nonlinearity="relu")',
        'nn.init.kaiming_normal_(camada.weight, nonlinearity="linear")',
        "He sem o ganho da ReLU",
    ),  # fmt: skip
    M("treino", "                nn.init.zeros_(camada.bias)", "                pass", "vieses não zerados"),
    M("treino", "if len(momentos) == 1:", "if True:", "momento variável descrito como constante"),
    M(
        "treino",
        'escolha = preferencia or os.environ.get("REDESCONV_DISPOSITIVO")',
        "escolha = preferencia",
        "variável de ambiente ignorada",
    ),  # fmt: skip
    M(
        "treino",
        "return soma_perda / total, acertos / total",
        "return soma_perda / total, acertos / max(total - 1, 1)",
        "acurácia de avaliação errada",
    ),  # fmt: skip
]


# Erros no que garante que os cadernos rodam no Colab (issue 14): nos próprios cadernos (o texto
# JSON deles), em _config.yml, em tools/colab.py, no setup.py e em redesconv/gravados.py.
CADERNO = "notebooks/{}.ipynb"
MUTACOES += [
    M("colab", r'\"--no-deps\", PACOTE]', "PACOTE]", "instalação sem --no-deps", CADERNO.format("02-lenet")),
    M("colab", "PACOTE], capture_output", r'PACOTE, \"torch\"], capture_output', "reinstala o torch",
      CADERNO.format("03-alexnet")),
    M("colab", "PACOTE], capture_output", r'PACOTE, \"torchinfo==1.8.0\"], capture_output',
      "extra com versão fixada", CADERNO.format("04-vgg")),
    M("colab", r'if \"google.colab\" in sys.modules:', "if True:", "instala também fora do Colab",
      CADERNO.format("01-aritmetica-da-convolucao")),
    M("colab", r'"from redesconv.gravados import ler_gravados\n",',
      r'"from redesconv.gravados import ler_gravados\n", "import torchinfo\n",',
      "importa o que o Colab não tem", CADERNO.format("05-lenet-alexnet-vgg")),
    M("colab", "url: https://github.com/exemplo-curso/redes-convolucionais\n",
      "url: https://github.com/outra/copia\n", "URL em _config.yml sem os cadernos", "_config.yml"),
    M("colab", "if gravada.lower() == esperada.lower():", "if gravada.lower() != esperada.lower():",
      "URL de outro repositório aceita no GitHub", "tools/colab.py"),
    M("colab", 'if "--no-deps" not in args:', "if False:", "verificador sem --no-deps", "tools/colab.py"),
    M("colab", "if modulo in sys.stdlib_module_names or modulo in MODULOS_DO_COLAB:",
      "if modulo in sys.stdlib_module_names or modulo in MODULOS_DO_COLAB or modulo.startswith('torch'):",
      "verificador de importações aceita qualquer torch*", "tools/colab.py"),
    M("colab", "self.copy_file(str(arquivo), str(destino / arquivo.name))", "pass",
      "resultados gravados fora do pacote", "setup.py"),
    M("colab", "arquivos = sorted(pasta.glob(padrao))", 'arquivos = sorted(pasta.glob("*.json"))',
      "lê qualquer JSON como resultado", "src/redesconv/gravados.py"),
]  # fmt: skip


MUTACOES += [
    M("experimentos", "_trocar(rede, nn.LocalResponseNorm, nn.BatchNorm2d)",
      "_trocar(rede, nn.LocalResponseNorm, lambda c: nn.Identity())", "BatchNorm vira nada"),
    M("experimentos", '"acuracia_teste_desvio": desvio,', '"acuracia_teste_desvio": media,',
      "desvio trocado pela média"),
    M("experimentos", "if variante.aumento else None", "if False else None", "aumento de dados ignorado"),
    M("experimentos", "partial(recortar_e_espelhar, deslocamento=orcamento.deslocamento)",
      "partial(recortar_e_espelhar)", "deslocamento do orçamento ignorado"),
    M("experimentos", "alvo, janela) for e in execucoes]", "alvo) for e in execucoes]", "janela do orçamento ignorada"),
    M("experimentos", '"deslocamento": str(o["deslocamento"]),', '"deslocamento": str(o["janela"]),',
      "protocolo colado trocado"),
    M("experimentos", "if 1 - sum(acuracia_por_passo[i - janela : i]) / janela <= erro_alvo:",
      "if 1 - sum(acuracia_por_passo[i - janela : i]) / janela < erro_alvo - 0.01:", "alvo de erro deslocado"),
]  # fmt: skip

# questionario.js: a leitura do número digitado e a conferência (os testes rodam o JS no Node.js)
JS_QUESTIONARIO = "src/redesconv/questionario.js"
MUTACOES += [
    M("questionario", 't = t.replace(/\\./g, "").replace(",", ".");', 't = t.replace(",", ".");',
      "1.234,5 lido sem tirar o ponto dos milhares", JS_QUESTIONARIO),
    M("questionario", 't = t.replace(/\\./g, ""); // "1.516"', 't = t; // "1.516"', "1.516 lido como 1,516",
      JS_QUESTIONARIO),
    M("questionario", "return Math.abs(valor - certa) <= tolerancia", "return Math.abs(valor - certa) <= 1 +",
      "conferência aceita errar por 1", JS_QUESTIONARIO),
    M("questionario", 'if (t === "") return { erro: "Digite um número antes de conferir." };', "",
      "campo vazio sem o pedido de digitar", JS_QUESTIONARIO),
    M("questionario", "resposta_visivel = (", "resposta_visivel = '' and (", "resposta some de 'Ver a resposta'"),
]  # fmt: skip

# tools/slides.py: o fluxo dos slides (colagens resolvidas, sem código, sem exercícios)
SLIDES = "tools/slides.py"
MUTACOES += [
    M("slides", 'fonte = re.sub(r"\\{glue(?::text)?\\}`([^`]+)`", colagem, fonte)', "pass", "colagem crua nos slides",
      SLIDES),
    M("slides", '"Teste-se", "Exercícios", "Referências")', '"Teste-se", "Referências")', "exercícios nos slides",
      SLIDES),
    M("slides", 'celula.source = ""  # código fora: só a figura', "pass  # código fora: só a figura",
      "código nos slides", SLIDES),
    M("slides", 'celula.source = ""  # código fora: só o que', "pass  # código fora: só o que",
      "código anunciado nos slides", SLIDES),
    M("slides", "if anuncia(celula.source) and not anunciada:", "if False:", "anúncio do que o slide não mostra",
      SLIDES),
    M("slides", "cabeca, anuncio = _paragrafo_final(celula.source)", 'cabeca, anuncio = "", celula.source',
      "anúncio longe da saída, no fim de um slide cheio", SLIDES),
    M("slides", "anunciada = _saidas_anunciadas(seguinte) if", "anunciada = [] and _saidas_anunciadas(seguinte) if",
      "a saída anunciada fica fora do slide", SLIDES),
    M("slides", 'if saida.get("name") != "stdout" or', 'if saida.get("name") == "stdout" or',
      "avisos (stderr) no lugar do texto impresso", SLIDES),
    M("pdf", "    for pagina in paginas:\n        texto = (site",
      "    for pagina in paginas[::-1]:\n        texto = (site", "capítulos na ordem inversa", "tools/pdf.py"),
    M("pdf", ".bd-article h1 { display: block !important;", ".bd-article h1 { display: none !important;",
      "títulos escondidos na impressão", "tools/pdf.py"),
    # o papel não rola: código quebra a linha, o que não cabe encolhe, sem ficar miúdo
    M("pdf", "    white-space: pre-wrap !important;\n    overflow-wrap: anywhere", "    white-space: pre !important;\n"
      "    overflow-wrap: anywhere", "código sem quebrar a linha na impressão", "book/_static/estilo.css"),
    M("pdf", "    e.style.zoom = zoom;", "    void zoom;", "o que não cabe não encolhe", "tools/pdf.py"),
    M("pdf", "CODIGO_MINIMO = 0.8", "CODIGO_MINIMO = 0.4", "código encolhido até ficar miúdo", "tools/pdf.py"),
]  # fmt: skip


def aplicar_e_testar(mutacao: Mutacao) -> bool:
    """True se algum teste acusou a mutação (mutante morto)."""
    original = mutacao.arquivo.read_text(encoding="utf-8")
    if original.count(mutacao.original) != 1:
        raise SystemExit(f"{mutacao.modulo}: o trecho {mutacao.original!r} não aparece exatamente uma vez")
    try:
        mutacao.arquivo.write_text(original.replace(mutacao.original, mutacao.mutante), encoding="utf-8")
        processo = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                *testes_que_cobrem(mutacao),
                "-x",
                "-q",
                "-p",
                "no:cacheprovider",
                "-m",
                "not livro",
            ],
            cwd=RAIZ,
            capture_output=True,
            env={**os.environ, "TQDM_DISABLE": "1", "CUDA_VISIBLE_DEVICES": ""},
        )
        return processo.returncode != 0
    finally:
        mutacao.arquivo.write_text(original, encoding="utf-8")


def main(argv: list[str]) -> int:
    # Interrompido (Ctrl+C, kill), o programa ainda passa pelo `finally` que restaura o arquivo.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    conjunto = MUTACOES
    if "--independentes" in argv:
        from mutacoes_independentes import MUTACOES_INDEPENDENTES as conjunto

        argv = [a for a in argv if a != "--independentes"]
    modulos = argv or list(dict.fromkeys(m.modulo for m in conjunto))
    mortos: dict[str, list[bool]] = {m: [] for m in modulos}
    for mutacao in (m for m in conjunto if m.modulo in modulos):
        inicio = time.perf_counter()
        morto = aplicar_e_testar(mutacao)
        mortos[mutacao.modulo].append(morto)
        print(f"{'morto   ' if morto else 'SOBREVIVEU'} {mutacao.modulo:12} {mutacao.descricao} "
              f"({time.perf_counter() - inicio:.0f} s)", flush=True)  # fmt: skip
    print()
    for modulo, resultados in mortos.items():
        taxa = 100 * sum(resultados) / len(resultados)
        print(f"{modulo:12} {sum(resultados)}/{len(resultados)} mutantes mortos ({taxa:.0f}%)")
    total = [r for rs in mortos.values() for r in rs]
    print(f"{'total':12} {sum(total)}/{len(total)} ({100 * sum(total) / len(total):.0f}%)")
    return 0 if all(sum(r) / len(r) >= 0.9 for r in mortos.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
