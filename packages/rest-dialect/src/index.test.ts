import { describe, expect, it } from 'vitest';
import * as rest from './index.js';

/** A zod 4 schema carries its internals under `_zod`. */
const isZodSchema = (value: unknown): boolean => typeof value === 'object' && value !== null && '_zod' in value;

describe('@cardgw/rest-dialect public surface', () => {
  it('exports no zod schema, alone or in an object of fields', () => {
    const leaking = Object.entries(rest).filter(
      ([, value]) =>
        isZodSchema(value) || (typeof value === 'object' && value !== null && Object.values(value).some(isZodSchema)),
    );
    expect(leaking.map(([name]) => name)).toEqual([]);
  });
});
