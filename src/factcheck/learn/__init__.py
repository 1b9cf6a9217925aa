"""Small learned models: fitting and applying them (numpy only, deterministic).

The training data and scripts live in ``training/``; what they fit is shipped as data
(``evidence/scorer.toml``, model files) and applied by the modules that own each step.
"""
