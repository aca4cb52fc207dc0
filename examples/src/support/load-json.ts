import { readFile } from 'node:fs/promises';

/** Reads a JSON config file. The content is validated by whoever consumes it (`createGateway` parses with zod). */
export async function loadJson<Value>(url: URL): Promise<Value> {
  return JSON.parse(await readFile(url, 'utf8')) as Value;
}
