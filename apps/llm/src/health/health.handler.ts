import { Subjects } from '@conduit/contracts';
import { Handle, healthReport } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { ModelCatalogService } from '../catalog/model-catalog.service';

@Injectable()
export class HealthHandler {
  constructor(private readonly catalog: ModelCatalogService) {}

  @Handle(Subjects.llmHealthCheck)
  check() {
    return healthReport('llm', {
      catalog: { status: 'up', detail: `${this.catalog.list().data.length} models` },
    });
  }
}
