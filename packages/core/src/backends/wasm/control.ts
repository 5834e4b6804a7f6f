// Control block in shared memory (Int32 words at CONTROL_OFFSET) through which the main thread
// hands a job to the workers: write the fields, bump GENERATION and notify; each participating
// worker runs it and bumps DONE. Shared with the worker source, which receives these as numbers.
export const C_GENERATION = 0;
export const C_OP = 1;
export const C_JOB = 2;
export const C_VARIANT = 3;
/** Workers with index < PARTICIPANTS take part in the current job. */
export const C_PARTICIPANTS = 4;
export const C_DONE = 5;
/** 1 + index of the first worker that failed, 0 when none. */
export const C_ERROR = 6;
export const C_READY = 7;
export const C_ERROR_LENGTH = 8;
export const C_MAX_WORKERS = 64;
/** Polls of the control block before a thread sleeps in Atomics.wait (worker: next job; main: workers done). */
export const C_SPIN_ITERATIONS = 20000;
/** UTF-8 error message of the failed worker, in bytes after the words. */
export const C_MESSAGE_BYTE = 64;
export const C_MESSAGE_CAPACITY = 1024;
export const C_WORDS = (C_MESSAGE_BYTE + C_MESSAGE_CAPACITY) / 4;
