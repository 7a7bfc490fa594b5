"""``codigo``: el paquete que ejecuta el libro «Redes neuronales y aprendizaje profundo».

Depende solo de NumPy. Cada módulo tiene una sola idea:

- :mod:`codigo.datos`: MNIST desde ``datos/mnist.npz``, verificado con SHA-256.
- :mod:`codigo.red`: la red del capítulo 1 (sigmoides, costo cuadrático, SGD).
- :mod:`codigo.gradientes`: diferencias finitas para comprobar la retropropagación (capítulo 2).
- :mod:`codigo.costos`, :mod:`codigo.activaciones`, :mod:`codigo.red_mejorada`: la red mejorada
  del capítulo 3 (entropía cruzada, softmax, regularización, abandono, momento, JSON).
- :mod:`codigo.expansion`: expansión artificial de los datos de entrenamiento.
- :mod:`codigo.referencias`: los clasificadores de comparación (oscuridad media, SVM).
- :mod:`codigo.rendimiento`: la medición de velocidad frente a un bucle por ejemplo.
- :mod:`codigo.validacion`: las comprobaciones de entrada, con errores en español.
- :mod:`codigo.experimentos`: experimentos con nombre y resultados en caché.
- :mod:`codigo.graficos`: el estilo único de las figuras y los diagramas (usa matplotlib).
"""

__version__ = "0.1.0"
