/**
 * Worker thread of runChainsThreaded: serves the tasks that arrive on its port one at a time
 * (a task only loads plug-ins asynchronously; its chains run synchronously).
 */
import { type MessagePort, workerData } from "node:worker_threads";
import { loadPlugins } from "./loadPlugins.ts";
import { serveTask, type Task } from "./runChainsThreaded.ts";

const { port, plugins } = workerData as { port: MessagePort; plugins: readonly string[] };
// A plug-in that fails to load here fails again in the task that needs it (which then runs in
// the calling thread).
let queue: Promise<void> = loadPlugins(plugins).catch(() => {});
port.on("message", (task: Task) => {
  queue = queue.then(() =>
    serveTask(task, (reply, transfer) => port.postMessage(reply, transfer)).catch(() => {}),
  );
});
