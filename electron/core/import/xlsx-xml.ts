// A small push tokenizer for the XML parts of an .xlsx, fed chunk by chunk. SpreadsheetML is a
// plain vocabulary (no DTDs, no entities beyond the predefined ones), so this reads exactly what
// the sheet reader needs and keeps no more than one unfinished tag between chunks. Element and
// attribute names are reported without their namespace prefix ("x:c" → "c", "r:id" → "id");
// namespace declarations are dropped.

export type Attrs = Record<string, string>;

export interface XmlHandler {
  open(name: string, attrs: Attrs, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data, entities decoded; one text node may arrive in several calls. */
  text(text: string): void;
}

const NO_ATTRS: Attrs = Object.freeze({}) as Attrs;
const ENTITY = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Entities decoded, and line ends normalised to LF as XML requires (a CR survives only as &#13;). */
export function decodeEntities(raw: string): string {
  const s = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named) return NAMED[named]!;
    const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class XmlScanner {
  private rest = '';

  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    const s = this.rest.length ? this.rest + chunk : chunk;
    const n = s.length;
    let pos = 0;
    let dq = -2; // position of the next '"' at or after the scan point (-1: none left), -2: unknown
    let sq = -2;
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      // Text runs are reported only once their end is seen, so no entity is split across chunks.
      if (lt < 0) break;
      if (lt > pos) this.h.text(decodeEntities(s.slice(pos, lt)));
      pos = lt;
      if (lt + 1 >= n) break;
      const c = s.charCodeAt(lt + 1);
      if (c === 33 /* ! */) {
        if (n - lt < 9) break; // not enough to tell a comment from CDATA or a declaration
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) break;
          pos = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) break;
          this.h.text(s.slice(lt + 9, end));
          pos = end + 3;
        } else {
          // <!DOCTYPE ...>, possibly with an internal subset in brackets.
          const bracket = s.indexOf('[', lt);
          const gt = s.indexOf('>', lt);
          if (gt < 0) break;
          if (bracket >= 0 && bracket < gt) {
            const end = s.indexOf(']>', bracket);
            if (end < 0) break;
            pos = end + 2;
          } else pos = gt + 1;
        }
        continue;
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) break;
        pos = end + 2;
        continue;
      }
      // A tag: its end is the first '>' outside quotes ('>' is legal inside attribute values).
      // Jumps from quote to quote with indexOf; the next quote of each kind is remembered, so a
      // chunk without any single quote is searched for one only once.
      let i = lt + 1;
      let gt = -1;
      for (;;) {
        gt = s.indexOf('>', i);
        if (gt < 0) break;
        if (dq !== -1 && dq < i) dq = s.indexOf('"', i);
        if (sq !== -1 && sq < i) sq = s.indexOf("'", i);
        const q = dq === -1 ? sq : sq === -1 ? dq : Math.min(dq, sq);
        if (q === -1 || q > gt) break;
        const close = s.indexOf(q === dq ? '"' : "'", q + 1);
        if (close < 0) {
          gt = -1;
          break;
        }
        i = close + 1;
      }
      if (gt < 0) break;
      i = gt;
      this.tag(s, lt, i);
      pos = i + 1;
    }
    this.rest = pos < n ? s.slice(pos) : '';
  }

  private tag(s: string, lt: number, gt: number): void {
    if (s.charCodeAt(lt + 1) === 47 /* / */) {
      let b = gt;
      while (b > lt + 2 && isSpace(s.charCodeAt(b - 1))) b--;
      let start = lt + 2;
      for (let k = b - 1; k > start; k--) {
        if (s.charCodeAt(k) === 58 /* : */) {
          start = k + 1;
          break;
        }
      }
      this.h.close(s.slice(start, b));
      return;
    }
    const selfClosing = s.charCodeAt(gt - 1) === 47;
    const end = selfClosing ? gt - 1 : gt;
    let i = lt + 1;
    let colon = -1;
    for (; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === 58 /* : */) colon = i;
      else if (isSpace(c)) break;
    }
    const name = s.slice(colon >= 0 ? colon + 1 : lt + 1, i);
    let attrs = NO_ATTRS;
    // Attributes, by hand (this is the hot loop of a sheet): name = "value" | 'value'.
    while (i < end) {
      if (isSpace(s.charCodeAt(i))) {
        i++;
        continue;
      }
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= end) break;
      let nameEnd = eq;
      while (nameEnd > i && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
      let q = eq + 1;
      while (q < end && isSpace(s.charCodeAt(q))) q++;
      const quote = s.charCodeAt(q);
      if (quote !== 34 && quote !== 39) break;
      const close = s.indexOf(quote === 34 ? '"' : "'", q + 1);
      if (close < 0 || close >= end) break;
      let nameStart = i;
      for (let k = nameEnd - 1; k > i; k--) {
        if (s.charCodeAt(k) === 58) {
          nameStart = k + 1;
          break;
        }
      }
      const isNs = nameStart === i ? nameEnd - i === 5 && s.startsWith('xmlns', i) : s.startsWith('xmlns:', i);
      if (!isNs) {
        if (attrs === NO_ATTRS) attrs = {};
        attrs[s.slice(nameStart, nameEnd)] = decodeEntities(s.slice(q + 1, close));
      }
      i = close + 1;
    }
    this.h.open(name, attrs, selfClosing);
    if (selfClosing) this.h.close(name);
  }
}

/** Runs a scanner over a whole string. */
export function scanXml(xml: string, h: XmlHandler): void {
  new XmlScanner(h).write(xml);
}
