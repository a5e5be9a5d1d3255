import { Subjects, type ParsedRequestOf } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { DocumentsService } from './documents.service';

@Injectable()
export class DocumentsHandler {
  constructor(private readonly documents: DocumentsService) {}

  @Handle(Subjects.retrievalDocumentUpsert)
  upsert(payload: ParsedRequestOf<typeof Subjects.retrievalDocumentUpsert>) {
    return this.documents.upsert(payload);
  }

  @Handle(Subjects.retrievalDocumentDelete)
  async delete(payload: ParsedRequestOf<typeof Subjects.retrievalDocumentDelete>) {
    const { chunks } = await this.documents.delete(payload);
    return {
      object: 'document.deleted' as const,
      id: payload.documentId,
      deleted: chunks > 0,
      chunks,
    };
  }
}
