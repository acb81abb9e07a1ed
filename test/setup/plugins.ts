// Registers the project's plug-ins (package.json `collapse.plugins`) in every test file's
// module graph, before the file runs: claims then name them in specs like built-ins.
import { loadProjectPlugins } from "../../src/chain/loadPlugins.ts";

await loadProjectPlugins(new URL("../..", import.meta.url).pathname);
