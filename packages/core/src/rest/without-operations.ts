import type { Operation } from '../port/capabilities.js';

/**
 * An operation list without the ones a provider's page does not document, for its capabilities:
 * `withoutOperations(allOperations, ['wallet.deposits', 'threeDS.get'])`. Declaring what is left out, rather than
 * re-listing what is in, says in one line what the page lacks. A port operation added later is declared by default:
 * the contract suite then checks the adapter serves it, and the adapter's page decides whether it is left out.
 */
export function withoutOperations<const All extends readonly Operation[], const Undocumented extends All[number]>(
  all: All,
  undocumented: readonly Undocumented[],
): readonly Exclude<All[number], Undocumented>[] {
  const left = all.filter(
    (operation): operation is Exclude<All[number], Undocumented> =>
      !(undocumented as readonly Operation[]).includes(operation),
  );
  return Object.freeze(left);
}
