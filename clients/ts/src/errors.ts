/**
 * Query failures a client can act on: the node's REST gateway answers with an
 * HTTP status and a gRPC code (a missing pool is 404 / NotFound, a bad denom
 * or amount 400 / InvalidArgument), and QueryError carries both.
 */
export enum GrpcCode {
  OK = 0,
  Canceled = 1,
  Unknown = 2,
  InvalidArgument = 3,
  DeadlineExceeded = 4,
  NotFound = 5,
  AlreadyExists = 6,
  PermissionDenied = 7,
  ResourceExhausted = 8,
  FailedPrecondition = 9,
  Aborted = 10,
  OutOfRange = 11,
  Unimplemented = 12,
  Internal = 13,
  Unavailable = 14,
  DataLoss = 15,
  Unauthenticated = 16,
}

export class QueryError extends Error {
  constructor(
    message: string,
    /** HTTP status of the REST answer (0 when the node could not be reached). */
    readonly httpStatus: number,
    /** gRPC status code the node gave, or Unavailable when it could not be reached. */
    readonly code: GrpcCode,
    readonly path: string,
  ) {
    super(message);
    this.name = "QueryError";
  }

  /** The thing asked for does not exist (a pool, a pending change, oracle data). */
  get isNotFound(): boolean {
    return this.code === GrpcCode.NotFound;
  }

  /** The request itself is wrong (a bad denom, amount or id): retrying will not help. */
  get isInvalidArgument(): boolean {
    return this.code === GrpcCode.InvalidArgument;
  }

  /** The pool's state forbids it now (paused, a breaker, a ratio limit). */
  get isFailedPrecondition(): boolean {
    return this.code === GrpcCode.FailedPrecondition;
  }

  /** The node failed or could not be reached: worth retrying later. */
  get isUnavailable(): boolean {
    return this.httpStatus === 0 || this.httpStatus >= 500;
  }
}
