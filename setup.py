"""Só uma coisa que o pyproject.toml não sabe dizer: levar os resultados gravados para o pacote.

Os benchmarks gravam ``bench/resultados-*.json`` e os experimentos ``experimentos/resultados-*.json``
na raiz do repositório. Ao construir o pacote (por exemplo, no ``pip install git+...`` da célula
de instalação do Colab), estes arquivos são copiados para ``redesconv/gravados/`` (e
``redesconv/gravados/experimentos/``): assim os capítulos os encontram também no Colab, onde o
repositório não está ao lado (veja ``redesconv.gravados``).
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RAIZ = Path(__file__).resolve().parent


class ComResultadosGravados(build_py):
    def run(self):
        super().run()
        destino = Path(self.build_lib) / "redesconv" / "gravados"
        destino.mkdir(parents=True, exist_ok=True)
        for arquivo in sorted((RAIZ / "bench").glob("resultados-*.json")):
            self.copy_file(str(arquivo), str(destino / arquivo.name))
        (destino / "experimentos").mkdir(exist_ok=True)
        for arquivo in sorted((RAIZ / "experimentos").glob("resultados-*.json")):
            if not arquivo.name.endswith("-rapido.json"):
                self.copy_file(str(arquivo), str(destino / "experimentos" / arquivo.name))


setup(cmdclass={"build_py": ComResultadosGravados})
