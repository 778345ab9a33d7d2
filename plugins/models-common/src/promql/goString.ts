/**
 * The value of a PromQL string literal, or why Prometheus would refuse it. Prometheus unquotes strings with Go's
 * rules (strconv.Unquote, with single quotes allowed around strings): the escapes \a \b \f \n \r \t \v \\, the
 * quote itself, \x and three octal digits for bytes, \u and \U for code points. Written here because Prometheus'
 * grammar for the browser (lezer-promql) accepts any backslash sequence and no JavaScript library unquotes Go.
 */
export function unquotePromqlString(literal: string): { value: string } | { error: string } {
  const quote = literal[0];
  if (literal.length < 2 || literal.at(-1) !== quote) return { error: `the string ${literal.slice(0, 20)} is not closed` };
  const body = literal.slice(1, -1);
  if (quote === '`') return body.includes('`') ? { error: 'a raw string cannot hold a backtick' } : { value: body };
  let value = '';
  let bytes: number[] = [];
  const flushBytes = () => {
    if (!bytes.length) return true;
    try {
      value += new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    } catch {
      return false;
    }
    bytes = [];
    return true;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === quote) return { error: `an unescaped ${quote} ends the string early` };
    if (c === '\n') return { error: 'a quoted string cannot span lines' };
    if (c !== '\\') {
      if (!flushBytes()) return { error: 'the \\x or octal escapes do not form UTF-8' };
      value += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e in simple || e === quote) {
      if (!flushBytes()) return { error: 'the \\x or octal escapes do not form UTF-8' };
      value += simple[e] ?? quote;
    } else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (/^[0-7]{3}$/.test(body.slice(i, i + 3)) && parseInt(body.slice(i, i + 3), 8) <= 255) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else if ((e === 'u' || e === 'U') && new RegExp(`^[0-9a-fA-F]{${e === 'u' ? 4 : 8}}$`).test(body.slice(i + 1, i + (e === 'u' ? 5 : 9)))) {
      const digits = e === 'u' ? 4 : 8;
      const code = parseInt(body.slice(i + 1, i + 1 + digits), 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return { error: `\\${e}${body.slice(i + 1, i + 1 + digits)} is not a Unicode code point` };
      if (!flushBytes()) return { error: 'the \\x or octal escapes do not form UTF-8' };
      value += String.fromCodePoint(code);
      i += digits;
    } else {
      return { error: `\\${e ?? ''} is not an escape Prometheus knows (use \\\\ for a backslash)` };
    }
  }
  if (!flushBytes()) return { error: 'the \\x or octal escapes do not form UTF-8' };
  return { value };
}
