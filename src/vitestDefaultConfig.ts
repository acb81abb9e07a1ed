/**
 * The vitest config `collapse verify`, `calibrate` and `verify-report` run a project with when
 * it has no vitest config of its own (and the harness's bundled claims): the preset, unchanged.
 */
import { collapsePreset } from "./vitest.ts";

export default collapsePreset();
