"""Dispositivo, sementes, cronometragem e o laço de treino."""

import dataclasses
import math

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from redesconv.treino import (
    Lotes,
    Receita,
    avaliar,
    cronometrar,
    cronometrar_passo,
    descrever_dispositivo,
    dispositivos,
    escolher_dispositivo,
    fixar_sementes,
    inicializar_he,
    passo_de_treino,
    treinar,
    treinar_com_receita,
)


def test_dispositivo_padrao_e_forcado(monkeypatch):
    monkeypatch.delenv("REDESCONV_DISPOSITIVO", raising=False)
    esperado = "cuda" if torch.cuda.is_available() else "cpu"
    assert escolher_dispositivo().type == esperado
    assert escolher_dispositivo("cpu").type == "cpu"
    monkeypatch.setenv("REDESCONV_DISPOSITIVO", "cpu")
    assert escolher_dispositivo().type == "cpu"
    assert descrever_dispositivo(torch.device("cpu")).startswith("CPU")


def test_descricao_da_cpu_concorda_no_singular_e_no_plural(monkeypatch):
    antes = torch.get_num_threads()
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    try:
        torch.set_num_threads(1)
        assert descrever_dispositivo("cpu") == "CPU (1 núcleo lógico, 1 linha de execução do PyTorch)"
        torch.set_num_threads(2)
        monkeypatch.setattr("os.cpu_count", lambda: 4)
        assert descrever_dispositivo("cpu") == "CPU (4 núcleos lógicos, 2 linhas de execução do PyTorch)"
    finally:
        torch.set_num_threads(antes)


@pytest.mark.skipif(torch.cuda.is_available(), reason="só faz sentido sem GPU")
def test_pedir_gpu_sem_gpu_explica():
    with pytest.raises(RuntimeError, match="não há GPU disponível"):
        escolher_dispositivo("cuda")


def test_sementes_reproduzem():
    fixar_sementes(123)
    a = torch.randn(5)
    fixar_sementes(123)
    assert torch.equal(a, torch.randn(5))
    assert torch.equal(a, torch.randn(5, generator=torch.Generator().manual_seed(123)))  # é a semente pedida
    fixar_sementes(124)
    assert not torch.equal(a, torch.randn(5))


def test_dispositivo_forcado_pela_variavel_de_ambiente(monkeypatch):
    monkeypatch.setenv("REDESCONV_DISPOSITIVO", "meta")  # um dispositivo que nunca é o padrão
    assert escolher_dispositivo().type == "meta"


def test_cronometrar():
    chamadas = []
    medida = cronometrar(lambda: chamadas.append(1), "cpu", repeticoes=4, aquecimento=2)
    assert len(chamadas) == 6 and len(medida.tempos) == 4
    assert min(medida.tempos) <= medida.mediana <= max(medida.tempos)
    assert "mediana de 4 repetições" in str(medida)
    with pytest.raises(ValueError):
        cronometrar(lambda: None, "cpu", repeticoes=0)


def _dados_separaveis(n=256):
    gerador = torch.Generator().manual_seed(0)
    x = torch.randn(n, 2, generator=gerador)
    y = (x[:, 0] + x[:, 1] > 0).long()
    return DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True, generator=gerador)


def test_treinar_aprende_um_problema_facil():
    fixar_sementes(0)
    modelo = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    carregador = _dados_separaveis()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.1, momentum=0.9)
    agendador = torch.optim.lr_scheduler.StepLR(otimizador, step_size=1, gamma=0.5)
    historico = treinar(modelo, carregador, carregador, otimizador, epocas=3, dispositivo="cpu", agendador=agendador)
    assert len(historico.perda_treino) == len(historico.acuracia_teste) == len(historico.segundos_por_epoca) == 3
    assert historico.acuracia_teste[-1] > 0.9
    assert historico.perda_treino[-1] < historico.perda_treino[0]
    assert otimizador.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5**3)
    perda, acuracia = avaliar(modelo, carregador, "cpu")
    assert acuracia == pytest.approx(historico.acuracia_teste[-1])


def test_treinar_com_plateau_recebe_a_perda_de_teste():
    """O ReduceLROnPlateau acompanha o erro de validação (a perda de teste), não o de treino."""

    class Registrador(torch.optim.lr_scheduler.ReduceLROnPlateau):
        def step(self, metrica):
            self.recebidas = [*getattr(self, "recebidas", []), metrica]
            super().step(metrica)

    fixar_sementes(0)
    modelo = nn.Linear(2, 2)
    treino, teste = _dados_separaveis(64), _dados_separaveis(96)
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.01)
    agendador = Registrador(otimizador, patience=0)
    h = treinar(modelo, treino, teste, otimizador, epocas=3, dispositivo="cpu", agendador=agendador)
    assert agendador.recebidas == h.perda_teste != h.perda_treino


def test_lotes_cobrem_todos_os_exemplos_sem_descartar_o_ultimo():
    x, y = torch.arange(10).float().view(10, 1), torch.arange(10)
    lotes = Lotes(x, y, 4, embaralhar=True, semente=3)
    tamanhos = [len(yb) for _, yb in lotes]
    assert tamanhos == [4, 4, 2] and len(lotes) == 3
    vistos = torch.cat([yb for _, yb in lotes])
    assert sorted(vistos.tolist()) == list(range(10)) and vistos.tolist() != list(range(10))
    assert all(torch.equal(xb.view(-1).long(), yb) for xb, yb in lotes)  # x e y continuam pareados
    outra = [yb.tolist() for _, yb in Lotes(x, y, 4, embaralhar=True, semente=3)]
    assert outra == [yb.tolist() for _, yb in Lotes(x, y, 4, embaralhar=True, semente=3)]  # semente reproduz
    assert [yb.tolist() for _, yb in Lotes(x, y, 4)] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    with pytest.raises(ValueError, match="mesmo número"):
        Lotes(x, y[:5], 4)


def test_avaliar_roda_em_modo_de_avaliacao():
    modos = []

    class Espiao(nn.Module):
        def forward(self, x):
            modos.append(self.training)
            return x

    modelo = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.9), Espiao()).train()
    carregador = _dados_separaveis(64)
    primeira = avaliar(modelo, carregador, "cpu")
    assert modos and not any(modos)
    assert avaliar(modelo, carregador, "cpu") == pytest.approx(primeira)  # sem dropout ativo, não muda


def test_entradas_invalidas():
    modelo = nn.Linear(2, 2)
    with pytest.raises(ValueError, match="epocas"):
        treinar(modelo, [], [], torch.optim.SGD(modelo.parameters(), lr=0.1), epocas=0, dispositivo="cpu")
    with pytest.raises(ValueError, match="vazio"):
        avaliar(modelo, [], "cpu")


def test_barra_de_progresso_desligada_pela_variavel(monkeypatch):
    from redesconv.treino import _barra_desligada

    monkeypatch.setenv("TQDM_DISABLE", "1")
    assert _barra_desligada()
    monkeypatch.setenv("TQDM_DISABLE", "0")
    assert not _barra_desligada()
    monkeypatch.delenv("TQDM_DISABLE")
    assert not _barra_desligada()


def test_inicializar_he_zera_vieses_e_usa_variancia_2_sobre_fan_in():
    import torch
    from torch import nn

    from redesconv.treino import inicializar_he

    torch.manual_seed(0)
    rede = nn.Sequential(nn.Conv2d(16, 64, 3), nn.ReLU(), nn.Flatten(), nn.Linear(400, 300, bias=False))
    assert inicializar_he(rede) is rede
    conv, fc = rede[0], rede[3]
    assert torch.count_nonzero(conv.bias) == 0
    # desvio padrão de He: sqrt(2 / fan_in); fan_in = 16·3·3 = 144 na convolução, 400 na FC
    assert abs(conv.weight.std().item() - (2 / 144) ** 0.5) < 0.01
    assert abs(fc.weight.std().item() - (2 / 400) ** 0.5) < 0.005


def test_historico_registra_o_momento_e_a_taxa_usados_em_cada_passo():
    """O OneCycleLR faz o momento variar (0,95 → 0,85) se não for desligado: o histórico mostra."""
    carregador = _dados_separaveis(64)  # 2 lotes por época
    for ciclar, esperado in [(False, {0.9}), (True, None)]:
        fixar_sementes(0)
        modelo = nn.Linear(2, 2)
        otimizador = torch.optim.SGD(modelo.parameters(), lr=0.1, momentum=0.9, nesterov=True)
        agendador = torch.optim.lr_scheduler.OneCycleLR(otimizador, max_lr=0.1, total_steps=20, cycle_momentum=ciclar)
        h = treinar(
            modelo, carregador, carregador, otimizador, 10, "cpu", agendador=agendador, agendador_a_cada="passo"
        )
        assert len(h.taxa_por_passo) == len(h.momento_por_passo) == 20
        assert h.taxa_por_passo[0] == pytest.approx(0.1 / 25)  # OneCycleLR começa em max_lr/25
        assert max(h.taxa_por_passo) == pytest.approx(0.1)
        if esperado:
            assert set(h.momento_por_passo) == esperado
            assert h.descrever_otimizador().startswith(
                "momento 0,9 em todos os 20 passos; taxa de aprendizado de 0,004"
            )
        else:
            assert max(h.momento_por_passo) == pytest.approx(0.95) and min(h.momento_por_passo) < 0.9
            assert h.descrever_otimizador().startswith("momento entre 0,85")


def test_acuracias_de_treino_e_de_avaliacao_exatas():
    """Um modelo que sempre responde a classe 0 acerta exatamente a fração de zeros."""
    x = torch.zeros(10, 2)
    y = torch.tensor([0, 0, 0, 1, 1, 1, 1, 1, 1, 1])
    modelo = nn.Linear(2, 2)
    with torch.no_grad():
        modelo.weight.zero_()
        modelo.bias.copy_(torch.tensor([1.0, 0.0]))
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.0)  # nada muda durante o "treino"
    lotes = Lotes(x, y, 4)
    h = treinar(modelo, lotes, lotes, otimizador, 1, "cpu")
    assert h.acuracia_treino == [0.3] and h.acuracia_teste == [0.3]
    assert avaliar(modelo, lotes, "cpu")[1] == 0.3


# ---------------------------------------------------------------- a receita única dos capítulos
def _imagens(n, gerador):
    x = torch.randn(n, 1, 8, 8, generator=gerador)
    return x, (x.mean(dim=(1, 2, 3)) > 0).long()


def _rede_pequena():
    return nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 8 * 8, 2))


@pytest.mark.parametrize(
    "receita",
    [
        Receita(epocas=2, lote=16, taxa_max=0.05),
        Receita(epocas=2, lote=16, taxa_max=0.05, nesterov=True, suavizacao=0.1, momento=0.8),
        Receita(epocas=1, lote=32, taxa_max=0.1, decaimento=1e-3, inicializacao="he"),
    ],
    ids=["simples", "nesterov-suavizacao", "he"],
)
def test_receita_treina_como_a_montagem_explicita(receita):
    """treinar_com_receita dá, peso a peso, o mesmo modelo que montar SGD + OneCycleLR à mão."""
    gerador = torch.Generator().manual_seed(1)
    dados = (*_imagens(96, gerador), *_imagens(40, gerador))
    modelo, historico = treinar_com_receita(_rede_pequena, receita, dados, "cpu", semente=3)

    fixar_sementes(3)
    esperado = _rede_pequena()
    if receita.inicializacao == "he":
        inicializar_he(esperado)
    esperado = esperado.to(memory_format=torch.channels_last)
    treino = Lotes(dados[0], dados[1], receita.lote, embaralhar=True, semente=3)
    otimizador = torch.optim.SGD(
        esperado.parameters(), lr=receita.taxa_max, momentum=receita.momento, nesterov=receita.nesterov,
        weight_decay=receita.decaimento,
    )  # fmt: skip
    agendador = torch.optim.lr_scheduler.OneCycleLR(
        otimizador, max_lr=receita.taxa_max, total_steps=receita.epocas * len(treino), cycle_momentum=False
    )
    perda = nn.CrossEntropyLoss(label_smoothing=receita.suavizacao)
    h = treinar(esperado, treino, Lotes(dados[2], dados[3], 1000), otimizador, receita.epocas, "cpu", perda,
                agendador=agendador, agendador_a_cada="passo", formato_memoria=torch.channels_last)  # fmt: skip

    for a, b in zip(modelo.parameters(), esperado.parameters(), strict=True):
        assert torch.equal(a, b)
    assert historico.perda_treino == h.perda_treino and historico.acuracia_teste == h.acuracia_teste
    assert len(historico.taxa_por_passo) == receita.epocas * len(treino)
    assert max(historico.taxa_por_passo) == pytest.approx(receita.taxa_max, rel=0.02)
    assert set(historico.momento_por_passo) == {receita.momento}
    assert next(modelo.parameters()).is_contiguous(memory_format=torch.channels_last)


def test_receita_diferente_muda_o_treino():
    """Cada hiperparâmetro chega ao treino: mudá-lo muda os pesos finais."""
    gerador = torch.Generator().manual_seed(1)
    dados = (*_imagens(64, gerador), *_imagens(16, gerador))
    base = Receita(epocas=1, lote=16, taxa_max=0.05)
    referencia, _ = treinar_com_receita(_rede_pequena, base, dados, "cpu")
    for mudanca in [
        {"nesterov": True}, {"suavizacao": 0.2}, {"decaimento": 0.05}, {"momento": 0.5},
        {"inicializacao": "he"}, {"lote": 32}, {"taxa_max": 0.01},
    ]:  # fmt: skip
        outro, _ = treinar_com_receita(_rede_pequena, dataclasses.replace(base, **mudanca), dados, "cpu")
        iguais = all(torch.equal(a, b) for a, b in zip(referencia.parameters(), outro.parameters(), strict=True))
        assert not iguais, mudanca


@pytest.mark.parametrize(
    ("campos", "trecho"),
    [
        ({"epocas": 0}, "epocas deve ser um inteiro ≥ 1"),
        ({"lote": 2.5}, "lote deve ser um inteiro ≥ 1"),
        ({"taxa_max": 0}, "taxa_max deve ser > 0"),
        ({"momento": 1.0}, "momento deve estar em [0, 1)"),
        ({"suavizacao": -0.1}, "suavizacao deve estar em [0, 1)"),
        ({"decaimento": -1e-4}, "decaimento deve ser ≥ 0"),
        ({"inicializacao": "kaiming"}, 'inicializacao deve ser "padrao", "construtor" ou "he"'),
    ],
)
def test_receita_invalida_explica_em_portugues(campos, trecho):
    with pytest.raises(ValueError, match="Receita inválida") as erro:
        Receita(**{"epocas": 1, "lote": 8, "taxa_max": 0.1, **campos})
    assert trecho in str(erro.value)


def test_receita_se_descreve_em_portugues():
    texto = str(Receita(epocas=10, lote=256, taxa_max=0.1, nesterov=True, suavizacao=0.1))
    assert texto == (
        "épocas 10, lote 256, taxa máxima 0,1, momento 0,9 (Nesterov), decaimento de pesos 5·10⁻⁴, "
        "suavização de rótulos 0,1, inicialização padrão do PyTorch"
    )


def test_receita_que_nao_reinicializa_diz_que_a_inicializacao_e_a_do_construtor():
    """A LeNet de 1998 se inicializa no construtor: a receita do capítulo 2 não pode dizer "do PyTorch"."""
    from redesconv.receitas import RECEITA_LENET

    assert str(RECEITA_LENET).endswith("inicialização a do construtor de cada rede (sem reinicializar)")
    assert "PyTorch" not in str(RECEITA_LENET)
    # "construtor" e "padrao" treinam igual, peso a peso (nenhuma das duas reinicializa a rede)
    gerador = torch.Generator().manual_seed(1)
    dados = (*_imagens(64, gerador), *_imagens(16, gerador))
    base = Receita(epocas=1, lote=16, taxa_max=0.05)
    a, _ = treinar_com_receita(_rede_pequena, base, dados, "cpu")
    b, _ = treinar_com_receita(_rede_pequena, dataclasses.replace(base, inicializacao="construtor"), dados, "cpu")
    assert all(torch.equal(x, y) for x, y in zip(a.parameters(), b.parameters(), strict=True))


def test_passo_de_treino_e_sua_cronometragem():
    rede = _rede_pequena()
    medida = cronometrar_passo(rede, (1, 8, 8), lote=4, dispositivo="cpu", classes=2, repeticoes=2, aquecimento=0)
    assert len(medida.tempos) == 2
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in rede.parameters())
    x, y = _imagens(4, torch.Generator().manual_seed(0))
    antes = [p.detach().clone() for p in rede.parameters()]
    passo_de_treino(rede, x, y)
    assert all(torch.equal(a, p) for a, p in zip(antes, rede.parameters(), strict=True))  # não atualiza os pesos
    esperado = [torch.autograd.grad(nn.functional.cross_entropy(rede(x), y), list(rede.parameters()))]
    assert all(torch.allclose(g, p.grad) for g, p in zip(esperado[0], rede.parameters(), strict=True))


def test_dispositivos_tem_a_cpu_e_a_gpu_so_quando_existe(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert dispositivos() == [torch.device("cpu")]
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert dispositivos() == [torch.device("cpu"), torch.device("cuda")]


# ------------------------------------------- conferidos contra referências independentes (issue 23)
class _Modos(nn.Module):
    """Uma camada linear que anota, a cada chamada, o modo (treino/avaliação) e o tamanho do lote."""

    def __init__(self, entradas=2):
        super().__init__()
        self.linear = nn.Linear(entradas, 2)
        self.chamadas = []

    def forward(self, x):
        self.chamadas.append((self.training, len(x)))
        return self.linear(x.flatten(1))


def test_treino_em_modo_de_treino_em_toda_epoca_e_avaliacao_em_modo_de_avaliacao():
    """Cada época treina no modo de treino (mesmo depois da avaliação da época anterior) e avalia sem ele."""
    gerador = torch.Generator().manual_seed(0)
    treino = Lotes(torch.randn(10, 2, generator=gerador), torch.randint(0, 2, (10,), generator=gerador), 4)
    teste = Lotes(torch.randn(6, 2, generator=gerador), torch.randint(0, 2, (6,), generator=gerador), 3)
    modelo = _Modos()
    treinar(modelo, treino, teste, torch.optim.SGD(modelo.parameters(), lr=0.1), 3, "cpu")
    uma_epoca = [(True, 4), (True, 4), (True, 2), (False, 3), (False, 3)]
    assert modelo.chamadas == uma_epoca * 3


def test_dropout_ativo_no_treino_e_desligado_na_avaliacao():
    """Com dropout p=1 no treino tudo vira zero (perda = ln 2 com vieses zerados); na avaliação não muda nada."""
    gerador = torch.Generator().manual_seed(0)
    x, y = torch.randn(12, 2, generator=gerador), torch.randint(0, 2, (12,), generator=gerador)
    modelo = nn.Sequential(nn.Dropout(1.0), nn.Linear(2, 2))
    with torch.no_grad():
        modelo[1].bias.zero_()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.0)
    h = treinar(modelo, Lotes(x, y, 5), Lotes(x, y, 5), otimizador, 2, "cpu")
    assert h.perda_treino == pytest.approx([math.log(2)] * 2)  # as saídas de treino são só o viés (zero)
    assert h.perda_teste == pytest.approx([nn.functional.cross_entropy(modelo[1](x), y).item()] * 2)


@pytest.mark.parametrize("suavizacao", [0.0, 0.1])
def test_perdas_sao_a_entropia_cruzada_do_conjunto_todo_com_o_ultimo_lote_menor(suavizacao):
    """10 exemplos em lotes de 4 (4, 4, 2): a perda média é a de F.cross_entropy sobre os 10 de uma vez."""
    gerador = torch.Generator().manual_seed(2)
    x, y = torch.randn(10, 3, generator=gerador), torch.tensor([0, 1, 2, 2, 1, 0, 2, 2, 2, 2])
    modelo = nn.Linear(3, 3)
    perda = nn.CrossEntropyLoss(label_smoothing=suavizacao)
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.0)  # os pesos não mudam: treino e teste comparáveis
    h = treinar(modelo, Lotes(x, y, 4), Lotes(x, y, 4), otimizador, 1, "cpu", perda)
    with torch.no_grad():
        esperada = nn.functional.cross_entropy(modelo(x), y, label_smoothing=suavizacao).item()
    assert h.perda_teste == [pytest.approx(esperada, rel=1e-6)]
    assert h.perda_treino == [pytest.approx(esperada, rel=1e-6)]
    assert avaliar(modelo, Lotes(x, y, 4), "cpu", perda)[0] == pytest.approx(esperada, rel=1e-6)
    assert avaliar(modelo, Lotes(x, y, 3), "cpu", perda)[0] == pytest.approx(esperada, rel=1e-6)  # 3, 3, 3, 1


def test_receita_da_um_passo_por_lote_com_o_ultimo_incompleto_e_o_ciclo_termina_no_ultimo():
    """10 exemplos, lote 4, 3 épocas: ⌈10/4⌉ = 3 passos por época, 9 no todo; o OneCycleLR termina no
    último passo na taxa mínima, max_lr/25/10⁴ (os padrões div_factor e final_div_factor do PyTorch)."""
    gerador = torch.Generator().manual_seed(0)
    x, y = torch.randn(10, 1, 2, 2, generator=gerador), torch.randint(0, 2, (10,), generator=gerador)
    modelos = []

    def construir():
        modelos.append(_Modos(entradas=4))
        return modelos[-1]

    receita = Receita(epocas=3, lote=4, taxa_max=0.1)
    _, h = treinar_com_receita(construir, receita, (x, y, x, y), "cpu")
    passos = 3 * math.ceil(10 / 4)
    assert sum(treino for treino, _ in modelos[0].chamadas) == passos == 9
    assert len(h.taxa_por_passo) == passos
    assert h.taxa_por_passo[0] == pytest.approx(0.1 / 25)
    assert h.taxa_por_passo[-1] == pytest.approx(0.1 / 25 / 1e4)
    assert 0.09 < max(h.taxa_por_passo) <= 0.1  # o pico cai entre dois passos (0,3·9 − 1 = 1,7)
