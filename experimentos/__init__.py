"""Os experimentos do curso (make experimentos): as ablações de redesconv.experimentos, medidas."""
