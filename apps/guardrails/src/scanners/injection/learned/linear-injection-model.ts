import { readFileSync } from 'node:fs';
import { FEATURE_BITS, FEATURE_COUNT, type SparseFeatures } from './hashed-features';

/** File magic, then a little-endian uint32 header length, the JSON header, the int8 weights. */
const MAGIC = 'CIM1';

/** What the header of a weights file says (written by apps/guardrails/training/). */
export interface ModelHeader {
  /** e.g. `injection-linear-v1`; reported in findings and metrics. */
  name: string;
  featureBits: number;
  bias: number;
  /** int8 weight × scale = weight. */
  scale: number;
  /**
   * The raw probability at which the model flags a text at its design false-positive rate;
   * calibrated scores map it to 0.5, the scanners' default threshold.
   */
  operatingPoint: number;
}

/**
 * A logistic-regression injection classifier over hashed features: one weight per bucket.
 * Loaded once per process (≈ 256 KB of int8 weights).
 */
export class LinearInjectionModel {
  private constructor(
    readonly header: ModelHeader,
    private readonly weights: Float32Array,
  ) {}

  static fromBuffer(buffer: Buffer): LinearInjectionModel {
    if (buffer.toString('latin1', 0, 4) !== MAGIC) {
      throw new Error('Not a Conduit injection model file (bad magic).');
    }
    const headerLength = buffer.readUInt32LE(4);
    const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerLength)) as ModelHeader;
    if (header.featureBits !== FEATURE_BITS) {
      throw new Error(
        `Injection model ${header.name} has 2^${header.featureBits} features; this build hashes into 2^${FEATURE_BITS}.`,
      );
    }
    const raw = buffer.subarray(8 + headerLength);
    if (raw.length !== FEATURE_COUNT) {
      throw new Error(`Injection model ${header.name} is truncated (${raw.length} weights).`);
    }
    const weights = new Float32Array(FEATURE_COUNT);
    for (let i = 0; i < FEATURE_COUNT; i++) weights[i] = ((raw[i] << 24) >> 24) * header.scale;
    return new LinearInjectionModel(header, weights);
  }

  static fromFile(path: string): LinearInjectionModel {
    return LinearInjectionModel.fromBuffer(readFileSync(path));
  }

  /** Serialises weights in the file format above (the training script writes with this). */
  static encode(header: Omit<ModelHeader, 'scale'>, weights: Float32Array): Buffer {
    let largest = 0;
    for (const weight of weights) largest = Math.max(largest, Math.abs(weight));
    const scale = largest > 0 ? largest / 127 : 1;
    const quantised = Buffer.alloc(weights.length);
    for (let i = 0; i < weights.length; i++) {
      quantised[i] = Math.round(weights[i] / scale) & 0xff;
    }
    const json = Buffer.from(JSON.stringify({ ...header, scale }), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    return Buffer.concat([Buffer.from(MAGIC, 'latin1'), length, json, quantised]);
  }

  /** The raw probability that the window is an injection. */
  probability(features: SparseFeatures): number {
    let sum = this.header.bias;
    const { indices, values } = features;
    for (let k = 0; k < indices.length; k++) sum += this.weights[indices[k]] * values[k];
    return 1 / (1 + Math.exp(-sum));
  }

  /**
   * The probability rescaled so the operating point lands on 0.5 (piecewise linear): the
   * per-key `injection_threshold` then moves the learned verdict and the rules' together.
   */
  calibrated(probability: number): number {
    const point = this.header.operatingPoint;
    return probability < point
      ? (0.5 * probability) / point
      : 0.5 + (0.5 * (probability - point)) / (1 - point);
  }
}
