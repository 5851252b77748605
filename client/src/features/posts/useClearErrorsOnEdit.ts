import { watch, type Ref } from 'vue';

/**
 * Clears a field's error as soon as what it is about changes (the user is fixing it), instead of keeping the old
 * message until the next submit. `sources` maps an error's field name to what to watch for it.
 */
export function useClearErrorsOnEdit(fields: Ref<Record<string, string>>, sources: Record<string, () => unknown>): void {
  for (const [name, source] of Object.entries(sources)) {
    watch(source, () => {
      if (!(name in fields.value)) return;
      const rest = { ...fields.value };
      delete rest[name];
      fields.value = rest;
    });
  }
}
