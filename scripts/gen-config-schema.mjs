// Writes schemas/synthlint-config.schema.json from the rules' metadata (src/core/config-schema.ts).
// Run after adding a rule or an option: node scripts/gen-config-schema.mjs
// test/unit/core/config-schema.test.ts fails while the committed file differs from the generated one.
import { writeFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const { configJsonSchema } = await tsImport('../src/core/config-schema.ts', import.meta.url);
const { rules } = await tsImport('../src/core/rules/index.ts', import.meta.url);
const out = new URL('../schemas/synthlint-config.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(configJsonSchema(rules), null, 2)}\n`);
console.log(`wrote ${out.pathname} (${rules.length} rules)`);
