// Character look-alikes that OCR engines confuse, and the two repairs that undo them: in a number
// a letter that looks like a digit is that digit, in a word a digit that looks like a letter is that letter.

/** Regex class source for one digit as OCR may read it. */
export const DIGIT = '[0-9OoIl|SB]';

const toDigitMap: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', '|': '1', S: '5', B: '8' };

/** Reads a digit-like string as digits; other characters are dropped (spaces, separators). */
export function digitsOf(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (toDigitMap[ch]) out += toDigitMap[ch];
  }
  return out;
}

/** How many characters of `s` had to be reinterpreted as digits. */
export const digitRepairs = (s: string): number => [...s].filter((ch) => toDigitMap[ch] !== undefined).length;

const toLetterMap: Record<string, string> = { '0': 'o', '1': 'l', '5': 's', '8': 'b', '|': 'l', '!': 'l' };

/**
 * Same length as the input: lowercased, digits that touch a letter read as letters. Keywords and
 * labels are searched in this copy; offsets stay valid for the original.
 */
export function letterFold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const mapped = toLetterMap[ch];
    if (mapped && (isLetter(s[i - 1]) || isLetter(s[i + 1]))) out += mapped;
    else out += ch.toLowerCase();
  }
  return out;
}

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);

/** Repairs a name token read with digits inside (Yi1maz → Yilmaz, 1oana → Ioana, M1LAN → MILAN). */
export function repairNameToken(token: string): string {
  const letters = token.replace(/[^\p{L}]/gu, '');
  const upper = letters.length > 1 && letters === letters.toUpperCase();
  let out = '';
  for (let i = 0; i < token.length; i++) {
    const ch = token[i]!;
    if (ch === '1' || ch === '|' || ch === '!') out += i === 0 || upper ? 'I' : 'l';
    else if (ch === 'l' && i === 0 && /\p{Ll}/u.test(token[1] ?? '')) out += 'I';
    else if (ch === '0') out += i === 0 || upper ? 'O' : 'o';
    else if (ch === '5') out += i === 0 || upper ? 'S' : 's';
    else if (ch === '8') out += 'B';
    else out += ch;
  }
  return out;
}

/** Levenshtein distance, small strings only (labels, month names). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

// Multi-letter misreads (n→ri, m→rn, h→li) and e/c are undone before comparing with a label.
const canonical = (s: string): string => s.replace(/rn/g, 'm').replace(/ri/g, 'n').replace(/li/g, 'h').replace(/c/g, 'e');

/** True when `word` is one of `labels` up to OCR damage (about one error in five characters). */
export function isFuzzyLabel(word: string, labels: readonly string[]): boolean {
  if (word.length === 0) return false;
  const w = canonical(word);
  return labels.some((label) => {
    const l = canonical(label);
    if (Math.abs(l.length - w.length) > 2) return false;
    const allowed = l.length <= 3 ? 0 : Math.max(1, Math.floor(l.length / 5));
    return editDistance(w, l) <= allowed;
  });
}
