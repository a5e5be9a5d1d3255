import { SetMetadata } from '@nestjs/common';

export const ADMIN_ONLY = Symbol('ADMIN_ONLY');

/** The route (or every route of the controller) needs the admin key. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);
