/** The names a config's `extends` may give; the presets themselves are in presets.ts (which config-types.ts must not import). */
export const PRESET_IDS = ['recommended', 'strict'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export function isPresetId(value: string): value is PresetId {
  return (PRESET_IDS as readonly string[]).includes(value);
}
