"""Translation: the encoder-decoder Transformer (model kind "encdec"), its parallel data, decoding, scores.

The public API (stable; the app's panels and the command line build on it):

Model (``seq2seq.model``)
    ``EncoderDecoder(cfg.model)`` with ``cfg.model.arch == "encdec"`` (``core.model_kinds.KINDS``).
    ``forward(src, tgt_in, tgt_out=None, *, return_attention=False, cache=None)`` -> ``(logits, loss)``,
    plus ``{"encoder": [L x (B,nh,S,S)], "decoder": [L x (B,nh,T,T)], "cross": [L x (B,nh,T,S)]}``
    with ``return_attention``. ``Seq2SeqCache`` for decoding; ``special_ids(vocab) -> (pad, bos, eos)``
    (the last three ids); ``encdec_size(model_cfg, batch_size) -> model.ModelSize`` for the readouts.

Data (``seq2seq.data``, ``seq2seq.tasks``)
    ``read_pairs(paths) -> [Pair]`` (TSV, JSONL, or two aligned files; ``CorpusError`` sentences name
    file and line); ``load_source(source, val_fraction, seed) -> (train, val, label)``;
    ``prepare_parallel(source, folder, tokenizer=, vocab_size=, val_fraction=, block_size=, seed=,
    shared_vocab=)``
    generator of ``PrepareProgress`` returning ``ParallelData`` (``.meta["stats"][part][side]``: pairs,
    chars, tokens, p50/p90/p99/max); ``side_stats``. Tasks: ``DIRECTIONS`` ("digits->zh", "zh->digits",
    "digits->en", "en->digits", "en->zh", "zh->en", "dates->iso"), ``task_source(direction, pairs)``
    -> "task:digits->zh:40000" (a run's corpus entry), ``task_pairs``, ``chinese_numeral``,
    ``english_words``, ``human_date``. Vocabulary (``seq2seq.vocab``): ``ParallelData.vocabulary() ->
    PairVocabulary`` (``.source`` / ``.target`` tokenizers in the model's ids, ``.size``, ``.shared``);
    ``DataConfig.shared_vocab`` (True: one tokenizer for both sides; False: one per side).

Decoding (``seq2seq.decode``)
    ``stream_greedy(model, src_ids)`` yields (id, prob); ``greedy_batch(model, [src_ids])``;
    ``beam_search(model, src_ids, beam=4, length_penalty=1.0) -> [Hypothesis]`` best first.

Evaluation (``seq2seq.evaluate``, the kind's ``evaluate`` hook)
    Each evaluation adds ``{"bleu", "chrf", "exact"}`` to ``EvalMetrics.extra`` (BLEU/chrF 0..100,
    exact 0..1), writes ``translations.jsonl`` (``read_translations(run_path)``) and the probe pair's
    maps (``seq2seq.snapshots.load_seq2seq_snapshots(run_path) -> [PairMaps]``).

Jobs (``core.jobs.translate``)
    ``new_translation_run(store, cfg, source, name)`` -> (run, data); ``translation_config()`` (the
    defaults: 2 + 2 layers of width 128, char vocabulary, ``task:digits->zh``); ``scan_pairs(source,
    data_cfg, block_size)`` -> ``PairScan`` (each side's statistics and a preview, no run made);
    ``translate(run_path, text,
    beam=1, step=None, cache=None)`` yields ``ModelStage`` / ``TranslatedToken``, returns
    ``Translation``; ``attention_maps(run_path, text, step=None, target=None, cache=None)`` returns
    ``PairMaps`` (source_tokens, target_tokens, encoder, decoder, cross arrays of (L, H, q, k)).
    A queued run with ``arch="encdec"`` and ``corpus=("task:digits->zh",)`` prepares and trains
    through ``jobs.train.prepare_and_train`` like any other.
"""
