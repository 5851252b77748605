/**
 * The call's keyboard shortcuts: single keys (M, V, E, F, C, P, ?) on the whole page, ignored while
 * typing (inputs, text areas, selects, editable text), with a modifier held (browser shortcuts stay
 * the browser's), on auto-repeat, or when something else already handled the key.
 */
import { onScopeDispose } from 'vue';

export type CallShortcutKey = 'm' | 'v' | 'e' | 'f' | 'c' | 'p' | '?';

/** True when the key press belongs to a text field or similar, not to the call. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return !!element.closest('input, textarea, select, [contenteditable=""], [contenteditable=true], [role=textbox]');
}

/** Which shortcut a key event stands for, if any. */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'defaultPrevented' | 'target'>,
): CallShortcutKey | null {
  if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTyping(event.target)) return null;
  const key = event.key.toLowerCase();
  return key === 'm' || key === 'v' || key === 'e' || key === 'f' || key === 'c' || key === 'p' || key === '?' ? key : null;
}

/** Listens on the window for as long as the calling component lives. */
export function useCallShortcuts(handlers: Partial<Record<CallShortcutKey, () => void>>): void {
  const onKeydown = (event: KeyboardEvent) => {
    const key = shortcutOf(event);
    const handler = key && handlers[key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };
  window.addEventListener('keydown', onKeydown);
  onScopeDispose(() => window.removeEventListener('keydown', onKeydown));
}
