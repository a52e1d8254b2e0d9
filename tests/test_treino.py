"""Dispositivo, sementes, cronometragem e o laço de treino."""

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from redesconv.treino import (
    Lotes,
    avaliar,
    cronometrar,
    descrever_dispositivo,
    escolher_dispositivo,
    fixar_sementes,
    treinar,
)


def test_dispositivo_padrao_e_forcado(monkeypatch):
    monkeypatch.delenv("REDESCONV_DISPOSITIVO", raising=False)
    esperado = "cuda" if torch.cuda.is_available() else "cpu"
    assert escolher_dispositivo().type == esperado
    assert escolher_dispositivo("cpu").type == "cpu"
    monkeypatch.setenv("REDESCONV_DISPOSITIVO", "cpu")
    assert escolher_dispositivo().type == "cpu"
    assert descrever_dispositivo(torch.device("cpu")).startswith("CPU")


@pytest.mark.skipif(torch.cuda.is_available(), reason="só faz sentido sem GPU")
def test_pedir_gpu_sem_gpu_explica():
    with pytest.raises(RuntimeError, match="não há GPU disponível"):
        escolher_dispositivo("cuda")


def test_sementes_reproduzem():
    fixar_sementes(123)
    a = torch.randn(5)
    fixar_sementes(123)
    assert torch.equal(a, torch.randn(5))


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
