/** Room for a step's result in the closing table. */
const resultWidth = 100;

/** Prints one line per demo step and keeps them for the closing summary table. */
export function createStepPrinter(print: (line: string) => void) {
  const rows: { readonly step: string; readonly result: string }[] = [];
  const started = Date.now();
  function step(name: string, result: string): void {
    const elapsed = `${((Date.now() - started) / 1000).toFixed(2)}s`.padStart(7);
    print(`${elapsed}  ${name.padEnd(14)} ${result}`);
    if (!name.startsWith('  ')) rows.push({ step: name, result });
  }
  step.count = () => rows.length;
  step.table = () => {
    const width = Math.max(...rows.map((row) => row.step.length));
    const rule = `${'─'.repeat(width + 2)}┼${'─'.repeat(resultWidth + 2)}`;
    const lines = rows.map((row) => ` ${row.step.padEnd(width)} │ ${truncate(row.result, resultWidth)}`);
    return [` ${'step'.padEnd(width)} │ result`, rule, ...lines].join('\n');
  };
  return step;
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
