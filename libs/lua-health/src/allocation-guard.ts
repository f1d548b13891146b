// fengari keeps every Lua string in a Uint8Array it creates with
// `new Uint8Array(length)`. While a script runs, the global constructor is
// swapped for a subclass that counts the bytes requested and refuses a request
// past the run's budget, so `s = s .. s` in a loop fails in milliseconds
// instead of exhausting the process. Runs are synchronous, so nothing else
// observes the swap; it is undone before the run returns.

export class AllocationLimitError extends RangeError {
  constructor(readonly limitBytes: number) {
    super(`Lua script allocated more than ${Math.round(limitBytes / (1024 * 1024))} MiB of strings`);
  }
}

const NativeUint8Array = Uint8Array;
let budgetRemaining = Infinity;
let budgetLimit = Infinity;

// Checks the budget, then builds a native Uint8Array: subclass instances would
// push fengari's copies (TypedArray.prototype.set) off V8's fast paths.
function CountingUint8Array(...args: unknown[]): Uint8Array {
  const [first] = args;
  if (typeof first === 'number') {
    budgetRemaining -= first;
    if (budgetRemaining < 0) throw new AllocationLimitError(budgetLimit);
  }
  return Reflect.construct(NativeUint8Array, args) as Uint8Array;
}
CountingUint8Array.prototype = NativeUint8Array.prototype;
Object.setPrototypeOf(CountingUint8Array, NativeUint8Array);
// fengari asserts `x instanceof Uint8Array`; arrays made before the swap (or by
// TextEncoder) must still pass.
Object.defineProperty(CountingUint8Array, Symbol.hasInstance, {
  value: (value: unknown) => value instanceof NativeUint8Array,
});

const globals = globalThis as unknown as { Uint8Array: typeof Uint8Array };

/**
 * Runs `work` with string allocations capped at `limitBytes`. fengari turns a
 * JavaScript error inside the VM into a failed pcall, so the caller learns of a
 * refusal from `exceeded`, not from an exception.
 */
export function withAllocationLimit<T>(limitBytes: number, work: () => T): { result: T; exceeded: boolean } {
  const outer = globals.Uint8Array;
  const outerRemaining = budgetRemaining;
  const outerLimit = budgetLimit;
  budgetRemaining = limitBytes;
  budgetLimit = limitBytes;
  globals.Uint8Array = CountingUint8Array as unknown as typeof Uint8Array;
  try {
    const result = work();
    return { result, exceeded: budgetRemaining < 0 };
  } finally {
    globals.Uint8Array = outer;
    budgetRemaining = outerRemaining;
    budgetLimit = outerLimit;
  }
}
