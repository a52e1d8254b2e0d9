"""Benchmarks do curso (make bench): rode da raiz, como módulos — python -m bench.lenet."""
