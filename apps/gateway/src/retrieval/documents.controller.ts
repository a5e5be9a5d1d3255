import {
  CollectionNameSchema,
  DocumentIdSchema,
  DocumentsUpsertSchema,
  formatMicroUsd,
  SearchBodySchema,
  type EmbeddingUsage,
} from '@conduit/contracts';
import { Body, Controller, Delete, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { keyOf, principalOf } from '../auth/principal';
import { parseInput } from '../http/parse-input';
import { MeteredRetrieval } from './metered-retrieval.service';
import { RetrievalClient } from './retrieval.client';
import { tenantOf } from './tenant';

/**
 * Documents of a collection and search over them. Ingest and search embed text, so both are
 * metered (budget hold first, one usage event after) and carry `x-conduit-cost-usd`.
 */
@Controller('v1/collections/:name')
export class DocumentsController {
  constructor(
    private readonly retrieval: RetrievalClient,
    private readonly metered: MeteredRetrieval,
  ) {}

  /** Upserts by document id: chunked by tokens with overlap, embedded, stored. */
  @Post('documents')
  @HttpCode(200)
  async upsert(
    @Param('name') name: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const collection = parseInput(CollectionNameSchema, name);
    const { documents } = parseInput(DocumentsUpsertSchema, body);
    const principal = principalOf(request);
    const result = await this.metered.run(
      meteredCall(request, reply, 'collections.documents'),
      (budget) =>
        this.retrieval.request('retrieval.v1.document.upsert', {
          requestId: request.id,
          tenantId: tenantOf(principal),
          collection,
          documents,
          budget,
          allowedModels: keyOf(request)?.models ?? null,
        }),
    );
    setCost(reply, result.embedding);
    return {
      object: 'list',
      data: result.documents.map((document) => ({ object: 'document', ...document })),
      usage: usageView(result.embedding),
    };
  }

  @Delete('documents/:id')
  deleteDocument(
    @Param('name') name: string,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
  ) {
    return this.retrieval.request('retrieval.v1.document.delete', {
      tenantId: tenantOf(principalOf(request)),
      collection: parseInput(CollectionNameSchema, name),
      documentId: parseInput(DocumentIdSchema, id),
    });
  }

  /** The tenant's chunks nearest to the query, best first. */
  @Post('search')
  @HttpCode(200)
  async search(
    @Param('name') name: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const collection = parseInput(CollectionNameSchema, name);
    const search = parseInput(SearchBodySchema, body);
    const principal = principalOf(request);
    const result = await this.metered.run(
      meteredCall(request, reply, 'collections.search'),
      (budget) =>
        this.retrieval.request('retrieval.v1.search', {
          requestId: request.id,
          tenantId: tenantOf(principal),
          collection,
          query: search.query,
          topK: search.top_k,
          filter: search.filter ?? null,
          scoreThreshold: search.score_threshold ?? null,
          budget,
          allowedModels: keyOf(request)?.models ?? null,
        }),
    );
    setCost(reply, result.embedding);
    return {
      object: 'list',
      data: result.hits.map((hit) => ({ object: 'search.hit', ...hit })),
      usage: usageView(result.embedding),
    };
  }
}

function meteredCall(request: FastifyRequest, reply: FastifyReply, endpoint: string) {
  return {
    requestId: request.id,
    principal: principalOf(request),
    endpoint,
    rateLimited: true,
    onRateLimit: (headers: Record<string, string>) => reply.headers(headers),
  };
}

function setCost(reply: FastifyReply, embedding: EmbeddingUsage): void {
  reply.header('x-conduit-cost-usd', formatMicroUsd(embedding.charge.costMicroUsd));
}

function usageView(embedding: EmbeddingUsage) {
  return {
    prompt_tokens: embedding.inputTokens,
    total_tokens: embedding.inputTokens,
    model: embedding.charge.model,
  };
}
