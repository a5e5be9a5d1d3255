import { NotFoundError, type Model, type ModelList } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Controller, Get, Logger, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { keyOf } from '../auth/principal';
import { fetchServedModels } from './served-models';

/**
 * Every model the gateway serves, chat (with aliases) and embedding — for a key with an
 * allow-list, only those it may use. Ids contain a slash (`local/echo`), hence the wildcard
 * route. With one of the llm and embedding services down, the other's models are still listed.
 */
@Controller('v1/models')
export class ModelsController {
  private readonly logger = new Logger(ModelsController.name);

  constructor(private readonly messaging: MessagingClient) {}

  @Get()
  async list(@Req() request: FastifyRequest): Promise<ModelList> {
    const { models, incompleteBecause } = await fetchServedModels(this.messaging);
    if (incompleteBecause) {
      this.logger.warn(`Listing models without one service's: ${incompleteBecause.message}`);
    }
    const allowed = keyOf(request)?.models;
    const data = allowed ? models.filter((model) => allowed.includes(model.id)) : models;
    return { object: 'list', data };
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
