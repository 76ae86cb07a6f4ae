import { chrf, corpusBleu, levenshtein, rougeL, rougeN, sentenceBleu, tokenize13a } from '@slipway/eval';

// Provenance of the reference vectors below.
// BLEU and chrF: computed by sacreBLEU's own Python code, run from the source of
// github.com/mjpost/sacrebleu at commit f615c7286d4d813370efb824d94fc2bfcd3a6b94 (2026-01-12), with
// its I/O-only imports (portalocker, tabulate, colorama, lxml) stubbed out because the package is
// not installable here (no PyPI). Calls: BLEU(...).corpus_score / sentence_score, CHRF().corpus_score
// / sentence_score, with the arguments named in each case.
// ROUGE: rouge-score is not installable either. The values come from a line-by-line transcription
// into Python of google-research/google-research rouge/rouge_scorer.py and rouge/tokenize.py
// (commit 0c1bbe5fc971a1de1a427debc814e66ab4f1e7fa; default tokenizer, no stemmer): _score_ngrams,
// _score_lcs and scoring.fmeasure. That transcription is ours, so ROUGE is checked against the
// reference algorithm, not against the installed package.

const HYPS = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
const REF1 = ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'];
const REF2 = ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'];
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-6);

describe('BLEU matches sacreBLEU', () => {
  test.each([
    ['corpus, exp smoothing, two references', () => corpusBleu(HYPS, [REF1, REF2]), 48.530827009929865],
    ['corpus, no smoothing', () => corpusBleu(HYPS, [REF1], { smooth: 'none' }), 45.06750632106114],
    ['corpus, floor smoothing', () => corpusBleu(HYPS, [REF1], { smooth: 'floor' }), 45.06750632106114],
    ['corpus, add-k smoothing', () => corpusBleu(HYPS, [REF1], { smooth: 'add-k' }), 49.69770530031035],
    ['corpus, lowercase', () => corpusBleu(['THE DOG bit the man.'], [['The dog bit the man .']], { lowercase: true }), 100.00000000000004],
    ['sentence 1 (effective order, exp)', () => sentenceBleu(HYPS[0] ?? '', [REF2[0] ?? '']), 51.15078115793242],
    ['sentence 2 (effective order, exp)', () => sentenceBleu(HYPS[1] ?? '', [REF2[1] ?? '']), 12.44023474812678],
    ['sentence 3 (effective order, exp)', () => sentenceBleu(HYPS[2] ?? '', [REF2[2] ?? '']), 27.77619034011791],
    ['sentence, floor', () => sentenceBleu("It wasn't surprising.", ['No one was surprised.'], { smooth: 'floor' }), 6.257106818159156],
    ['sentence, none', () => sentenceBleu("It wasn't surprising.", ['No one was surprised.'], { smooth: 'none' }), 0],
    ['sentence, add-k', () => sentenceBleu("It wasn't surprising.", ['No one was surprised.'], { smooth: 'add-k' }), 24.880469496253564],
    ['sentence shorter than 4 tokens', () => sentenceBleu('Refund issued.', ['Your refund was issued today.']), 12.753667906901528],
    [
      'sentence with numbers and punctuation (13a rules)',
      () => sentenceBleu('Order #98353 shipped on 2024-05-01, cost $1,299.50.', ['Order #98353 shipped 2024-05-01 and cost $1,299.50.']),
      57.73502691896262,
    ],
  ])('%s', (_name, compute, expected) => close(compute(), expected));

  test('13a keeps decimal and thousands separators inside numbers and splits other punctuation', () => {
    expect(tokenize13a('cost $1,299.50, ok.')).toEqual(['cost', '$', '1,299.50', ',', 'ok', '.']);
    expect(tokenize13a('a&amp;b "q"')).toEqual(['a', '&', 'b', '"', 'q', '"']);
  });
});

describe('chrF matches sacreBLEU CHRF()', () => {
  test('corpus', () => close(chrf(HYPS, REF1), 50.043063606582294));
  test.each([
    [0, 67.64711450656517],
    [1, 35.34635301425291],
    [2, 51.87740799504779],
  ])('sentence %i', (i, expected) => close(chrf([HYPS[i] ?? ''], [REF2[i] ?? '']), expected));
});

describe('ROUGE F-measure matches rouge-score (transcribed reference)', () => {
  test.each([
    ['The quick brown fox jumps over the lazy dog', 'The quick brown dog jumps on the log.', 0.7058823529411765, 0.26666666666666666, 0.5882352941176471],
    [
      'I looked up order #98353: it has shipped and is on its way.',
      'Order #98353 has shipped; it is on its way to you.',
      0.7500000000000001,
      0.45454545454545453,
      0.6666666666666667,
    ],
    ['Refunds take 5-7 business days.', 'Your refund takes 5 to 7 business days!', 0.5714285714285715, 0.3333333333333333, 0.5714285714285715],
    ['completely different', 'nothing alike here', 0, 0, 0],
  ])('%s | %s', (target, prediction, r1, r2, rl) => {
    close(rougeN(target, prediction, 1).fmeasure, r1);
    close(rougeN(target, prediction, 2).fmeasure, r2);
    close(rougeL(target, prediction).fmeasure, rl);
  });
});

describe('Levenshtein', () => {
  test.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['flaw', 'lawn', 2],
    ['same', 'same', 0],
    ['naïve', 'naive', 1],
  ])('%s -> %s = %i', (a, b, d) => expect(levenshtein(a, b)).toBe(d));
});
