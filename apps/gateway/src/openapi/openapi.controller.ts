import { ServiceUnavailableError } from '@conduit/contracts';
import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createReadStream } from 'node:fs';
import { DOCS_CONTENT_SECURITY_POLICY, docsPageHtml, findDocsBundle } from './docs-page';
import { buildOpenApiDocument } from './openapi.document';
import { ROUTES } from './routes';

const VERSION = process.env.npm_package_version ?? '0.1.0';

/**
 * `GET /openapi.json` (generated from the route table and the zod contracts, once, on first
 * request) and `GET /docs`, an API reference rendered by a bundle this gateway serves itself.
 * Outside `/v1`, so no key is needed (like /health).
 */
@Controller()
export class OpenApiController {
  private document: string | undefined;
  private readonly bundle = findDocsBundle();

  @Get('openapi.json')
  async openApi(@Res() reply: FastifyReply): Promise<void> {
    this.document ??= JSON.stringify(buildOpenApiDocument(ROUTES, { version: VERSION }));
    await reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(this.document);
  }

  @Get('docs')
  async docs(@Res() reply: FastifyReply): Promise<void> {
    await reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .send(docsPageHtml());
  }

  @Get('docs/scalar.js')
  async docsBundle(@Res() reply: FastifyReply): Promise<void> {
    if (!this.bundle) {
      throw new ServiceUnavailableError(
        'The docs bundle (@scalar/api-reference) is not installed; run npm install.',
        { code: 'docs_bundle_missing' },
      );
    }
    await reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(createReadStream(this.bundle));
  }
}
