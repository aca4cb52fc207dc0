import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import colors from 'picocolors';

/** Where a command writes: standard output for results, standard error for notes and progress. */
export interface OutputStreams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean | undefined };
}

/** One column of a human table: its heading and how a row shows in it. */
export interface Column<Row> {
  readonly heading: string;
  readonly cell: (row: Row) => string;
}

/**
 * How results are printed. `--json` gives exactly one JSON document on standard output (lists as `{ "data": [...] }`),
 * with the library's field names (money as `{ amount: cents, currency }`); otherwise a table or `key  value` lines.
 * Notes (a hint, "3 cards") go to standard error, so they never mix with what a script reads.
 */
export interface Output {
  readonly json: boolean;
  readonly streams: OutputStreams;
  /** Prints one result: a JSON document, or `key  value` lines built from `fields`. */
  record<Value>(value: Value, fields: readonly Column<Value>[], toJson?: (value: Value) => unknown): void;
  /** Prints a list: `{ "data": [...] }` in JSON, otherwise a table with the given columns. */
  list<Row>(rows: readonly Row[], columns: readonly Column<Row>[], toJson?: (row: Row) => unknown): void;
  /** A line for people, on standard error (not printed with `--json`, which must stay one document). */
  note(text: string): void;
}

/** An `Output` over the given streams. */
export function createOutput(json: boolean, streams: OutputStreams): Output {
  const write = (text: string) => streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return {
    json,
    streams,
    record(value, fields, toJson) {
      if (json) {
        write(JSON.stringify(toJson === undefined ? value : toJson(value), null, 2));
        return;
      }
      const width = Math.max(...fields.map((field) => field.heading.length));
      write(fields.map((field) => `${colors.bold(field.heading.padEnd(width))}  ${field.cell(value)}`).join('\n'));
    },
    list(rows, columns, toJson) {
      if (json) {
        write(JSON.stringify({ data: toJson === undefined ? rows : rows.map(toJson) }, null, 2));
        return;
      }
      const table = new Table({
        head: columns.map((column) => colors.bold(column.heading)),
        style: { head: [], border: [] },
      });
      for (const row of rows) table.push(columns.map((column) => column.cell(row)));
      write(table.toString());
    },
    note(text) {
      if (!json) streams.stderr.write(`${colors.dim(text)}\n`);
    },
  };
}

/** A CSV writer that streams: the header first, then one line per row (RFC 4180 quoting, by csv-stringify). */
export function createCsvWriter<Row>(stream: NodeJS.WritableStream, columns: readonly Column<Row>[]) {
  let started = false;
  return (row: Row) => {
    if (!started) {
      stream.write(stringify([columns.map((column) => column.heading)]));
      started = true;
    }
    stream.write(stringify([columns.map((column) => column.cell(row))]));
  };
}
