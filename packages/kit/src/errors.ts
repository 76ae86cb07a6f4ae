/** Where a problem sits in a file: 1-based line and column. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** Exit codes shared by every front end. */
export const ExitCode = {
  Ok: 0,
  GateFailed: 1,
  BadInput: 2,
  /** A bug: something we did not expect. */
  Internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The user can fix it: bad input, bad configuration, or a gate that said no.
 * Its message is shown as is, without a stack trace.
 */
export class UserError extends Error {
  override name = 'UserError';
  readonly exitCode: ExitCode = ExitCode.BadInput;
  /** Where the problem is, for an annotation on the file. */
  readonly location: SourceLocation | undefined;
  /** What to do about it, shown after the message. */
  readonly hint: string | undefined;

  constructor(message: string, options: { location?: SourceLocation; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.location = options.location;
    this.hint = options.hint;
  }

  /** True for any error the user can fix, whichever subclass. */
  static is(error: unknown): error is UserError {
    return error instanceof UserError;
  }
}

/** An action input or CLI flag with a value we cannot use. */
export class InputError extends UserError {
  override name = 'InputError';
  constructor(
    readonly input: string,
    message: string,
    options: { hint?: string } = {},
  ) {
    super(`input "${input}": ${message}`, options);
  }
}

/** A configuration file that does not parse or does not fit the schema. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
  /** Every problem found, so the user can fix them all in one go. */
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const first = problems[0];
    const head = first ? formatProblem(first) : 'invalid configuration';
    const more = problems.length > 1 ? `\n${problems.slice(1).map(formatProblem).join('\n')}` : '';
    super(head + more, first ? { location: first.location } : {});
    this.problems = problems;
  }
}

export interface ConfigProblem {
  location: SourceLocation;
  message: string;
}

function formatProblem(p: ConfigProblem): string {
  const { file, line, column } = p.location;
  const at = line === undefined ? file : column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
  return `${at}: ${p.message}`;
}

/** A gate said no: a regression, a failed analysis. Exit code 1. */
export class GateError extends UserError {
  override name = 'GateError';
  override readonly exitCode: ExitCode = ExitCode.GateFailed;
}

/** An HTTP answer we did not want; carries what retry logic needs. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    readonly status: number,
    /** Seconds or an HTTP date, as the server sent it in `Retry-After`. */
    readonly retryAfter?: string,
  ) {
    super(message);
  }

  /** 408, 429 and 5xx are worth another try; other 4xx are not. */
  static isRetryable(error: unknown): boolean {
    if (error instanceof HttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
    return isNetworkError(error);
  }
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** A connection-level failure (reset, refused, timed out), possibly wrapped by fetch. */
export function isNetworkError(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: errors made in another realm (a VM context, a worker) fail that test.
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name } = e as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (name === 'TimeoutError') return true;
  }
  return false;
}

/** The exit code a front end should use for an error thrown by a capability. */
export function exitCodeFor(error: unknown): ExitCode {
  return UserError.is(error) ? error.exitCode : ExitCode.Internal;
}
