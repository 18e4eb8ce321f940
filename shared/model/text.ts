// Text normalisation shared by role detection, stage inference and header signatures.
// Pure: no Node, no DOM.

/** Words glued to a trailing "id" in exports such as Zoho's ACCOUNTID or POTENTIALID. */
const GLUED_ID_PREFIXES = new Set([
  'account', 'potential', 'lead', 'contact', 'deal', 'opportunity', 'user', 'task', 'campaign', 'quote',
  'record', 'prospect', 'product', 'customer', 'client', 'company', 'owner', 'activity', 'event', 'call',
  'organization', 'organisation', 'org', 'person', 'ticket', 'order', 'invoice', 'team', 'rep', 'agent',
]);

/**
 * Lower case, no accents, no punctuation, words separated by one space. camelCase is split
 * ("TotalVisits" -> "total visits") and so are ligatures (œ, æ, ß).
 */
export function normaliseText(input: string): string {
  return input
    .replace(/([a-z\u00e0-\u00ff])([A-Z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/[łđ]/g, (c) => (c === 'ł' ? 'l' : 'd'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** normaliseText, plus glued ids split ("ACCOUNTID" -> "account id", "LEADID" -> "lead id"). */
export function normaliseHeader(header: string): string {
  const words = normaliseText(header).split(' ').filter((w) => w.length > 0);
  const out: string[] = [];
  for (const w of words) {
    if (w.length > 2 && w.endsWith('id') && GLUED_ID_PREFIXES.has(w.slice(0, -2))) {
      out.push(w.slice(0, -2), 'id');
    } else if (w.length > 3 && w.endsWith('ids') && GLUED_ID_PREFIXES.has(w.slice(0, -3))) {
      out.push(w.slice(0, -3), 'ids');
    } else {
      out.push(w);
    }
  }
  return out.join(' ');
}

export function words(normalised: string): string[] {
  return normalised.length === 0 ? [] : normalised.split(' ');
}

/** True when `phrase` (normalised) occurs in `text` (normalised) as whole words. */
export function containsPhrase(text: string, phrase: string): boolean {
  if (phrase.length === 0) return false;
  return ` ${text} `.includes(` ${phrase} `);
}

/** FNV-1a over UTF-16 code units, two 32-bit lanes with different seeds: 16 hex digits. */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = (b ^ (b >>> 13)) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
