import { Subjects, type InputScanRequest, type OutputScanRequest } from '@conduit/contracts';
import { Handle } from '@conduit/messaging';
import { Injectable } from '@nestjs/common';
import { InputScanService } from '../input/input-scan.service';
import { OutputScanService } from '../output/output-scan.service';

@Injectable()
export class ScanHandler {
  constructor(
    private readonly input: InputScanService,
    private readonly output: OutputScanService,
  ) {}

  @Handle(Subjects.guardrailsInputScan)
  scanInput(payload: InputScanRequest) {
    return this.input.scan(payload);
  }

  @Handle(Subjects.guardrailsOutputScan)
  scanOutput(payload: OutputScanRequest) {
    return this.output.scan(payload);
  }
}
