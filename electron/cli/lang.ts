// The language of the command line's messages: `--lang en|fr|nl|de` on any command, else the
// environment (QUARTERDECK_LANG, then LC_ALL, LC_MESSAGES and LANG as POSIX orders them), else
// English. JSON output does not depend on it.
import { createTranslator, isLanguage, pickLanguage, type Language, type Translator } from '../../shared/i18n';

/** The language the environment asks for: "fr_FR.UTF-8" -> fr; C, POSIX or unset -> English. */
export function languageFromEnv(env: NodeJS.ProcessEnv): Language {
  for (const name of ['QUARTERDECK_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (value === 'C' || value === 'POSIX' || value.startsWith('C.')) return 'en';
    return pickLanguage([value]);
  }
  return 'en';
}

/**
 * Takes `--lang xx` / `--lang=xx` out of the arguments (wherever it is, so that even an argument
 * error is reported in the chosen language). `invalid` holds a value that is no language.
 */
export function takeLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): { args: string[]; t: Translator; invalid: string | null } {
  const args: string[] = [];
  let chosen: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') {
      chosen = argv[i + 1] ?? '';
      i++;
    } else if (a.startsWith('--lang=')) {
      chosen = a.slice('--lang='.length);
    } else {
      args.push(a);
    }
  }
  const valid = chosen !== null && isLanguage(chosen.toLowerCase());
  const language = valid ? (chosen!.toLowerCase() as Language) : languageFromEnv(env);
  return { args, t: createTranslator(language), invalid: chosen !== null && !valid ? chosen : null };
}
