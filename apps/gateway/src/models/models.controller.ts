import { NotFoundError, Subjects, type Model, type ModelList } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Controller, Get, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { keyOf } from '../auth/principal';

/**
 * The models the llm service serves — for a key with an allow-list, only those it may use.
 * Ids contain a slash (`local/echo`), hence the wildcard route.
 */
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly messaging: MessagingClient) {}

  @Get()
  async list(@Req() request: FastifyRequest): Promise<ModelList> {
    const models = await this.messaging.request(Subjects.llmModelsList, {});
    const allowed = keyOf(request)?.models;
    if (!allowed) return models;
    return { ...models, data: models.data.filter((model) => allowed.includes(model.id)) };
  }

  @Get('*')
  async retrieve(@Param('*') id: string, @Req() request: FastifyRequest): Promise<Model> {
    const models = await this.list(request);
    const model = models.data.find((candidate) => candidate.id === id);
    if (!model) {
      throw new NotFoundError(`The model '${id}' does not exist or you do not have access to it.`, {
        code: 'model_not_found',
        param: 'model',
      });
    }
    return model;
  }
}
