import { ValidationError } from '@conduit/contracts';

/** A name already taken where names must be unique (teams; users and keys within a team). */
export function duplicateName(kind: string, name: string, where = ''): ValidationError {
  return new ValidationError(`A ${kind} named '${name}' already exists${where}.`, {
    code: 'duplicate_name',
    param: 'name',
  });
}

/** An id in a request body that names nothing. */
export function unknownReference(
  kind: 'team' | 'user' | 'key',
  id: string,
  param: string,
): ValidationError {
  return new ValidationError(`There is no ${kind} with id '${id}'.`, {
    code: `unknown_${kind}`,
    param,
  });
}
