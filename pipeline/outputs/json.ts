// annex.json: the same content as the CSV files, validated against the schema before it is
// written, so that a consumer never reads a file the schema would reject.
import { AnnexJson } from '../records.js';

export function toJson(json: AnnexJson): string {
  const checked = AnnexJson.safeParse(json);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`annex.json failed its schema at ${issue.path.join('.')}: ${issue.message}`);
  }
  return JSON.stringify(checked.data, null, 2) + '\n';
}
