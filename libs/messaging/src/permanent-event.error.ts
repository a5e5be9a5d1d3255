/**
 * Thrown by a durable-event handler when this event can never succeed as it is (its data is
 * refused, it contradicts what is stored): the consumer dead-letters it at once instead of
 * retrying it, so it cannot hold a slot that other events need.
 */
export class PermanentEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentEventError';
  }
}
