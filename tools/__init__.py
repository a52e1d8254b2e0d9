"""Ferramentas do repositório (execução dos cadernos, metadados, vendorização, travas)."""
