"""A model service on Modelport's paved road: training, the Open Inference Protocol server and its metrics."""
