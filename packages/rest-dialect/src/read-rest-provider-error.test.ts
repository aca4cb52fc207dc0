import { describe, expect, it } from 'vitest';
import { readRestProviderError } from './read-rest-provider-error.js';

const documented = (status: number, error = 'nope') =>
  JSON.stringify({ error, message: 'Refused.', code: status, request_id: `req_${status}` });

describe('readRestProviderError', () => {
  it('reads the documented body as a refusal on the statuses both pages document (400, 401, 404, 429)', () => {
    for (const status of [400, 401, 404, 429]) {
      expect(readRestProviderError(status, documented(status, 'insufficient_funds'))).toEqual({
        code: 'insufficient_funds',
        message: 'Refused.',
        requestId: `req_${status}`,
        refusal: true,
      });
    }
  });

  it('is no refusal on an undocumented status, with code other than the status, or without error', () => {
    for (const status of [403, 409, 422, 500, 503])
      expect(readRestProviderError(status, documented(status))?.refusal).toBe(false);
    expect(readRestProviderError(400, documented(404))).toMatchObject({ code: 'nope', refusal: false });
    expect(readRestProviderError(400, JSON.stringify({ message: 'no', code: 400 }))).toMatchObject({ refusal: false });
  });

  it('reads nothing from a body that is not a JSON object', () => {
    for (const body of ['', '<html>Bad Gateway</html>', '[1]', 'null', '"text"']) {
      expect(readRestProviderError(502, body)).toBeUndefined();
    }
  });
});
