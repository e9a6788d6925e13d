#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (the test kit ships source, like the other packages).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/simulate.ts");
