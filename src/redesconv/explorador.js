// Explorador da aritmética da convolução que funciona sem kernel (no site estático).
// Espelha redesconv.aritmetica.tamanho_saida; os testes comparam os dois em milhares
// de configurações (tests/test_explorador_js.py), para que o site nunca mostre um
// número diferente do que o Python calcula.
"use strict";

function redesconvPlural(x, singular, plural) {
  // A palavra que concorda com x, como redesconv.formatacao.plural_br: singular abaixo de 2.
  return Math.abs(x) < 2 ? singular : plural;
}

function redesconvTamanhoSaida(W, F, S, P, D, modo, agrupamento = false) {
  // Devolve {valor: n} ou {erro: "mensagem em português"}. agrupamento: F é a janela de um
  // agrupamento (sem pesos), e a mensagem diz "janela" e não sugere outro passo.
  const nomes = { W: [W, 1], F: [F, 1], S: [S, 1], P: [P, 0], D: [D, 1] };
  for (const nome of Object.keys(nomes)) {
    const [v, minimo] = nomes[nome];
    if (!Number.isInteger(v)) return { erro: `${nome} deve ser um número inteiro.` };
    if (v < minimo) return { erro: `${nome} deve ser maior ou igual a ${minimo}, mas recebeu ${nome}=${v}.` };
  }
  const desc = `W=${W}, F=${F}, S=${S}, P=${P}` + (D !== 1 ? `, D=${D}` : "");
  const efetivo = D * (F - 1) + 1;
  const numerador = W + 2 * P - efetivo;
  const [oQue, dilatado, menor] = agrupamento
    ? ["a janela", "dilatada", "uma janela menor"]
    : ["o filtro", "dilatado", "um filtro menor"];
  const erroFiltroGrande = {
    erro: `Configuração inválida (${desc}): ${oQue}${D !== 1 ? " " + dilatado : ""} ocupa ${efetivo} ` +
      `posições, mais do que a entrada preenchida, W + 2P = ${W + 2 * P}. Use ${menor} ` +
      `ou aumente o preenchimento para pelo menos P=${Math.ceil((efetivo - W) / 2)}.`,
  };
  if (modo === "teto") {
    const metade = Math.floor(F / 2);
    if (P > metade) {
      return {
        erro: `Configuração inválida (${desc}): o agrupamento do PyTorch (nn.MaxPool2d) exige ` +
          `preenchimento de no máximo metade da janela, P ≤ ${metade}. Use P=${metade} ou menos.`,
      };
    }
    let saida = Math.ceil(numerador / S) + 1;
    if ((saida - 1) * S >= W + P) saida -= 1; // a última janela precisa começar dentro
    return saida < 1 ? erroFiltroGrande : { valor: saida };
  }
  if (numerador < 0) return erroFiltroGrande;
  if (modo === "piso") return { valor: Math.floor(numerador / S) + 1 };
  if (modo !== "exato") return { erro: `Modo de arredondamento desconhecido: ${modo}.` };
  if (numerador % S !== 0) {
    const sobra = numerador % S; // elementos do fim da entrada (preenchida) que o filtro não alcança
    const entrada = P === 0 ? "da entrada" : "da entrada preenchida";
    const sugestoes = [];
    let melhorP = null;
    for (let p = Math.max(0, P - S); p <= P + S; p++) {
      const n = W + 2 * p - efetivo;
      if (n >= 0 && n % S === 0) {
        if (melhorP === null || Math.abs(p - P) < Math.abs(melhorP - P)) melhorP = p;
      }
    }
    let nenhumP = "";
    if (melhorP !== null && agrupamento && melhorP > Math.floor(F / 2)) {
      // o nn.MaxPool2d recusa preenchimento maior que metade da janela
      nenhumP =
        `O preenchimento mais próximo que fecharia a conta, P=${melhorP}, passa do limite do ` +
        `nn.MaxPool2d para esta janela (P ≤ ${Math.floor(F / 2)}). `;
    } else if (melhorP !== null) sugestoes.push(`P=${melhorP}`);
    else {
      // S par e W − D·(F − 1) − 1 ímpar: somar 2P (par) nunca dá um múltiplo de S
      const base = W - efetivo;
      const soma = base >= 0 ? `${base} + 2P` : `2P − ${-base}`;
      // total de zeros (T ≡ −base mód S) mais perto dos 2P pedidos, dividido entre as bordas
      let total = null;
      for (let t = (((-base) % S) + S) % S; t <= 2 * P + S; t += S) {
        if (total === null || Math.abs(t - 2 * P) < Math.abs(total - 2 * P)) total = t;
      }
      nenhumP =
        `Nenhum preenchimento simétrico resolve: ${soma} é ímpar para todo P, e S=${S} é par; ` +
        `só um preenchimento assimétrico fecharia a conta: por exemplo, ${total} ` +
        `${agrupamento ? redesconvPlural(total, "posição", "posições") : redesconvPlural(total, "zero", "zeros")} no total, ${Math.floor(total / 2)} de um lado e ` +
        `${total - Math.floor(total / 2)} do outro. `;
    }
    let fim;
    if (agrupamento) {
      // outro passo mudaria o papel da camada (S=1 não reduz o mapa): as redes arredondam
      fim =
        (sugestoes.length ? `Valor válido mais próximo: ${sugestoes[0]}. ` : "") +
        `No agrupamento, o usual é arredondar: para baixo, descartando a sobra ` +
        `(arredondamento="piso", o padrão do nn.MaxPool2d), ou para cima, com uma última ` +
        `janela parcial (arredondamento="teto", o ceil_mode=True do nn.MaxPool2d).`;
    } else {
      let melhorS = 1;
      for (let s = 1; s <= Math.max(numerador, 1); s++) {
        if (numerador % s === 0 && Math.abs(s - S) < Math.abs(melhorS - S)) melhorS = s;
      }
      sugestoes.push(`S=${melhorS}`);
      fim =
        `Valor válido mais próximo: ${sugestoes.join(" ou ")}. (O PyTorch aceitaria e ` +
        `arredondaria para baixo: use arredondamento="piso" para ver esse valor.)`;
    }
    return {
      erro: `Configuração inválida (${desc}): (W + 2P − D·(F − 1) − 1)/S + 1 = ${numerador}/${S} + 1 ` +
        `não é inteiro — ${oQue} não percorre a entrada um número inteiro de passos e ` +
        `${redesconvPlural(sobra, "sobraria", "sobrariam")} ${sobra} ` +
        `${redesconvPlural(sobra, "elemento", "elementos")} ${entrada} na borda. ` +
        `${nenhumP}${fim}`,
    };
  }
  return { valor: numerador / S + 1 };
}

function redesconvMontarExplorador(raiz) {
  // Liga os controles de um explorador (<div id=raiz>) ao cálculo e ao desenho.
  const el = (sufixo) => document.getElementById(`${raiz}-${sufixo}`);
  const campos = ["W", "F", "S", "P", "D"];
  function atualizar(origem) {
    // Cada valor tem um controle deslizante e uma caixa: o que o leitor mexeu manda no outro. A
    // caixa aceita valores além do fim do deslizante (o P=11 que uma mensagem sugere, W=500…).
    const v = {};
    for (const c of campos) {
      const caixa = el(`${c}-caixa`);
      if (origem === caixa && caixa.value !== "") {
        el(c).value = caixa.value;
        v[c] = Number(caixa.value);
      } else {
        caixa.value = el(c).value;
        v[c] = Number(el(c).value);
      }
    }
    const modo = el("modo").value;
    const r = redesconvTamanhoSaida(v.W, v.F, v.S, v.P, v.D, modo);
    const saida = el("resultado");
    const faixa = el("faixa");
    faixa.replaceChildren();
    if (r.erro !== undefined) {
      saida.textContent = r.erro;
      saida.className = "redesconv-erro";
      return;
    }
    saida.className = "redesconv-ok";
    saida.textContent =
      `Tamanho de saída: ${r.valor} ` +
      `(W=${v.W}, F=${v.F}, S=${v.S}, P=${v.P}, D=${v.D}, modo ${modo}).`;
    // Desenho: a entrada preenchida e, abaixo, as primeiras posições do filtro.
    const total = v.W + 2 * v.P;
    const cobertos = new Set();
    for (let k = 0; k < r.valor; k++) for (let j = 0; j < v.F; j++) cobertos.add(k * v.S + v.D * j);
    const linha = (rotulo) => {
      const div = document.createElement("div");
      div.className = "redesconv-linha";
      const r0 = document.createElement("span");
      r0.className = "redesconv-rotulo";
      r0.textContent = rotulo;
      div.appendChild(r0);
      faixa.appendChild(div);
      return div;
    };
    const celula = (div, classe, texto) => {
      const c = document.createElement("span");
      c.className = `redesconv-celula ${classe}`;
      c.textContent = texto;
      div.appendChild(c);
    };
    if (total > 300) {
      linha(`(entrada preenchida com ${total} posições: o desenho foi omitido)`);
      return;
    }
    const entrada = linha("entrada");
    for (let i = 0; i < total; i++) {
      if (i < v.P || i >= v.P + v.W) celula(entrada, "redesconv-preenchimento", "0");
      else celula(entrada, cobertos.has(i) ? "" : "redesconv-sobra", String(i - v.P + 1));
    }
    const maxLinhas = 12;
    for (let k = 0; k < Math.min(r.valor, maxLinhas); k++) {
      const div = linha(`saída ${k + 1}`);
      const tocados = new Set();
      for (let j = 0; j < v.F; j++) tocados.add(k * v.S + v.D * j);
      const fim = Math.max(total, k * v.S + v.D * (v.F - 1) + 1);
      for (let i = 0; i < fim; i++) celula(div, tocados.has(i) ? "redesconv-filtro" : "redesconv-vazia", "");
    }
    if (r.valor > maxLinhas) linha(`… +${r.valor - maxLinhas} posições não desenhadas`);
  }
  for (const c of campos) {
    el(c).addEventListener("input", () => atualizar(el(c)));
    el(`${c}-caixa`).addEventListener("input", () => atualizar(el(`${c}-caixa`)));
  }
  el("modo").addEventListener("input", () => atualizar(null));
  atualizar(null);
}

// ---------------------------------------------------------------------------------------
// Explorador de uma rede inteira, sem kernel. A rede vem do pacote (redesconv.redes) como uma
// tabela na notação da aula — [["CONV", K, F, S, P], ["POOL", F, S], ["NORM"], ["FC", n], …] —
// com os nomes das camadas; um valor que é texto ("F1", "S") é o de um controle. Espelha
// rede_de_tabela + resumo_camadas (lados, formas e parâmetros); os testes comparam os dois.

function redesconvMilhar(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

function redesconvCalcularRede(tabela, nomes, canais, lado, modo) {
  // Devolve {linhas: [[nome, forma, parâmetros], …], total} ou {erro: "Na camada …: …"}.
  let C = canais;
  let W = lado;
  let vetor = null; // tamanho do vetor depois do achatamento (a parte totalmente conectada)
  const linhas = [];
  let total = 0;
  let erroGrupos = null; // como em rede_de_tabela: só vale se todos os lados fecharem (esses erros vêm antes)
  const forma = () => (vetor === null ? `${W}×${W}×${C}` : String(vetor));
  for (let i = 0; i < tabela.length; i++) {
    const [tipo, ...n] = tabela[i];
    const nome = nomes[i];
    if (tipo === "CONV" || tipo === "POOL") {
      const [F, S, P] = tipo === "CONV" ? n.slice(1, 4) : [n[0], n[1], 0];
      const r = redesconvTamanhoSaida(W, F, S, P, 1, modo, tipo === "POOL");
      if (r.erro !== undefined) return { erro: `Na camada ${nome.toUpperCase()}: ${r.erro}` };
      W = r.valor;
      if (tipo === "CONV") {
        const [K, F2, , , grupos = 1] = n;
        if ((C % grupos || K % grupos) && erroGrupos === null) {
          // a mensagem de aritmetica.parametros_conv: o PyTorch recusa grupos que não dividem C e K
          erroGrupos = {
            erro: `Na camada ${nome.toUpperCase()}: Com grupos=${grupos}, C=${C} e K=${K} precisam ser ` +
              `múltiplos de ${grupos}: cada grupo recebe C/grupos canais e produz K/grupos mapas de características.`,
          };
        }
        const parametros = (F2 * F2 * (C / grupos) + 1) * K;
        C = K;
        total += parametros;
        linhas.push([nome, forma(), parametros]);
      } else {
        linhas.push([nome, forma(), 0]);
      }
    } else if (tipo === "FC") {
      if (vetor === null) vetor = C * W * W;
      const parametros = (vetor + 1) * n[0];
      vetor = n[0];
      total += parametros;
      linhas.push([nome, forma(), parametros]);
    } else {
      if (tipo === "DROPOUT" && vetor === null) vetor = C * W * W;
      linhas.push([nome, forma(), 0]); // NORM e DROPOUT: sem parâmetros, a forma não muda
    }
  }
  return erroGrupos || { linhas, total };
}

function redesconvMontarExploradorRede(raiz, spec) {
  // spec: {redes: {opção: {tabela, nomes}}, canais, modo, numericos: [nomes], escolha: nome|null}
  const el = (sufixo) => document.getElementById(`${raiz}-${sufixo}`);
  function atualizar(origem) {
    const v = {};
    for (const nome of spec.numericos) {
      const deslizante = el(nome);
      const caixa = el(`${nome}-caixa`);
      if (origem === caixa && caixa.value !== "") deslizante.value = caixa.value; // a caixa manda no deslizante
      else caixa.value = deslizante.value;
      v[nome] = Number(origem === caixa && caixa.value !== "" ? caixa.value : deslizante.value);
    }
    const rede = spec.redes[spec.escolha ? el(spec.escolha).value : ""];
    const tabela = rede.tabela.map((item) => item.map((x, j) => (j > 0 && typeof x === "string" ? v[x] : x)));
    const r = redesconvCalcularRede(tabela, rede.nomes, spec.canais, v.entrada, spec.modo);
    const saida = el("resultado");
    saida.replaceChildren();
    if (r.erro !== undefined) {
      const p = document.createElement("p");
      p.className = "redesconv-erro";
      p.textContent = r.erro;
      saida.appendChild(p);
      return;
    }
    const t = document.createElement("table");
    t.className = "tabela-camadas";
    const cab = t.createTHead().insertRow();
    for (const titulo of ["Camada", "Saída (A×L×C)", "Parâmetros"]) {
      const th = document.createElement("th");
      th.textContent = titulo;
      cab.appendChild(th);
    }
    const corpo = t.createTBody();
    const entrada = corpo.insertRow();
    for (const x of ["entrada", `${v.entrada}×${v.entrada}×${spec.canais}`, "0"]) entrada.insertCell().textContent = x;
    for (const [nome, forma, parametros] of [...r.linhas, ["Total", "", r.total]]) {
      const linha = corpo.insertRow();
      linha.insertCell().textContent = nome;
      linha.insertCell().textContent = forma;
      const c = linha.insertCell();
      c.textContent = redesconvMilhar(parametros);
      c.style.textAlign = "right";
    }
    saida.appendChild(t);
  }
  for (const nome of spec.numericos) {
    el(nome).addEventListener("input", () => atualizar(el(nome)));
    el(`${nome}-caixa`).addEventListener("input", () => atualizar(el(`${nome}-caixa`)));
  }
  if (spec.escolha) el(spec.escolha).addEventListener("input", () => atualizar(null));
  atualizar(null);
}

if (typeof module !== "undefined") module.exports = { redesconvTamanhoSaida, redesconvCalcularRede, redesconvMilhar };
