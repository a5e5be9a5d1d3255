import { NotFoundError, Subjects, type Model, type ModelList } from '@conduit/contracts';
import { MessagingClient } from '@conduit/messaging';
import { Controller, Get, Param } from '@nestjs/common';

/** The models the llm service serves; ids contain a slash (`local/echo`), hence the wildcard. */
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly messaging: MessagingClient) {}

  @Get()
  list(): Promise<ModelList> {
    return this.messaging.request(Subjects.llmModelsList, {});
  }

  @Get('*')
  async retrieve(@Param('*') id: string): Promise<Model> {
    const models = await this.messaging.request(Subjects.llmModelsList, {});
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
