import type { ParsedRequestOf, ResponseInputOf, SubjectName } from '@conduit/contracts';
import { SetMetadata } from '@nestjs/common';
import type { MsgHdrs } from 'nats';

export const HANDLE_SUBJECT = Symbol('HANDLE_SUBJECT');

export interface HandlerContext {
  subject: string;
  headers?: MsgHdrs;
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
