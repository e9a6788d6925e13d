/**
 * A value or a promise of it. The engine stays synchronous (no microtask, no allocation of promises)
 * while every store answers synchronously, and becomes asynchronous only from the first store call
 * that returns a promise.
 */
export type MaybePromise<T> = T | PromiseLike<T>;

export function isPromiseLike<T>(value: MaybePromise<T>): value is PromiseLike<T> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** `next(value)` now if `value` is plain, after it resolves otherwise. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value);
}
