# Comandos do curso. Todos criam o ambiente .venv na primeira vez (Python 3.11+).
#   make book   constrói o site em _build/html
#   make site   o site completo, como é publicado: livro, slides e PDF (make pdf é o mesmo)
#   make test   todos os testes (unidade, propriedade, cadernos com nbval, livro estrito, lint)
#   make test-rapido  só os testes de unidade e de propriedade (o ciclo curto; não substitui make test)
#   make lab    abre o JupyterLab nos cadernos
#   make cadernos  reexecuta os cadernos (CPU, kernel limpo) e grava as saídas
#   make bench  benchmarks (não fazem parte de make test): escreve bench/resultados-<máquina>.json
#   make mutacoes  planta erros no pacote e confere que os testes acusam cada um
#   make mutacoes-independentes  as 30 mutações de um revisor que leu só o código (meta ≥ 90%)
#   make experimentos  as ablações (ReLU × tanh, dropout, LRN, 3×3, profundidade…): ≤ 30 min
#   make colab  atualiza selos e instalação do Colab a partir da URL em _config.yml
#               (make colab URL=https://github.com/dono/repo  troca a URL antes)
#   make colab-test  executa os cadernos na pilha do Colab (Python 3.13, torch 2.11…; ~15 min)
#   make clean  apaga o que foi gerado (não apaga o .venv; use `make distclean`)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PRONTO := $(VENV)/.instalado

# Saídas reproduzíveis nos testes: CPU, sem barras de progresso.
export TQDM_DISABLE := 1

.PHONY: book site test test-rapido lab bench cadernos colab colab-test experimentos lint mutacoes mutacoes-independentes slides pdf clean distclean

$(PRONTO): requirements.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	@touch $@

VENDOR := _vendor/.completo

$(VENDOR): tools/vendorizar.py | $(PRONTO)
	$(BIN)/python tools/vendorizar.py
	@touch $@

book: $(PRONTO) $(VENDOR)
	@# sempre do zero (≈ 10 s): numa construção incremental, o Sphinx 7.4 não recopia um arquivo de
	@# book/_static já copiado, e a mudança não chegaria ao site
	rm -rf _build
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "Site pronto: file://$(CURDIR)/_build/html/index.html"

# As apresentações: cada capítulo vira um deck reveal.js em _build/html/slides/ (publicado com o site).
slides: $(PRONTO) $(VENDOR)
	$(BIN)/python tools/slides.py

# O site completo, como o workflow do site o publica: livro (do zero), apresentações e o PDF, nessa
# ordem — o PDF é impresso do site já construído, e nada apaga os slides depois de gerados.
site: book
	$(BIN)/python tools/slides.py
	$(BIN)/python tools/pdf.py
	@echo "Site completo (livro, slides e PDF): file://$(CURDIR)/_build/html/index.html"

# O livro inteiro num PDF (capa, sumário, capítulos), impresso do site pelo Chromium do Debian,
# em _build/html/livro.pdf (o link "Baixar o livro em PDF" do site); ~15 s + ~15 s + ~30 s. O site é
# reconstruído do zero, então os slides são gerados de novo (a construção os apagaria): `make pdf`
# é o mesmo que `make site`.
pdf: site

lint: $(PRONTO)
	$(BIN)/ruff check src tests tools bench experimentos book/_ext notebooks
	$(BIN)/ruff format --check src tests tools bench experimentos book/_ext notebooks
	$(BIN)/python tools/colab.py

# Dois processos (pytest-xdist; cada arquivo — cada caderno — inteiro num processo, na ordem) e uma
# thread do torch por processo: numa máquina ocupada, duas threads por processo disputam os núcleos e
# o treino fica até 2,6× mais lento. `make cadernos` grava as saídas também com uma thread, no mesmo
# ambiente em que o nbval as confere (tools/executar_cadernos.py diz por quê).
TESTE_PROCESSOS ?= 2

test: $(PRONTO) $(VENDOR) lint
	CUDA_VISIBLE_DEVICES= OMP_NUM_THREADS=1 $(BIN)/python -m pytest tests notebooks \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		-p no:cacheprovider -n $(TESTE_PROCESSOS) --dist loadfile --durations=25

# O ciclo curto de quem contribui: só os testes de unidade e de propriedade, sem reexecutar os
# cadernos (nbval), sem construir o livro e sem navegador. Não substitui `make test`.
test-rapido: $(PRONTO)
	CUDA_VISIBLE_DEVICES= OMP_NUM_THREADS=1 $(BIN)/python -m pytest tests -m "not livro" \
		--ignore=tests/test_site.py --ignore=tests/test_slides.py --ignore=tests/test_pdf.py \
		-p no:cacheprovider -n $(TESTE_PROCESSOS)

lab: $(PRONTO)
	$(BIN)/jupyter lab notebooks/

# O capítulo 5 lê bench/resultados-*.json. Depois de um `make bench` que mude esses arquivos,
# o nbval acusa o capítulo 5 desatualizado até que se rode
#   make cadernos CADERNOS=notebooks/05-lenet-alexnet-vgg.ipynb
# (sem ciclo: o benchmark não reexecuta o capítulo, e o capítulo só lê os arquivos).
bench: $(PRONTO)
	$(BIN)/python -m bench.lenet
	$(BIN)/python -m bench.alexnet
	$(BIN)/python -m bench.vgg
	$(BIN)/python -m bench.modelos
	$(BIN)/python -m bench.tempos

CADERNOS ?= $(wildcard notebooks/*.ipynb)

cadernos: $(PRONTO)
	$(BIN)/python tools/executar_cadernos.py $(CADERNOS)
	$(BIN)/python tools/limpar_metadados.py $(CADERNOS)

# Mutações plantadas no pacote: os testes precisam acusar cada uma (fora de make test; ~10 min).
mutacoes: $(PRONTO)
	$(BIN)/python tests/mutacoes.py

# As 30 mutações de um revisor que leu só o código (tests/mutacoes_independentes.py); ~10 min.
mutacoes-independentes: $(PRONTO)
	$(BIN)/python tests/mutacoes.py --independentes

# Fora de make test: cada ablação com 3 sementes, em um processo por núcleo; grava
# experimentos/resultados-<máquina>.json (e .md). Uma só: make experimentos ABLACOES=ativacao
experimentos: $(PRONTO)
	$(BIN)/python -m experimentos $(ABLACOES)

colab: $(PRONTO)
	$(BIN)/python tools/colab.py --corrigir $(if $(URL),--url $(URL))

# Fora de make test (lento): monta .venv-colab com a pilha do Colab e executa cada caderno como lá.
colab-test: $(PRONTO)
	$(BIN)/python tools/colab_teste.py --relatorio relatorios/colab-teste.md

clean:
	rm -rf _build _vendor .vendor-testes .vendor-slides .pytest_cache .ruff_cache .hypothesis notebooks/dados dados

distclean: clean
	rm -rf $(VENV) .venv-colab
