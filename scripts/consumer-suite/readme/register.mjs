// Loaded with `node --import` before a README example: examples written for the real providers reach the local
// simulators instead. The example's code runs unchanged; only the adapters' default base URLs differ.
import { register } from 'node:module';

register('./redirect-hooks.mjs', import.meta.url);
