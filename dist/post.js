import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  Docker,
  actionState,
  cleanup,
  warning
} from "./chunks/chunk-OWX66KIZ.js";

// src/entry/post.ts
try {
  await cleanup(new Docker(), actionState.load(), (message) => warning(message));
} catch (error) {
  warning(`Cleanup incomplete: ${error.message}`);
}
