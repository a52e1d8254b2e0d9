// Barras laterais. O pydata-sphinx-theme 0.17 e o sphinx-book-theme ligam os seus cliques ao
// PRIMEIRO botão .primary-toggle (e .secondary-toggle) da página — o do cabeçalho do pydata,
// escondido neste tema —, e o botão que o leitor vê, no cabeçalho do artigo, não faz nada
// (pydata/pydata-sphinx-theme#2451). Repassamos o clique de cada botão visível ao primeiro, que
// tem os manipuladores: no celular ele abre a barra num diálogo; na tela larga, a esconde/mostra.
(function () {
  "use strict";
  function repassar(seletor) {
    var botoes = document.querySelectorAll(seletor);
    if (botoes.length < 2) return;
    var primeiro = botoes[0];
    Array.prototype.slice.call(botoes, 1).forEach(function (botao) {
      botao.addEventListener("click", function (evento) {
        evento.preventDefault();
        evento.stopImmediatePropagation();
        botao.blur(); // a dica (tooltip) não fica aberta por cima do próximo toque
        var dica = window.bootstrap && bootstrap.Tooltip && bootstrap.Tooltip.getInstance(botao);
        if (dica) dica.hide();
        primeiro.click();
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    repassar(".primary-toggle");
    repassar(".secondary-toggle");
  });
})();

// Nada cortado na borda direita. (1) Uma saída impressa sem colunas alinhadas por espaços — uma
// mensagem, uma frase — quebra as linhas em vez de sumir à direita. (2) O que precisa continuar
// largo (código, tabelas, saídas em colunas, fórmulas) rola dentro da própria caixa, e uma sombra
// na borda avisa que há mais para o lado (classes rola-direita / rola-esquerda, conforme a posição).
(function () {
  "use strict";
  var CAIXAS = "article pre, article .cell_output .output.text_html, article mjx-container[display='true']";
  function quebrarFrases() {
    document.querySelectorAll("article .cell_output pre").forEach(function (pre) {
      var alinhada = pre.textContent.split("\n").some(function (linha) {
        return /\S {2,}\S/.test(linha);
      });
      if (!alinhada) pre.classList.add("quebrar");
    });
  }
  function marcar(caixa) {
    var sobra = caixa.scrollWidth - caixa.clientWidth;
    var mais = sobra > 1;
    caixa.classList.toggle("rola-direita", mais && caixa.scrollLeft < sobra - 1);
    caixa.classList.toggle("rola-esquerda", mais && caixa.scrollLeft > 1);
    if (mais && !caixa.hasAttribute("tabindex")) caixa.tabIndex = 0; // rolável também pelo teclado
  }
  function marcarTodas() {
    document.querySelectorAll(CAIXAS).forEach(marcar);
  }
  document.addEventListener("DOMContentLoaded", function () {
    quebrarFrases();
    marcarTodas();
    document.addEventListener(
      "scroll",
      function (evento) {
        if (evento.target.matches && evento.target.matches(CAIXAS)) marcar(evento.target);
      },
      true
    );
    window.addEventListener("resize", marcarTodas);
    window.addEventListener("load", marcarTodas);
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) MathJax.startup.promise.then(marcarTodas);
  });
  window.livroMarcarCaixas = marcarTodas; // para quem muda o conteúdo depois (e para os testes)
})();

// Resultados da busca: o trecho de cada página vem do texto da página, em que as fórmulas ainda
// estão em LaTeX (o MathJax só as compõe na página). Tiramos os delimitadores e os comandos.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Search === "undefined" || !Search.htmlToText) return;
    var original = Search.htmlToText;
    Search.htmlToText = function (html, ancora) {
      return original(html, ancora)
        .replace(/\\[()[\]]|\$\$/g, "")
        .replace(/\\cdot/g, "·")
        .replace(/\\times/g, "×")
        .replace(/\\(text|mathrm|operatorname)\{([^}]*)\}/g, "$2")
        .replace(/\\[a-zA-Z]+/g, "")
        .replace(/[{}]/g, "");
    };
  });
})();

// Botão de copiar código (sphinx-copybutton): o script não tem mensagens em português e, com
// lang="pt-BR", cai no inglês ("Copy", "Copy to clipboard"). As suas variáveis de nível de script
// (messages, locale, iconCopy, iconCheck) são globais; este arquivo é carregado depois dele e antes
// de ele desenhar os botões (DOMContentLoaded), então basta acrescentar o português.
(function () {
  "use strict";
  if (typeof messages === "undefined" || typeof locale === "undefined") return;
  var lingua = document.documentElement.lang || "pt-BR";
  messages[lingua] = {
    copy: "Copiar",
    copy_to_clipboard: "Copiar para a área de transferência",
    copy_success: "Copiado!",
    copy_failure: "Não foi possível copiar",
  };
  locale = lingua;
  var titulo = function (svg, texto) {
    return svg.replace(/<title>[^<]*<\/title>/, "<title>" + texto + "</title>");
  };
  if (typeof iconCopy !== "undefined") iconCopy = titulo(iconCopy, messages[lingua].copy_to_clipboard);
  if (typeof iconCheck !== "undefined") iconCheck = titulo(iconCheck, messages[lingua].copy_success);
})();
