// Questionários de autoavaliação que funcionam sem kernel: no site, no Jupyter e no Colab.
// O Python (redesconv.questionario) escreve as perguntas em HTML, com a resposta certa calculada
// pelo código do capítulo; este arquivo só confere o que o aluno digitou ou escolheu.
"use strict";

function redesconvLerNumero(texto) {
  // Lê um número escrito à brasileira: "1.516" → 1516, "55,5" → 55.5, "−3" → -3, "4,3 MB" → 4.3.
  // Devolve {valor: n} ou {erro: "mensagem em português"}.
  const original = String(texto).trim();
  let t = original.replace(/[\s\u00a0]+/g, "").replace(/\u2212/g, "-");
  if (t === "") return { erro: "Digite um número antes de conferir." };
  t = t.replace(/[%a-zA-ZÀ-ÿ²³]+$/u, ""); // uma unidade no fim ("MB", "%", "pixels") não atrapalha
  if (t.includes(",")) {
    // vírgula decimal: os pontos só podem separar milhares (1.234,5)
    if (!/^[-+]?\d{1,3}(\.\d{3})*(,\d+)?$|^[-+]?\d+(,\d+)?$/.test(t)) return { erro: redesconvNaoEntendi(original) };
    t = t.replace(/\./g, "").replace(",", ".");
  } else if (/^[-+]?\d{1,3}(\.\d{3})+$/.test(t)) {
    t = t.replace(/\./g, ""); // "1.516" é mil quinhentos e dezesseis, como no texto do curso
  } else if (!/^[-+]?(\d+(\.\d+)?|\.\d+)$/.test(t)) {
    return { erro: redesconvNaoEntendi(original) };
  }
  const valor = Number(t);
  return Number.isFinite(valor) ? { valor } : { erro: redesconvNaoEntendi(original) };
}

function redesconvNaoEntendi(texto) {
  return (
    `Não entendi “${texto}” como número: digite só o número, com vírgula nos decimais ` +
    "e, se quiser, ponto nos milhares (por exemplo, 55, 0,75 ou 1.516)."
  );
}

function redesconvConfere(valor, certa, tolerancia, toleranciaAbsoluta = 0) {
  // tolerância relativa (0,01 aceita 1% de diferença) mais uma folga absoluta (0,05 aceita 3,1
  // para 3,14); as duas 0 exigem o valor exato (a menos de um erro de arredondamento do float)
  const absoluta = toleranciaAbsoluta || 0;
  return Math.abs(valor - certa) <= tolerancia * Math.abs(certa) + absoluta + 1e-9 * Math.max(1, Math.abs(certa));
}

function redesconvMontarQuestionario(id) {
  const raiz = document.getElementById(id);
  if (!raiz || raiz.dataset.montado) return;
  raiz.dataset.montado = "1";
  for (const pergunta of raiz.querySelectorAll("form.redesconv-pergunta")) {
    const retorno = pergunta.querySelector(".redesconv-retorno");
    const explicacao = pergunta.querySelector(".redesconv-explicacao").textContent;
    const mostrar = (certo, texto) => {
      retorno.textContent = texto;
      retorno.className = "redesconv-retorno " + (certo ? "redesconv-ok" : "redesconv-erro");
    };
    pergunta.addEventListener("submit", (evento) => {
      evento.preventDefault();
      if (pergunta.dataset.tipo === "numero") {
        const campo = pergunta.querySelector("input[type=text]");
        const lido = redesconvLerNumero(campo.value);
        if (lido.erro) return mostrar(false, lido.erro);
        const certa = Number(pergunta.dataset.resposta);
        const absoluta = Number(pergunta.dataset.toleranciaAbsoluta || 0);
        if (redesconvConfere(lido.valor, certa, Number(pergunta.dataset.tolerancia), absoluta)) {
          return mostrar(true, "Certo! " + explicacao);
        }
        const dica = pergunta.dataset.dica ? " " + pergunta.dataset.dica : "";
        return mostrar(false, `Ainda não: ${campo.value.trim()} não é a resposta.${dica} Tente de novo ou abra “Ver a resposta”.`);
      }
      const marcada = pergunta.querySelector("input[type=radio]:checked");
      if (!marcada) return mostrar(false, "Escolha uma das opções antes de conferir.");
      if (marcada.value === pergunta.dataset.correta) return mostrar(true, "Certo! " + explicacao);
      const porQue = marcada.dataset.comentario ? " " + marcada.dataset.comentario : "";
      return mostrar(false, `Ainda não.${porQue} Tente de novo ou abra “Ver a resposta”.`);
    });
  }
}

if (typeof module !== "undefined") module.exports = { redesconvLerNumero, redesconvConfere };
