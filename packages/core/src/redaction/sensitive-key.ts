/*
 * Which key names hold a value that must never be printed, as a rule on the words of the name rather than a list of
 * spellings: providers echo the same field as `cvv`, `card_cvv`, `cvv2`, `securityCode`, `CSC`, and the rule has to
 * catch the spelling nobody listed yet. A key is split into words at `-`, `_`, `.`, spaces, case changes and
 * letter/digit changes (`cardCvv2` → card, cvv, 2; `X-Api-Key` → x, api, key).
 */

/** Words that make a key sensitive wherever they appear in it: `card_cvv`, `pin_block`, `access_token`. */
const sensitiveWords = new Set([
  // Card verification values (CVV, CVC, CSC, CVN, CID) and the card number.
  'cvv',
  'cvc',
  'csc',
  'cvn',
  'pan',
  'pin',
  // One-time passwords of a 3-D Secure challenge.
  'otp',
  'passcode',
  // Credentials.
  'secret',
  'seed',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'token',
  'authorization',
  'apikey',
  'cookie',
  'credential',
  'credentials',
  'mnemonic',
]);

/** Two adjacent words that make a key sensitive: `security_code`, `cardNumber`, `x-api-key`, `verification_code`. */
const sensitivePairs: readonly (readonly [string, string])[] = [
  ['security', 'code'],
  ['card', 'number'],
  ['account', 'number'],
  ['card', 'verification'],
  ['verification', 'code'],
  ['verification', 'value'],
  ['challenge', 'code'],
  ['confirmation', 'code'],
  ['auth', 'code'],
  ['authentication', 'code'],
  ['sms', 'code'],
  ['ds', 'code'], // `3ds_code`, `threeDsCode`: the digits split off
  ['one', 'time'], // one-time password, one_time_code
  ['api', 'key'],
  ['private', 'key'],
  ['signing', 'key'],
  ['access', 'key'],
  ['encryption', 'key'],
];

/** Long enough to count anywhere in the key, separators removed: `proxyauthorization`, `clientsecretvalue`. */
const compactIncludes = ['authorization', 'securitycode', 'cardnumber', 'apikey', 'password', 'passphrase', 'secret'];

/**
 * Short credential words glued to another word in a one-word key (`webhooksecret`, `xseed`, `otpcode`, `cvvmasked`,
 * `accesstoken`): a match only with a known prefix or suffix, so `japan`, `spinner`, `company` and `footprint` stay
 * readable.
 */
const gluedWords = ['cvv', 'cvc', 'csc', 'otp', 'pan', 'pin', 'seed', 'token', 'passcode'];
const gluedPrefixes = new Set(['', 'x', 'webhook', 'signing', 'client', 'access', 'refresh', 'id', 'auth', 'bearer']);
for (const prefix of ['api', 'card', 'user', 'account', 'wallet', 'master', 'session', 'csrf', 'xsrf', 'sms', 'full']) {
  gluedPrefixes.add(prefix);
}
const gluedSuffixes = new Set(['', 'code', 'masked', 'value', 'number', 'hash', 'block', 'digits', 'phrase']);

/** Lower-case words of a key: `cardCvv2` → `['card', 'cvv', '2']`, `X-API-Key` → `['x', 'api', 'key']`. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)|(\d)([A-Za-z])/g, (_match, letter1, digit1, digit2, letter2) =>
      letter1 === undefined ? `${digit2} ${letter2}` : `${letter1} ${digit1}`,
    )
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * Whether a JSON key, header name or `key=value` key names a sensitive value. The family it covers: card verification
 * values (`cvv`, `cvv2`, `card_cvv`, `cvc`, `csc`, `security_code`), PINs, the card number (`pan`, `card_number`,
 * `primaryAccountNumber`), 3-D Secure one-time passwords and codes (`otp`, `otp_code`, `verification_code`,
 * `3ds_code`, `passcode`), secrets, seeds (a `Seed` header), passwords, tokens (`access_token`), `authorization`, API and
 * private keys (`x-api-key`, `signing_key`), cookies. Case and separators do not matter. `idempotency_key`, `code`,
 * `tokens_used_count` and `company` are not sensitive.
 */
export function isSensitiveKey(key: string): boolean {
  const words = keyWords(key);
  if (words.some((word) => sensitiveWords.has(word))) return true;
  for (let index = 0; index + 1 < words.length; index++) {
    const pair = [words[index], words[index + 1]];
    if (sensitivePairs.some(([first, second]) => pair[0] === first && pair[1] === second)) return true;
  }
  const compact = words.join('');
  if (compactIncludes.some((part) => compact.includes(part))) return true;
  return words.some((word) => isGluedCredentialWord(word));
}

function isGluedCredentialWord(word: string): boolean {
  for (const credential of gluedWords) {
    const at = word.indexOf(credential);
    if (at < 0) continue;
    if (gluedPrefixes.has(word.slice(0, at)) && gluedSuffixes.has(word.slice(at + credential.length))) return true;
  }
  return false;
}
