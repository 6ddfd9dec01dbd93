/** Regenerate schemas/*.schema.json from the zod schemas (`npm run schemas`). */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_SCHEMAS, renderJsonSchema } from "../src/config/json-schemas.js";

const dir = join(import.meta.dirname, "..", "schemas");
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(CONFIG_SCHEMAS)) {
  writeFileSync(join(dir, name), renderJsonSchema(schema));
  console.log(`wrote schemas/${name}`);
}
