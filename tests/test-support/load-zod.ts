import { loadZod } from '../../packages/core/src/validation/zod.js';

// Unit tests use schemas on their own (a mapper's wire schema, an input schema, an options parser's output), which no
// application does: an application first uses a schema inside a call, and every call path loads zod before it
// validates (packages/core/src/validation/zod.ts). So each test file starts with zod loaded, as a process that has made
// one call has. tests/cold-start/zod-loads-with-the-first-call.test.ts proves each call path loads it on its own,
// in fresh modules.
await loadZod();
