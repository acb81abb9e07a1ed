/**
 * Exact samplers. Each takes an injected {@link RandomStream} and has a single-draw form and a
 * fill-an-array form for hot loops. Helpers marked `@internal` in the files are not exported here.
 */
export { beta, fillBeta } from "./beta.ts";
export { binomial, fillBinomial } from "./binomial.ts";
export { type AliasTable, createAliasTable } from "./categorical.ts";
export { chiSquare, fillChiSquare } from "./chiSquare.ts";
export { dirichlet, fillDirichlet } from "./dirichlet.ts";
export { exponential, fillExponential } from "./exponential.ts";
export { fillGamma, gamma } from "./gamma.ts";
export { fillMultinomial, multinomial, multinomialUnchecked } from "./multinomial.ts";
export { fillNormal, normal } from "./normal.ts";
export { fillPareto, pareto } from "./pareto.ts";
export { fillPoisson, poisson } from "./poisson.ts";
export { fillStudentT, studentT } from "./studentT.ts";
export { fillUniform, uniform } from "./uniform.ts";
export { fillUniformInt, uniformInt } from "./uniformInt.ts";
export { fillZipf, zipf, zipfProbabilities } from "./zipf.ts";
