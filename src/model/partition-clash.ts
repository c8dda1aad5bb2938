import { InvalidDefinition } from "../errors/index.js";
import { skBlock, skBlocksOverlap } from "../keys/sk-block.js";
import type { KeyPart, ModelMeta } from "./meta.js";

/**
 * Whether two models write into the same partitions: equal suffix and equal identifiers of
 * the partition key fields (pk, or gsi on GSI1). Key strings are built from exactly these.
 */
export function sharePartitions(a: ModelMeta, b: ModelMeta, index: boolean): boolean {
  const parts = (m: ModelMeta): readonly KeyPart[] => (index ? m.gsi : m.pk);
  const ids = (m: ModelMeta) => parts(m).map((p) => p.identifier).join("#");
  return a.suffix === b.suffix && parts(a).length > 0 && parts(b).length > 0 && ids(a) === ids(b);
}

/** How two clashing models are told apart: their first sk field, or a no-sk model's name. */
function skSource(meta: ModelMeta): string {
  const first = meta.sk[0];
  return first ? `${meta.name}.${first.name} (identifier "${first.identifier}")` : `${meta.name} (no sk fields: SK "${meta.name}")`;
}

/** The table (pk) or GSI1 (gsi) partitions two models share with overlapping SKs, if any. */
function clashesIn(a: ModelMeta, b: ModelMeta): string | undefined {
  if (!skBlocksOverlap(skBlock(a), skBlock(b))) return undefined;
  if (sharePartitions(a, b, false)) return "table partitions";
  if (sharePartitions(a, b, true)) return "GSI1 partitions";
  return undefined;
}

/**
 * Refuses models registered together whose items would interleave under one key condition:
 * they share partitions and their SKs start alike. Their items could then overwrite each
 * other (equal keys), and a page of one would be filled with the other's items.
 */
export function checkPartitionClashes(where: string, models: readonly ModelMeta[]): void {
  for (let i = 0; i < models.length; i++) {
    for (const other of models.slice(i + 1)) {
      const model = models[i]!;
      if (model === other) continue;
      const shared = clashesIn(model, other);
      if (!shared) continue;
      throw new InvalidDefinition(
        `${where}: ${model.name} and ${other.name} share ${shared} and their sort keys start alike: ` +
          `${skSource(model)} and ${skSource(other)}. Their items would interleave and could overwrite each other. ` +
          `Give one of their first sk fields another \`identifier\` (e.g. field.string({ sk: true, identifier: "OF" })), or another suffix.`,
      );
    }
  }
}
