import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderResponseError } from '../errors/provider-response-error.js';
import { excerptOf, maxExcerptLength, parseJson, parseSuccessBody } from './response-parsing.js';

const card = z.looseObject({ id: z.string(), balance: z.number() });
const context = { provider: 'acme', operation: 'cards.get', status: 200, requestId: 'req_header' };

function thrown(action: () => unknown): ProviderResponseError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProviderResponseError) return error;
    throw error;
  }
  throw new Error('expected a ProviderResponseError');
}

describe('parseSuccessBody', () => {
  it('returns the parsed data and the body request id over the header one', () => {
    const parsed = parseSuccessBody(
      card,
      '{"id":"card_1","balance":4.5,"extra":true,"request_id":"req_body"}',
      context,
    );
    expect(parsed.data).toEqual({ id: 'card_1', balance: 4.5, extra: true, request_id: 'req_body' });
    expect(parsed.requestId).toBe('req_body');
  });

  it('names the failing fields, with the request id and a redacted excerpt', () => {
    const error = thrown(() =>
      parseSuccessBody(card, '{"id":7,"card_number":"4916 5301 2345 2039","request_id":"req_9"}', context),
    );
    expect(error.message).toContain('id');
    expect(error.message).toContain('balance');
    expect(error.requestId).toBe('req_9');
    expect(error.status).toBe(200);
    expect(error.excerpt).toContain('"card_number":"[redacted]"');
  });

  it('reports an HTML page as not JSON, with a short excerpt', () => {
    const error = thrown(() => parseSuccessBody(card, `<html>${'x'.repeat(1000)}</html>`, context));
    expect(error.message).toContain('not JSON');
    expect(error.requestId).toBe('req_header');
    expect(error.excerpt?.length).toBeLessThanOrEqual(maxExcerptLength + 1);
  });

  it('reads as many records of a huge bad page as of a small one, and still names the failing fields', () => {
    // The shape of a list endpoint: `{ data: [...] }` or a bare array. Every record misses its fields.
    let recordsRead = 0;
    const record = z.preprocess(
      (value) => {
        recordsRead++;
        return value;
      },
      z.looseObject({ id: z.string(), amount: z.number() }),
    );
    const list = z.union([z.looseObject({ data: z.array(record) }), z.array(record)]);
    const records = 100_000;
    const body = JSON.stringify({ data: Array.from({ length: records }, () => ({ pan: '4916531288472039' })) });

    const error = thrown(() => parseSuccessBody(list, body, context));
    // The list alternative that read furthest names the record's fields, not "(body) Invalid input".
    expect(error.message).toContain('does not match: data.0.id');
    expect(error.message).toContain('data.0.amount');
    expect(error.excerpt?.length).toBeLessThanOrEqual(maxExcerptLength + 1);
    expect(error.excerpt).not.toContain('4916531288472039');
    // A few records for the verdict and the fields named, not the 100,000 received (each of which made issues).
    expect(recordsRead).toBeLessThan(20);

    recordsRead = 0;
    const fieldsNamed = thrown(() =>
      parseSuccessBody(z.looseObject({ data: z.array(record) }), JSON.stringify({ data: [{}, {}, {}, {}] }), context),
    );
    expect(fieldsNamed.message).toContain('data.0.id');
    expect(fieldsNamed.message).toContain('data.0.amount');
    expect(recordsRead).toBeLessThan(10);
  });

  it('still reads a huge valid page whole, and finds a bad record far into it', () => {
    const item = z.looseObject({ id: z.string() });
    const page = z.looseObject({ data: z.array(item) });
    const records = Array.from({ length: 10_000 }, (_, index) => ({ id: `txn_${index}` }));
    expect(parseSuccessBody(page, JSON.stringify({ data: records }), context).data.data).toHaveLength(10_000);

    const badFarIn = [...records.slice(0, 9_000), { id: 9 }, ...records.slice(9_000)];
    expect(thrown(() => parseSuccessBody(page, JSON.stringify({ data: badFarIn }), context)).message).toContain(
      'data.9000.id',
    );
  });

  it('names a field under a huge key by the start of the key, redacted', () => {
    const metadata = z.looseObject({ metadata: z.record(z.string(), z.string()) });
    const key = `card 4916531288472039 ${'k'.repeat(1_000_000)}`;
    const error = thrown(() => parseSuccessBody(metadata, JSON.stringify({ metadata: { [key]: 7 } }), context));
    expect(error.message).toContain('metadata.');
    expect(error.message.length).toBeLessThan(500);
    expect(error.message).not.toMatch(/49165312/);
  });

  it('names the fields of the alternative that read furthest, under the path of a nested union', () => {
    const item = z.looseObject({ id: z.string() });
    const nested = z.looseObject({ page: z.union([z.looseObject({ data: z.array(item) }), z.array(item)]) });
    const error = thrown(() => parseSuccessBody(nested, '{"page":{"data":[{"id":7}]}}', context));
    expect(error.message).toContain('does not match: page.data.0.id');
  });

  it('reports an empty body unless the schema accepts undefined', () => {
    expect(thrown(() => parseSuccessBody(card, '', context)).message).toContain('is empty');
    expect(parseSuccessBody(z.undefined(), '', context).data).toBeUndefined();
  });
});

describe('parseJson and excerptOf', () => {
  it('never throws on bad JSON', () => {
    expect(parseJson('{"a":')).toEqual({ ok: false });
    expect(parseJson(' ')).toEqual({ ok: true, value: undefined });
  });

  it('redacts before cutting, so no half PAN survives the cut', () => {
    const body = `${'a'.repeat(maxExcerptLength - 8)} 4916531288472039`;
    expect(excerptOf(body)).not.toMatch(/49165312/);
  });
});
