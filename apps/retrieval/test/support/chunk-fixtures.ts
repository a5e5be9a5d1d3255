import type { ChunkMetadata, ChunkPoint } from '../../src/store/vector-store';

export const DIM = 4;
export const A = 'tenant-a';

/** A unit vector in the x-y plane at `degrees`: cosine between two is the cosine of their angle. */
export function at(degrees: number): number[] {
  const radians = (degrees * Math.PI) / 180;
  return [Math.cos(radians), Math.sin(radians), 0, 0];
}

export function chunk(
  tenantId: string,
  documentId: string,
  chunkIndex: number,
  vector: number[],
  metadata: ChunkMetadata = {},
  text = `${tenantId}/${documentId}#${chunkIndex}`,
): ChunkPoint {
  return { tenantId, documentId, chunkIndex, text, metadata, vector };
}
