/** What a handler answers: status and JSON body, in Qdrant's envelope. */
export interface QdrantReply {
  status: number;
  body: unknown;
}

/**
 * Thrown by handlers to answer with Qdrant's error envelope,
 * `{"status":{"error":"…"},"time":…}`.
 */
export class QdrantHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** 400 with the prefix serde's errors carry in Qdrant. */
  static format(detail: string): QdrantHttpError {
    return new QdrantHttpError(400, `Format error in JSON body: ${detail}`);
  }

  /** 400 `StorageError::BadInput`. */
  static wrongInput(detail: string): QdrantHttpError {
    return new QdrantHttpError(400, `Wrong input: ${detail}`);
  }

  static collectionNotFound(name: string): QdrantHttpError {
    return new QdrantHttpError(404, `Not found: Collection \`${name}\` doesn't exist!`);
  }
}

/** `{"result": …, "status": "ok", "time": seconds}`. */
export function okReply(result: unknown, startedAt: number): QdrantReply {
  return { status: 200, body: { result, status: 'ok', time: elapsedSeconds(startedAt) } };
}

export function errorReply(status: number, message: string, startedAt: number): QdrantReply {
  return { status, body: { status: { error: message }, time: elapsedSeconds(startedAt) } };
}

function elapsedSeconds(startedAt: number): number {
  return Math.max(0.000001, (performance.now() - startedAt) / 1000);
}
