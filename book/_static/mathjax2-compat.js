// Adaptador: o gerenciador de widgets do ipywidgets 8 (html-manager 1.0) chama
// MathJax.Hub.Queue(["Typeset", MathJax.Hub, elemento]), a API do MathJax 2. O livro usa o
// MathJax 3; quando ele se instala em window.MathJax, acrescentamos um Hub que repassa o
// pedido para MathJax.typesetPromise. Antes de o MathJax ficar pronto, o pedido é ignorado: a
// composição inicial do MathJax já processa a página inteira.
(function () {
  "use strict";
  function comHub(mj) {
    if (mj && typeof mj === "object" && !mj.Hub) {
      mj.Hub = {
        Queue: function (tarefa) {
          var elemento = tarefa && tarefa[2];
          var m = window.MathJax;
          if (m && typeof m.typesetPromise === "function") {
            m.typesetPromise(elemento ? [elemento] : undefined).catch(function () {});
          }
        },
      };
    }
    return mj;
  }
  var atual = comHub(window.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: function () {
      return atual;
    },
    set: function (valor) {
      atual = comHub(valor);
    },
  });
})();
