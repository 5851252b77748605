import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue';

/** `source`'s value, settled for `ms` milliseconds. */
export function useDebounced<T>(source: WatchSource<T>, ms: number, initial: T): Ref<T> {
  const settled = ref(initial) as Ref<T>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(source, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      settled.value = value;
    }, ms);
  });
  onScopeDispose(() => clearTimeout(timer));
  return settled;
}
