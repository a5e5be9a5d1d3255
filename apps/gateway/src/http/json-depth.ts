import { ValidationError } from '@conduit/contracts';

/**
 * Refuses a parsed JSON value nested deeper than `maxDepth` objects/arrays. Validators and
 * JSON-schema compilers recurse, so a body nested 10,000 deep would overflow their stacks (a
 * 500); this walk is iterative and stops at the first container past the limit.
 */
export function assertJsonDepth(value: unknown, maxDepth: number): void {
  if (value === null || typeof value !== 'object') return;
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [unknown, number];
    if (depth > maxDepth) {
      throw new ValidationError(
        `The JSON body is nested too deeply (more than ${maxDepth} levels of objects and arrays).`,
        { code: 'json_too_deep' },
      );
    }
    const children = Array.isArray(node) ? node : Object.values(node as object);
    for (const child of children) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
}
