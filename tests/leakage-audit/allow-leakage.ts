/*
 * The escape hatch of the leakage audit, for a test whose point is a value it fabricated itself: an error or hook
 * payload built around a sentinel to prove that something else redacts it. Use it around that one statement, never
 * around a call into the library whose output is being audited.
 */

interface AuditGate {
  /** How many `allowLeakageIn` calls are running; captures made meanwhile are not scanned. */
  allowed: number;
}

const gateKey = Symbol.for('cardgw.leakageAudit.gate');

/** Shared by the setup file and the test file through `globalThis`, whichever module instance each one loaded. */
export function auditGate(): AuditGate {
  const holder = globalThis as typeof globalThis & { [gateKey]?: AuditGate };
  holder[gateKey] ??= { allowed: 0 };
  return holder[gateKey];
}

/**
 * Runs `fabricate` (sync or async) with the audit looking away, and returns what it returns. Errors its calls reject
 * with are reported on `cardgw:error` as they leave the library; the audit looks back a microtask after it settles.
 */
export function allowLeakageIn<Result>(fabricate: () => Result): Result {
  const gate = auditGate();
  gate.allowed++;
  const release = () => queueMicrotask(() => gate.allowed--);
  let result: Result;
  try {
    result = fabricate();
  } catch (error) {
    release();
    throw error;
  }
  if (result instanceof Promise) return result.finally(release) as Result;
  release();
  return result;
}
