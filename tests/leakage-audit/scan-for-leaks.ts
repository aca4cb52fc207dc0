import { inspect } from 'node:util';

/** One thing the suite printed, logged, threw or emitted, as text, with where it came from. */
export interface LeakCapture {
  /** `cardgw:error ProviderResponseError (util.inspect of cause 1)`, `stdout`, `console.warn`, `cardgw:http response`. */
  readonly origin: string;
  /** The test running when it was captured (`expect.getState().currentTestName`). */
  readonly test: string;
  readonly text: string;
}

export type LeakKind = 'api-key' | 'seed' | 'webhook-secret' | 'pan' | 'cvv' | 'otp' | 'pin' | 'sample-value';

export interface LeakFinding {
  readonly kind: LeakKind;
  readonly origin: string;
  readonly test: string;
  /** The text around the hit, every hit in it masked (the audit must not print what it found). */
  readonly excerpt: string;
}

interface Detector {
  readonly kind: LeakKind;
  readonly pattern: RegExp;
  /** A second look at a regex match (the Luhn check); the match is a hit when absent. */
  readonly accept?: ((match: string) => boolean) | undefined;
}

/** The literal sample values of the two providers' API pages, which fixtures and tests copy. */
export const sampleValues = {
  pan: '4916531288472039',
  groupedPan: '4916 5301 2345 2039',
  otp: '847291',
  seeds: ['c4f4-6e88-036c-761c', 'a1b2-c3d4-e5f6-7890'],
  /** The pages' example key (`sk_live_your_api_key_here`) without its prefix: how a provider may echo the key part. */
  keyTokens: ['your_api_key_here'],
} as const;

/** A seed in the other forms it gets echoed in: without its dashes, grouped by spaces (any case: the regex is `i`). */
const seedForms = (seed: string) => [seed, seed.replace(/-/g, ''), seed.replace(/-/g, ' ')];
/** A key next to its value: `"key":"value"`, `key: 'value'`, `key=value`, `\"key\":\"value\"`. */
const nextTo = (keys: string, value: string) =>
  new RegExp(`(?<![A-Za-z0-9])(?:${keys})(?:\\\\?["'])?\\s*[:=]\\s*(?:\\\\?["'])?${value}(?!\\d)`, 'gi');

const hex = '[0-9A-Fa-f]';
const detectors: readonly Detector[] = [
  // PrivCards documents only the prefix: the token is any run of visible characters that does not end a token.
  { kind: 'api-key', pattern: /sk_(?:live|test)_[\w.~+/=:!#$%*?@^|-]{6,}/g },
  // CryptoCardy's seed: four groups of four hex digits. A UUID (8-4-4-4-12) has no such run between hex-free edges.
  { kind: 'seed', pattern: new RegExp(`(?<![0-9A-Fa-f-])${hex}{4}(?:-${hex}{4}){3}(?![0-9A-Fa-f-])`, 'g') },
  { kind: 'webhook-secret', pattern: /whsec_[0-9a-f]{8,}/g },
  // 13–19 digits, bare or in groups of four split by spaces or dashes; not the fraction of a decimal (`0.3000…04`), and
  // not digit groups inside a longer dashed token (a UUID idempotency key's `…-4123-8456-7890-1a26…`), as redaction rules.
  {
    kind: 'pan',
    pattern:
      /(?<![\d-])(?<!\d\.)(?<![A-Za-z_]-?)(?:\d{13,19}|\d{4}(?:([ -])\d{4}){2}\1\d{1,4}(?:\1\d{1,3})?)(?![\w-])/g,
    accept: isPaymentCardNumber,
  },
  // A CVV, PAN or OTP next to its key: `"cvv":"123"`, `cvv: '123'`, `otp=847291`, `\"pan\":\"4916…\"`.
  { kind: 'cvv', pattern: /(?<![A-Za-z0-9_])(?:cvv|cvc)(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?\d{3,4}(?!\d)/gi },
  { kind: 'otp', pattern: /(?<![A-Za-z0-9_])otp(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?\d{3,8}(?!\d)/gi },
  {
    kind: 'pan',
    pattern: /(?<![A-Za-z0-9_])(?:pan|card_?number)(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?\d{12,19}(?!\d)/gi,
  },
  // The same values under the other names providers use (issue 15): `card_cvv`, `cvv2`, `security_code`, `otp_code`,
  // `verification_code`, `3ds_code`, `card_pin`, camelCase or not.
  { kind: 'cvv', pattern: nextTo('(?:card_?)?(?:cvv|cvc)2?|csc|(?:card_?)?security_?code', '\\d{3,4}') },
  {
    kind: 'otp',
    pattern: nextTo(
      'otp_?code|verification_?code|3ds_?code|challenge_?code|passcode|one_?time_?(?:password|code)',
      '\\d{4,8}',
    ),
  },
  { kind: 'pin', pattern: nextTo('(?:card_?)?pin(?:_?code)?', '\\d{4,6}') },
  {
    kind: 'sample-value',
    pattern: new RegExp(
      [
        `(?<!\\d)(?:${sampleValues.pan}|${sampleValues.groupedPan}|${sampleValues.otp})(?!\\d)`,
        ...sampleValues.seeds.flatMap(seedForms).map((seed) => `(?<![0-9A-Fa-f-])${seed}(?![0-9A-Fa-f-])`),
        ...sampleValues.keyTokens,
      ].join('|'),
      'gi',
    ),
  },
];

/**
 * Searches captured text for secrets and card data: API keys (`sk_live_…`, `sk_test_…`), seed-shaped strings,
 * webhook secrets (`whsec_…`), Luhn-valid card numbers (bare or grouped by four), a CVV, PAN, OTP or PIN next to its
 * key under any of the names providers use (`card_cvv`, `cvv2`, `security_code`, `otp_code`, `card_pin`, …), and the
 * literal sample values of the providers' pages (their seeds also without dashes or re-spaced, their example key
 * without its prefix). UUIDs, request ids, ISO dates, BIN ids, last4 and amounts
 * are not hits. Pure: the self-test feeds it fabricated captures.
 */
export function scanForLeaks(captures: readonly LeakCapture[]): LeakFinding[] {
  const findings: LeakFinding[] = [];
  for (const capture of captures) {
    for (const hit of hitsIn(capture.text)) {
      findings.push({
        kind: hit.kind,
        origin: capture.origin,
        test: capture.test,
        excerpt: maskedExcerpt(capture.text, hit.index, hit.length),
      });
    }
  }
  return findings;
}

interface Hit {
  readonly kind: LeakKind;
  readonly index: number;
  readonly length: number;
}

function hitsIn(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const detector of detectors) {
    for (const match of text.matchAll(detector.pattern)) {
      if (detector.accept && !detector.accept(match[0])) continue;
      hits.push({ kind: detector.kind, index: match.index, length: match[0].length });
    }
  }
  return hits;
}

const excerptRadius = 48;

/** The hit and its surroundings, with this hit and every other one in view replaced by `[kind]`. */
function maskedExcerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - excerptRadius);
  const end = Math.min(text.length, index + length + excerptRadius);
  let window = text.slice(start, end);
  // Mask from the last hit to the first so earlier offsets stay valid; hits cut by the window edge are masked too.
  const inView = hitsIn(window).sort((left, right) => right.index - left.index);
  for (const hit of inView) {
    window = `${window.slice(0, hit.index)}[${hit.kind}]${window.slice(hit.index + hit.length)}`;
  }
  // A value cut in half by the window's edge is no longer a hit: mask the digits and hex at a cut edge.
  const dot = (run: string) => '•'.repeat(run.length);
  if (start > 0) window = window.replace(/^(?:[\dA-Fa-f-]| (?=\d))+/, dot);
  if (end < text.length) window = window.replace(/(?:[\dA-Fa-f-]|(?<=\d) )+$/, dot);
  return `${start > 0 ? '…' : ''}${window.replace(/\s+/g, ' ')}${end < text.length ? '…' : ''}`;
}

/**
 * Luhn-valid, and starting as payment cards do (2 Mastercard, 3 Amex/Diners/JCB, 4 Visa, 5 Mastercard, 6 Discover):
 * a millisecond timestamp (`1767225600000`) or a nanosecond counter is not taken for a card 10% of the time.
 */
export function isPaymentCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19 || !/^[2-6]/.test(digits)) return false;
  let sum = 0;
  for (let position = 0; position < digits.length; position++) {
    let digit = Number(digits[digits.length - 1 - position]);
    if (position % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Every way an error gets printed: `JSON.stringify`, `util.inspect` (all depths), `String()` and `.stack`, for the
 * error and each `cause` in its chain (and each of an `AggregateError`'s errors).
 */
export function serialiseError(error: unknown): { readonly how: string; readonly text: string }[] {
  const texts: { how: string; text: string }[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, label: string, depth: number) => {
    if (value === undefined || value === null || seen.has(value) || depth > 8) return;
    seen.add(value);
    const of = label === '' ? '' : ` of ${label}`;
    texts.push({ how: `JSON.stringify${of}`, text: attempt(() => JSON.stringify(value)) });
    texts.push({ how: `util.inspect${of}`, text: attempt(() => inspect(value, { depth: Number.POSITIVE_INFINITY })) });
    texts.push({ how: `String()${of}`, text: attempt(() => String(value)) });
    if (value instanceof Error) texts.push({ how: `.stack${of}`, text: attempt(() => String(value.stack)) });
    if (typeof value !== 'object') return;
    visit((value as { cause?: unknown }).cause, `cause ${depth + 1}`, depth + 1);
    const errors = (value as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      for (const [index, item] of errors.entries()) visit(item, `errors[${index}] at depth ${depth + 1}`, depth + 1);
    }
  };
  visit(error, '', 0);
  return texts;
}

function attempt(print: () => string | undefined): string {
  try {
    return print() ?? '';
  } catch (error) {
    return `(printing threw ${error instanceof Error ? error.name : typeof error})`;
  }
}

/** The failure message of a test file with leaks: each finding with its test, origin and masked excerpt. */
export function describeFindings(file: string, findings: readonly LeakFinding[], limit = 20): string {
  const lines = findings
    .slice(0, limit)
    .map((finding) => `  - ${finding.kind} in ${finding.origin}, during "${finding.test}":\n      ${finding.excerpt}`);
  const more = findings.length > limit ? `\n  … and ${findings.length - limit} more` : '';
  return `leakage audit: ${findings.length} secret or card value(s) printed, logged, thrown or emitted in ${file}:\n${lines.join('\n')}${more}\nFix the source (redaction in the pipeline or the error), or wrap a test's deliberately fabricated value in allowLeakageIn() (tests/leakage-audit/allow-leakage.ts).`;
}
