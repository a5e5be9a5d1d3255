import {
  Subjects,
  type InputScanRequest,
  type OutputScanRequest,
  type OutputSessionScanRequest,
} from '@conduit/contracts';
import { Handle, HandlePerReplica, type HandlerContext } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { InputScanService } from '../input/input-scan.service';
import { OutputScanSessions } from '../output/output-scan-sessions';

@Injectable()
export class ScanHandler {
  constructor(
    private readonly input: InputScanService,
    private readonly output: OutputScanSessions,
  ) {}

  @Handle(Subjects.guardrailsInputScan)
  scanInput(payload: InputScanRequest) {
    return this.input.scan(payload);
  }

  @Handle(Subjects.guardrailsOutputScan)
  scanOutput(payload: OutputScanRequest, context: HandlerContext) {
    return this.output.scan(payload, context.replica);
  }

  /** A later window of a stream whose session this replica keeps. */
  @HandlePerReplica(Subjects.guardrailsOutputSessionScan)
  scanOutputInSession(payload: OutputSessionScanRequest, context: HandlerContext) {
    return this.output.scanInSession(payload, context.replica);
  }
}
