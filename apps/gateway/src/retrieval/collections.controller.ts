import { CollectionCreateSchema, CollectionNameSchema } from '@conduit/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { keyOf, principalOf } from '../auth/principal';
import { parseInput } from '../http/parse-input';
import { RetrievalClient } from './retrieval.client';
import { tenantOf } from './tenant';

/**
 * `/v1/collections`: a tenant's (a key's team's) document collections. The vector dimension
 * follows the collection's embedding model.
 */
@Controller('v1/collections')
export class CollectionsController {
  constructor(private readonly retrieval: RetrievalClient) {}

  @Post()
  @HttpCode(200)
  create(@Body() body: unknown, @Req() request: FastifyRequest) {
    return this.retrieval.request('retrieval.v1.collection.create', {
      requestId: request.id,
      tenantId: tenantOf(principalOf(request)),
      collection: parseInput(CollectionCreateSchema, body),
      allowedModels: keyOf(request)?.models ?? null,
    });
  }

  @Get()
  list(@Req() request: FastifyRequest) {
    return this.retrieval.request('retrieval.v1.collection.list', {
      tenantId: tenantOf(principalOf(request)),
    });
  }

  @Get(':name')
  get(@Param('name') name: string, @Req() request: FastifyRequest) {
    return this.retrieval.request('retrieval.v1.collection.get', {
      tenantId: tenantOf(principalOf(request)),
      name: parseInput(CollectionNameSchema, name),
    });
  }

  @Delete(':name')
  delete(@Param('name') name: string, @Req() request: FastifyRequest) {
    return this.retrieval.request('retrieval.v1.collection.delete', {
      tenantId: tenantOf(principalOf(request)),
      name: parseInput(CollectionNameSchema, name),
    });
  }
}
