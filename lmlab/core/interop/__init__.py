"""Out of the lab and back in: Hugging Face folders and GGUF files.

``hf`` maps lmlab's GPT to GPT-2's names and writes/reads the tokenizer files, ``hf_load`` opens a
GPT-2-family folder on disk as lmlab's own model, ``gguf`` writes llama.cpp's ``gpt2`` architecture,
``verify`` loads an export back with ``transformers``. ``transformers`` and ``gguf`` are optional
(``pip install lmlab[interop]``) and imported only where they are used.
"""
