/**
 * Training time of the neural-lm family (plugins/neural-lm.ts) per generation, single-threaded:
 * one fit from scratch on 50,000 tokens of real text at the default configuration (the issue's
 * target: ≤ 5 s on one core), one fine-tune of that model on 50,000 tokens of its own samples,
 * and the time to sample them. Run by `npm run bench` (or `npm run bench:neural [truth]`). Prints
 * figures, asserts nothing.
 */
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import {
  fitNeuralLm,
  NEURAL_LM_DEFAULTS,
  neuralLmLoss,
  sampleNeuralLm,
} from "../plugins/neural-lm.ts";
import { derive, truthFromSpec } from "../src/engine.ts";

const TOKENS = 50_000;
// The first argument that is not a flag (`npm run bench` passes --quick and --built to every part).
const truthSpec = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "text";
const truth = truthFromSpec(truthSpec);
const data = truth.sampleReal(derive(1, "bench-neural-data"), TOKENS);
if (data.kind !== "sequence") throw new TypeError(`truth ${truthSpec} must produce sequences`);

/** CPU seconds of this process (user + system): wall time on a shared machine counts waits. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const seconds = (f: () => void) => {
  const t0 = performance.now();
  const c0 = cpuSeconds();
  f();
  return { wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0 };
};
const show = (t: { wall: number; cpu: number }) =>
  `${t.cpu.toFixed(2)} s CPU (${t.wall.toFixed(2)} s wall)`;

let model = fitNeuralLm(data, { epochs: 1 }, derive(1, "bench-neural-warm"));
const scratch = seconds(() => {
  model = fitNeuralLm(data, {}, derive(1, "bench-neural-fit"));
});
let samples = data;
const sampling = seconds(() => {
  samples = sampleNeuralLm(model, derive(1, "bench-neural-sample"), TOKENS);
});
const tune = seconds(() => {
  fitNeuralLm(samples, { init: "base" }, derive(1, "bench-neural-tune"), model);
});
const d = NEURAL_LM_DEFAULTS;
console.log(
  `neural-lm on ${truthSpec}, ${TOKENS} tokens, ${cpus()[0]?.model ?? "cpu"}; defaults vocab=${d.vocab} context=${d.context} dim=${d.dim} hidden=${d.hidden} epochs=${d.epochs} tuneEpochs=${d.tuneEpochs} batch=${d.batch} lr=${d.lr}; ${model.units} units in ${model.classes} classes`,
);
console.log(`  train from scratch (${d.epochs} epochs): ${show(scratch)}  (target ≤ 5 s)`);
console.log(`  fine-tune (${d.tuneEpochs} epochs):         ${show(tune)}`);
console.log(`  sample ${TOKENS} tokens:                ${show(sampling)}`);
console.log(`  training loss after the fit: ${neuralLmLoss(model, data).toFixed(3)} nats/token`);
