#!/usr/bin/env node
// Writes the Foxglove message schemas avfusion records (JSON Schema, from the pinned @foxglove/schemas package,
// MIT licence, copyright Foxglove Technologies Inc.) as one file per schema, e.g. foxglove.Grid.json.
// Usage: node export-schemas.mjs OUT_DIR   (the repository keeps them in
// drivers/src/main/resources/org/avfusion/drivers/recorded/foxglove/schemas; rerun after bumping @foxglove/schemas)
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import * as schemas from "@foxglove/schemas/jsonschema.js";

const WANTED = ["PointCloud", "CompressedImage", "LocationFix", "SceneUpdate", "Grid", "FrameTransform", "ImageAnnotations"];
const out = process.argv[2];
if (!out) {
  console.error("usage: node export-schemas.mjs OUT_DIR");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
for (const name of WANTED) {
  const schema = schemas[name];
  writeFileSync(join(out, `foxglove.${name}.json`), JSON.stringify(schema, null, 2) + "\n");
}
console.log(`wrote ${WANTED.length} schemas to ${out}`);
