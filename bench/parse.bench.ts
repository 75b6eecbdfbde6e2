// Throughput of the language front end on a generated 10,000-line scenario: parse only
// (lex + parse), and parse + check + lower (compile). For scale, the same run measures a
// minimal Chevrotain JSON parser (EmbeddedActionsParser, like ours, full position tracking)
// on a JSON document of the same byte size, and prints the ratio of the parse-only rates.
// Each figure is the median of several timed runs after a warm-up.
import { createToken, EmbeddedActionsParser, Lexer, type IToken } from 'chevrotain';
import { compile, parse } from '../server/src/language';

const LINES = 10_000;
const WARMUP = 3;
const RUNS = 9;

/** A scenario of about `lines` lines using every construct of the language. */
export function generateScenario(lines: number): string {
  const out = [
    '// generated',
    'scenario "generated" {',
    '  cpus 4',
    '  policy rr',
    '  quantum 5',
    '  cost switch 1',
    '}',
  ];
  for (let p = 0; out.length < lines; p++) {
    out.push(
      `process p${p} {`,
      '  model many_to_many',
      '  lwps 2',
      '  concurrency 2',
      '  mutex fork[5] block inherit',
      '  mutex m',
      '  condvar c',
      '  semaphore s 1',
    );
    for (let t = 0; t < 12 && out.length < lines; t++) {
      out.push(
        `  thread w${t}[3] priority ${t} stack 16k {`,
        '    lock fork[i]',
        '    compute 2..7 // a range',
        '    lock fork[i+1]',
        '    io 3',
        '    repeat 5 {',
        '      yield',
        '      sleep 1',
        '    }',
        '    unlock fork[i+1]',
        '    unlock fork[i]',
        '    sem_wait s',
        '    stack_use 4k',
        '    sem_post s',
        '  }',
      );
    }
    out.push('  thread waiter { lock m wait c m unlock m }', '  thread poster { lock m signal c unlock m }', '}');
  }
  return out.join('\n') + '\n';
}

// ---- the JSON reference -------------------------------------------------------------------
const True = createToken({ name: 'True', pattern: 'true' });
const False = createToken({ name: 'False', pattern: 'false' });
const Null = createToken({ name: 'Null', pattern: 'null' });
const LCurly = createToken({ name: 'LCurly', pattern: '{' });
const RCurly = createToken({ name: 'RCurly', pattern: '}' });
const LSquare = createToken({ name: 'LSquare', pattern: '[' });
const RSquare = createToken({ name: 'RSquare', pattern: ']' });
const Comma = createToken({ name: 'Comma', pattern: ',' });
const Colon = createToken({ name: 'Colon', pattern: ':' });
const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^\\"]|\\(?:[bfnrtv"\\/]|u[0-9a-fA-F]{4}))*"/,
});
const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/ });
const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\n\r]+/, group: Lexer.SKIPPED, line_breaks: true });
const jsonTokens = [
  WhiteSpace,
  NumberLiteral,
  StringLiteral,
  LCurly,
  RCurly,
  LSquare,
  RSquare,
  Comma,
  Colon,
  True,
  False,
  Null,
];
const jsonLexer = new Lexer(jsonTokens, { positionTracking: 'full', ensureOptimizations: true });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

class JsonParser extends EmbeddedActionsParser {
  constructor() {
    super(jsonTokens, { recoveryEnabled: false });
    this.performSelfAnalysis();
  }
  public json = this.RULE('json', (): Json =>
    this.OR([{ ALT: () => this.SUBRULE(this.object) }, { ALT: () => this.SUBRULE(this.array) }]),
  );
  private object = this.RULE('object', (): Json => {
    const obj: { [k: string]: Json } = {};
    this.CONSUME(LCurly);
    this.MANY_SEP({
      SEP: Comma,
      DEF: () => {
        const key = this.CONSUME(StringLiteral);
        this.CONSUME(Colon);
        const v = this.SUBRULE(this.value);
        this.ACTION(() => (obj[key.image.slice(1, -1)] = v));
      },
    });
    this.CONSUME(RCurly);
    return obj;
  });
  private array = this.RULE('array', (): Json => {
    const arr: Json[] = [];
    this.CONSUME(LSquare);
    this.MANY_SEP({ SEP: Comma, DEF: () => arr.push(this.SUBRULE(this.value)) });
    this.CONSUME(RSquare);
    return arr;
  });
  private value = this.RULE('value', (): Json =>
    this.OR([
      { ALT: () => this.CONSUME(StringLiteral).image.slice(1, -1) },
      { ALT: () => Number(this.CONSUME(NumberLiteral).image) },
      { ALT: () => this.SUBRULE(this.object) },
      { ALT: () => this.SUBRULE(this.array) },
      { ALT: () => (this.CONSUME(True), true) },
      { ALT: () => (this.CONSUME(False), false) },
      { ALT: () => (this.CONSUME(Null), null) },
    ]),
  );
}

const jsonParser = new JsonParser();

function parseJson(text: string): Json {
  const r = jsonLexer.tokenize(text);
  jsonParser.input = r.tokens as IToken[];
  const v = jsonParser.json();
  if (r.errors.length || jsonParser.errors.length) throw new Error('the reference JSON did not parse');
  return v;
}

/** A pretty-printed JSON document of about `bytes` bytes (within one item). */
function generateJson(bytes: number): string {
  const items: Json[] = [];
  let size = 2;
  for (let k = 0; size < bytes; k++) {
    const item = {
      name: `thread${k}`,
      priority: k % 60,
      bound: k % 3 === 0,
      stack: 8192,
      body: ['lock', 'compute', k * 1.5, null],
    };
    items.push(item);
    // the size it takes inside the pretty-printed array: indented, with a comma and a newline
    size += JSON.stringify([item], null, 2).length - 2;
  }
  return JSON.stringify(items, null, 2);
}

// ---- measurement --------------------------------------------------------------------------
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const gc = (globalThis as { gc?: () => void }).gc;

function time(fn: () => unknown): number {
  for (let k = 0; k < WARMUP; k++) fn();
  const ms: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    gc?.();
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

function rate(label: string, ms: number, lines: number, bytes: number): number {
  const mbs = bytes / 2 ** 20 / (ms / 1000);
  console.log(
    `${label.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms  ${Math.round(lines / (ms / 1000))
      .toLocaleString('en-US')
      .padStart(11)} lines/s  ${mbs.toFixed(2).padStart(6)} MB/s`,
  );
  return mbs;
}

const scenario = generateScenario(LINES);
const scenarioLines = scenario.split('\n').length - 1;
const json = generateJson(scenario.length);
const jsonLines = json.split('\n').length;
const check = compile(scenario);
if (check.diagnostics.some((d) => d.severity === 'error') || !check.model)
  throw new Error('the generated scenario does not compile');
console.log(
  `scenario: ${scenarioLines} lines, ${scenario.length} bytes; JSON: ${jsonLines} lines, ${json.length} bytes; median of ${RUNS} runs after ${WARMUP} warm-up runs`,
);
const ours = rate(
  'threads parse only',
  time(() => parse(scenario)),
  scenarioLines,
  scenario.length,
);
rate(
  'threads parse+check+lower',
  time(() => compile(scenario)),
  scenarioLines,
  scenario.length,
);
const ref = rate(
  'JSON reference parse only',
  time(() => parseJson(json)),
  jsonLines,
  json.length,
);
console.log(`ratio threads/JSON (parse only, MB/s): ${(ours / ref).toFixed(2)}`);
