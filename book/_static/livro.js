// Imagens que o gerenciador de widgets desenha a partir do estado gravado (a figura do
// explorador, por exemplo) não têm texto alternativo; damos um que diz o que elas são.
(function () {
  "use strict";
  var TEXTO =
    "Figura do explorador interativo na configuração gravada; num kernel rodando ela muda com os controles.";
  function rotular(raiz) {
    raiz.querySelectorAll(".jupyter-widgets img:not([alt]), .widget-output img:not([alt])").forEach(function (img) {
      img.setAttribute("alt", TEXTO);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    rotular(document);
    new MutationObserver(function () {
      rotular(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
