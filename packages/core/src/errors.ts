/** Base class of every error Strata throws on purpose. */
export class StrataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A tensor or weight has the wrong shape, rank or size for the op or layer. */
export class ShapeError extends StrataError {}

/** An argument has an invalid value (negative size, rate out of range, NaN where forbidden...). */
export class ValueError extends StrataError {}

/** A tensor has the wrong dtype for the op. */
export class DTypeError extends StrataError {}

/** The backend could not run (WebAssembly unavailable, worker crashed, heap cannot grow). */
export class BackendError extends StrataError {}
