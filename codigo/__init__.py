"""``codigo``: el paquete que ejecuta el libro «Redes neuronales y aprendizaje profundo».

Depende solo de NumPy. Cada módulo tiene una sola idea:

- :mod:`codigo.datos`: MNIST desde ``datos/mnist.npz``, verificado con SHA-256.
- :mod:`codigo.red`: la red del capítulo 1 (sigmoides, costo cuadrático, SGD).
- :mod:`codigo.validacion`: las comprobaciones de entrada, con errores en español.
- :mod:`codigo.experimentos`: experimentos con nombre y resultados en caché.
- :mod:`codigo.graficos`: el estilo único de las figuras y los diagramas (usa matplotlib).
"""

__version__ = "0.1.0"
