// Worker-thread entry for runChainsThreaded from the sources: worker threads start without the
// parent's TypeScript loader, so register tsx here, then load the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./threadWorker.ts");
