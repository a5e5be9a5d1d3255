import type { ParsedRequestOf, ResponseInputOf, SubjectName } from '@conduit/contracts';
import { SetMetadata } from '@nestjs/common';
import type { MsgHdrs } from 'nats';

export const HANDLE_SUBJECT = Symbol('HANDLE_SUBJECT');
export const HANDLE_PER_REPLICA = Symbol('HANDLE_PER_REPLICA');

export interface HandlerContext {
  subject: string;
  headers?: MsgHdrs;
  /**
   * This process's replica id: a caller that must come back to this replica (state kept here,
   * e.g. a scanning session) sends to `<subject>.<replica>` with `request(…, { replica })`.
   */
  replica: string;
}

type HandlerMethod<S extends SubjectName> = (
  payload: ParsedRequestOf<S>,
  context: HandlerContext,
) => Promise<ResponseInputOf<S>> | ResponseInputOf<S>;

/**
 * Marks a provider method as the handler of a request/reply subject. The payload is
 * validated against the subject's contract before the method runs; the method's types
 * follow from the subject.
 */
export function Handle<S extends SubjectName>(subject: S) {
  return <M extends HandlerMethod<S>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    SetMetadata(HANDLE_SUBJECT, subject)(target, key, descriptor);
  };
}

/**
 * Like `Handle`, for requests that must reach this very replica (it keeps their state): the
 * method answers `<subject>.<replica id>` only, outside the queue group. Callers learn the
 * replica id from an earlier reply and pass it as `request(subject, payload, { replica })`.
 */
export function HandlePerReplica<S extends SubjectName>(subject: S) {
  const handle = Handle(subject);
  return <M extends HandlerMethod<S>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    handle(target, key, descriptor);
    SetMetadata(HANDLE_PER_REPLICA, true)(target, key, descriptor);
  };
}
