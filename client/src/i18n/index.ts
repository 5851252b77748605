import { createI18n } from 'vue-i18n';
import en, { type MessageSchema } from './en';
import ko from './ko';
import { featureMessages } from './features';
import { setErrorTranslator } from '../composables/describeUserError';

export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'pp-enter.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // Storage disabled: fall back to the browser's language.
  }
}

/** The saved choice, else the first of the browser's languages we speak, else English. */
function detectLocale(languages: readonly string[] = navigator.languages?.length ? navigator.languages : [navigator.language]): Locale {
  const saved = storedLocale();
  if (saved) return saved;
  for (const tag of languages) {
    const primary = tag?.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: detectLocale(),
  fallbackLocale: 'en',
  messages: {
    en: Object.assign({}, en, ...featureMessages.map((m) => m.en)) as MessageSchema,
    ko: Object.assign({}, ko, ...featureMessages.map((m) => m.ko)) as MessageSchema,
  },
  missingWarn: false,
  fallbackWarn: false,
});

// describeUserError words API errors with the app's texts.
setErrorTranslator({
  t: (key, named) => (named ? i18n.global.t(key, named) : i18n.global.t(key)),
  te: (key) => i18n.global.te(key) || i18n.global.te(key, 'en'),
  locale: () => i18n.global.locale.value,
});

export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

/** Switches the language, remembers the choice and tells assistive tech via <html lang>. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered; still switched.
  }
}

/** Sets <html lang> for the language chosen at start-up. */
export function applyInitialLocale(): void {
  document.documentElement.lang = currentLocale();
}
