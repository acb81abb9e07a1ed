// Worker-thread entry for runChainsParallel. Worker threads start without the parent's
// TypeScript loader, so register tsx here, then load the TypeScript task.
import { register } from "tsx/esm/api";

register();
const { default: runChainRange } = await import("./chainWorker.ts");
export default runChainRange;
