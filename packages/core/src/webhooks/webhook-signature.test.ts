import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { WebhookVerificationError } from '../errors/webhook-verification-error.js';
import { Secret } from '../redaction/secret.js';
import { testDelivery, testWebhookSecret } from './test-support/test-webhook-data-mapper.js';
import { defaultWebhookSignatureHeader, signWebhookPayload, verifyWebhookSignature } from './webhook-signature.js';

// The providers' verify_webhook, verbatim from both API pages; the cases come in as JSON on stdin (never in argv or
// the program text, so no quoting can change them).
const pythonProgram = `
import hmac, hashlib, json, sys

def verify_webhook(payload, signature, secret):
    expected = hmac.new(
        secret.encode(),
        payload.encode(),
        hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, signature)

def sign(payload, secret):
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()

cases = json.loads(sys.stdin.buffer.read().decode("utf-8"))
results = []
for case in cases:
    if case["mode"] == "sign":
        results.append(sign(case["payload"], case["secret"]))
    else:
        results.append(verify_webhook(case["payload"], case["signature"], case["secret"]))
sys.stdout.write(json.dumps(results))
`;

type PythonCase =
  | { mode: 'sign'; payload: string; secret: string }
  | { mode: 'verify'; payload: string; signature: string; secret: string };

function runPython(cases: readonly PythonCase[]): unknown[] {
  const output = execFileSync('python3', ['-c', pythonProgram], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output) as unknown[];
}

const interoperabilityPayloads: readonly string[] = [
  testDelivery(),
  '',
  '{"id":"evt_2","type":"transaction.authorized","data":{"merchant":"Café Zürich — 東京 🍣","amount":12.5}}',
  '  {"spaced" :  true }\n',
  testDelivery({ data: { note: 'x'.repeat(900_000), emoji: '💳'.repeat(1000) } }),
];
const interoperabilitySecrets = [testWebhookSecret, 'sécret-ünïcode-🔑', 'k'.repeat(200)];

describe('verifyWebhookSignature and signWebhookPayload', () => {
  it('accepts signatures made by the providers’ Python verify_webhook recipe, for every payload and secret', () => {
    const cases = interoperabilitySecrets.flatMap((secret) =>
      interoperabilityPayloads.map((payload) => ({ mode: 'sign' as const, payload, secret })),
    );
    const pythonSignatures = runPython(cases);
    expect(pythonSignatures).toHaveLength(cases.length);
    cases.forEach((testCase, index) => {
      const signature = pythonSignatures[index];
      expect(typeof signature).toBe('string');
      expect(
        verifyWebhookSignature({ payload: testCase.payload, signature: signature as string, secret: testCase.secret }),
      ).toBe(true);
      expect(
        verifyWebhookSignature({
          payload: Buffer.from(testCase.payload),
          signature: signature as string,
          secret: testCase.secret,
        }),
      ).toBe(true);
      expect(signWebhookPayload(testCase.payload, testCase.secret)).toBe(signature);
    });
  });

  it('produces signatures the Python verify_webhook accepts, and Python rejects a forged one', () => {
    const cases: PythonCase[] = interoperabilitySecrets.flatMap((secret) =>
      interoperabilityPayloads.flatMap((payload) => [
        { mode: 'verify' as const, payload, secret, signature: signWebhookPayload(payload, secret) },
        { mode: 'verify' as const, payload, secret, signature: signWebhookPayload(payload, `${secret}-forged`) },
      ]),
    );
    const verdicts = runPython(cases);
    expect(verdicts).toEqual(cases.map((_, index) => index % 2 === 0));
  });

  it('signs as lower-case hex HMAC-SHA256 of the raw bytes, the same for a string and its UTF-8 Buffer', () => {
    const payload = testDelivery();
    const expected = createHmac('sha256', testWebhookSecret).update(payload, 'utf8').digest('hex');
    expect(signWebhookPayload(payload, testWebhookSecret)).toBe(expected);
    expect(signWebhookPayload(Buffer.from(payload), testWebhookSecret)).toBe(expected);
    expect(signWebhookPayload(new Uint8Array(Buffer.from(payload)), new Secret(testWebhookSecret))).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  const payload = testDelivery();
  const signature = signWebhookPayload(payload, testWebhookSecret);
  const verify = (overrides: {
    payload?: string | Uint8Array;
    signature?: string | undefined;
    secret?: string | Secret;
  }) => verifyWebhookSignature({ payload, signature, secret: testWebhookSecret, ...overrides });

  it('accepts the genuine signature, upper-case hex, a sha256= prefix and surrounding spaces', () => {
    expect(verify({})).toBe(true);
    expect(verify({ signature: signature.toUpperCase() })).toBe(true);
    expect(verify({ signature: `sha256=${signature}` })).toBe(true);
    expect(verify({ signature: `SHA256=${signature.toUpperCase()}` })).toBe(true);
    expect(verify({ signature: ` ${signature} ` })).toBe(true);
    expect(verify({ secret: new Secret(testWebhookSecret) })).toBe(true);
  });

  it('accepts a Secret made by another installed copy of the package (recognised by its marker)', () => {
    const foreign = { [Symbol.for('cardgw.secret')]: true, reveal: () => testWebhookSecret } as unknown as Secret;
    expect(verify({ secret: foreign })).toBe(true);
  });

  it('rejects a signature made with another secret (forged)', () => {
    expect(verify({ signature: signWebhookPayload(payload, 'whsec_attacker') })).toBe(false);
    expect(verify({ secret: 'whsec_other_receiver_0001' })).toBe(false);
  });

  it('rejects a body with one byte changed (tampered) or cut short (truncated)', () => {
    const bytes = Buffer.from(payload);
    const tampered = Buffer.from(bytes);
    tampered[10] = (tampered[10] ?? 0) ^ 0x01;
    expect(verify({ payload: tampered })).toBe(false);
    expect(verify({ payload: payload.replace('4242', '4243') })).toBe(false);
    expect(verify({ payload: bytes.subarray(0, bytes.length - 1) })).toBe(false);
    expect(verify({ payload: payload.slice(0, 20) })).toBe(false);
  });

  it('returns false, without throwing, for a missing, empty, shorter, longer or non-hex signature', () => {
    expect(verify({ signature: undefined })).toBe(false);
    expect(verify({ signature: '' })).toBe(false);
    expect(verify({ signature: 'sha256=' })).toBe(false);
    expect(verify({ signature: signature.slice(0, 63) })).toBe(false);
    expect(verify({ signature: signature.slice(0, 32) })).toBe(false);
    expect(verify({ signature: `${signature}00` })).toBe(false);
    expect(verify({ signature: `${signature.slice(0, 63)}g` })).toBe(false);
    expect(verify({ signature: Buffer.from(signature, 'hex').toString('base64') })).toBe(false);
    expect(verifyWebhookSignature({ payload, signature: 42 as unknown as string, secret: testWebhookSecret })).toBe(
      false,
    );
  });

  it('refuses a parsed object instead of the raw body with a WebhookVerificationError that says why', () => {
    const parsed = JSON.parse(payload) as unknown;
    const attempt = () => verifyWebhookSignature({ payload: parsed as string, signature, secret: testWebhookSecret });
    expect(attempt).toThrow(WebhookVerificationError);
    expect(attempt).toThrow(
      'pass the raw request body (string or Buffer), not a parsed object: re-serialising JSON changes the bytes',
    );
    expect(() => signWebhookPayload(parsed as string, testWebhookSecret)).toThrow(WebhookVerificationError);
  });

  it('refuses an empty secret with a ConfigError naming the option, not the value', () => {
    expect(() => verify({ secret: '' })).toThrow(ConfigError);
    expect(() => signWebhookPayload(payload, new Secret(''))).toThrow(ConfigError);
  });

  it('never prints the secret in its errors', () => {
    const secret = new Secret(testWebhookSecret);
    try {
      verifyWebhookSignature({ payload: {} as string, signature, secret });
      expect.unreachable();
    } catch (error) {
      expect(`${inspect(error)} ${JSON.stringify(error)} ${String(error)}`).not.toContain(testWebhookSecret);
    }
  });

  it('names X-Webhook-Signature as the default header', () => {
    expect(defaultWebhookSignatureHeader).toBe('X-Webhook-Signature');
  });
});
