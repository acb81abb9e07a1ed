/**
 * The canonical simulation presets of a report (`body.simulations.preset`), in a module of
 * their own so the CLI can offer them without loading the schema.
 */
export const SIMULATION_PRESETS = ["standard", "small", "none"] as const;
export type SimulationPreset = (typeof SIMULATION_PRESETS)[number];
