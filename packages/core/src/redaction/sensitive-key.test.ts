import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { excerptOf } from '../http/response-parsing.js';
import { isSensitiveKey, redactText, redactValue } from './redact.js';

// Issue 15 point 3: sensitive fields under other names (`card_cvv`, `cvv2`, `security_code`, `otp_code`) survived in
// `ProviderResponseError.excerpt`. The rule is on the words of a key, so the whole family is covered.
const sensitive: readonly (readonly [family: string, keys: readonly string[]])[] = [
  ['card verification value', ['cvv', 'CVV', 'cvv2', 'CVV2', 'card_cvv', 'cardCvv', 'cvc', 'cvc2', 'csc', 'cvn']],
  ['card verification value', ['security_code', 'securityCode', 'card-security-code', 'SECURITY_CODE', 'cvv_masked']],
  ['card verification value', ['card_verification_value', 'cardVerificationValue', 'cvvcode']],
  ['PIN', ['pin', 'PIN', 'card_pin', 'pinBlock', 'pin_code', 'atm_pin']],
  ['3DS one-time password', ['otp', 'OTP', 'otp_code', 'otpCode', 'otpcode', 'one_time_password', 'oneTimeCode']],
  ['3DS challenge code', ['verification_code', 'challenge_code', '3ds_code', 'threeDsCode', 'sms_code', 'passcode']],
  ['3DS challenge code', ['auth_code', 'authenticationCode']],
  ['card number', ['pan', 'PAN', 'card_pan', 'full_pan', 'card_number', 'cardNumber', 'CardNumber', 'number_pan']],
  ['card number', ['primary_account_number', 'primaryAccountNumber', 'account_number']],
  ['secret', ['secret', 'webhook_secret', 'webhookSecret', 'client_secret', 'signing_secret', 'webhooksecret']],
  ['seed', ['seed', 'X-Seed', 'x_seed', 'xseed', 'seed_phrase', 'wallet_seed']],
  ['password', ['password', 'Password', 'db_password', 'passwd', 'pwd', 'passphrase', 'redisPassword']],
  ['token', ['token', 'access_token', 'accessToken', 'refresh_token', 'id_token', 'accesstoken', 'sessionToken']],
  ['authorization', ['authorization', 'Authorization', 'proxy-authorization', 'cookie', 'set-cookie']],
  ['API key', ['api_key', 'apiKey', 'apikey', 'x-api-key', 'X-API-Key', 'private_key', 'signing_key', 'access_key']],
];
const ordinary = [
  'id',
  'code',
  'error_code',
  'status_code',
  'idempotency_key',
  'request_id',
  'company',
  'japan',
  'span',
  'spinner',
  'pinned',
  'opinion',
  'expand',
  'footprint',
  'tokens_used_count',
  'label',
  'amount',
  'last4',
  'bin_id',
  'network',
  'merchant',
  'page',
  'per_page',
  'key',
  'seeded_at',
  'description',
];

describe('isSensitiveKey: a rule on key names covering the whole family', () => {
  it.each(sensitive.flatMap(([family, keys]) => keys.map((key) => [key, family] as const)))(
    '%s (%s) is sensitive',
    (key) => {
      expect(isSensitiveKey(key)).toBe(true);
    },
  );

  it.each(ordinary)('%s stays readable', (key) => {
    expect(isSensitiveKey(key)).toBe(false);
  });
});

describe('values under such keys are masked wherever text or values are redacted', () => {
  const body = JSON.stringify({
    id: 'card_8xK2m9Lp4q',
    card_cvv: '847',
    cvv2: '847',
    security_code: '8472',
    otp_code: '551203',
    card_pin: '9931',
    '3ds_code': '551203',
    code: 400,
  });

  it('in a ProviderResponseError excerpt, and so in its JSON and util.inspect', () => {
    const excerpt = excerptOf(body);
    expect(excerpt).toBe(
      '{"id":"card_8xK2m9Lp4q","card_cvv":"[redacted]","cvv2":"[redacted]","security_code":"[redacted]",' +
        '"otp_code":"[redacted]","card_pin":"[redacted]","3ds_code":"[redacted]","code":400}',
    );
    const error = new ProviderResponseError('acme cards.get: the response does not match', { excerpt });
    for (const printed of [JSON.stringify(error), inspect(error, { depth: Number.POSITIVE_INFINITY })]) {
      expect(printed).not.toMatch(/847|551203|9931/);
    }
  });

  it('in key=value text and util.inspect output', () => {
    expect(redactText('card_cvv=847&cvv2=847&otp_code=551203&page=2')).toBe(
      'card_cvv=[redacted]&cvv2=[redacted]&otp_code=[redacted]&page=2',
    );
    expect(redactText("{ securityCode: '8472', label: 'ads' }")).toBe("{ securityCode: '[redacted]', label: 'ads' }");
  });

  it('in values copied for hooks and logs', () => {
    expect(redactValue({ card_cvv: '847', nested: { otpCode: 551203 }, code: 'E1' })).toEqual({
      card_cvv: '[redacted]',
      nested: { otpCode: '[redacted]' },
      code: 'E1',
    });
  });
});
