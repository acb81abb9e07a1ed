/**
 * Writes schemas/report.schema.json from the zod schema of report.json (`npm run schema`);
 * test/report/jsonSchema.test.ts fails when the committed file is stale.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { reportJsonSchema } from "../src/report/contract/schema.ts";

mkdirSync(new URL("../schemas/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("../schemas/report.schema.json", import.meta.url),
  `${JSON.stringify(reportJsonSchema(), null, 2)}\n`,
);
