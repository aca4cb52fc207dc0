import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeadlineHeap } from './deadline-heap.js';

describe('DeadlineHeap', () => {
  it('pops items in deadline order whatever the order they were pushed in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 })), (deadlines) => {
        const heap = new DeadlineHeap<{ deadline: number }>();
        for (const deadline of deadlines) heap.push({ deadline });
        const popped: number[] = [];
        for (let item = heap.pop(); item; item = heap.pop()) popped.push(item.deadline);
        expect(popped).toEqual([...deadlines].sort((left, right) => left - right));
        expect(heap.size).toBe(0);
      }),
    );
  });

  it('shows the earliest deadline without removing it', () => {
    const heap = new DeadlineHeap<{ deadline: number }>();
    heap.push({ deadline: 30 });
    heap.push({ deadline: 10 });
    heap.push({ deadline: 20 });
    expect(heap.peek()).toEqual({ deadline: 10 });
    expect(heap.size).toBe(3);
  });
});
