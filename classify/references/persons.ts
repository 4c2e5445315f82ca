import { isFuzzyLabel, letterFold, repairNameToken } from '../text/ocr-chars';
import type { Found } from './found';

// A person reference is a name together with a date of birth: "Olena Kovalenko, geb. 04.11.1990",
// "Kovalenko, Olena, geb. am …", "(geb. …)", or form fields (Familienname / Vorname(n) / Geburtsdatum,
// also the bilingual lines of a passport).

const particles = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'da', 'di', 'zu', 'ter', 'al', 'el', 'ben', 'bin']);
const notNames = new Set(['herr', 'herrn', 'frau', 'schuldner', 'schuldnerin', 'vollstreckungsschuldner',
  'vollstreckungsschuldnerin', 'antragsteller', 'antragstellerin', 'antragsgegner', 'kläger', 'klägerin', 'beklagte',
  'beklagter', 'betroffene', 'betroffener', 'betrifft', 'inhaber', 'inhaberin', 'teilnehmer', 'teilnehmerin', 'person',
  'ehegatte', 'ehegattin', 'arbeitnehmer', 'arbeitnehmerin', 'rechtsstreit', 'sache', 'sachen', 'verfahren',
  'versicherte', 'kunde', 'kundin', 'mandant', 'mandantin', 'name', 'familienname', 'vorname', 'vornamen', 'gegen',
  'für', 'von', 'und', 'der', 'die', 'das', 'ich', 'wir', 'zwangsvollstreckungssache', 'vollstreckungssache', 'dem',
  'des', 'im', 'in', 'an', 'mit', 'bei', 'zu', 'betreffend', 'namens', 'herrn', 'eheleute', 'geschäftsführer']);

const longNotNames = [...notNames].filter((w) => w.length >= 7);
const isNotName = (lower: string): boolean =>
  notNames.has(lower) || (lower.length >= 7 && isFuzzyLabel(lower, longNotNames));

/** A lost space glued a preposition to the word before the name ("Lebensunterhaltvon"). */
const joinedPreposition = /^\p{L}{5,}(?:von|vom|gegen|für|fur|mit|und|bei)$/u;

const titleCase = (t: string): string =>
  t === t.toUpperCase() ? t.toLowerCase().replace(/(^|[-\s'’])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()) : t;

// An initial "l" before a consonant is an I read wrong ("lngrid"); no German word starts that way.
const nameToken = /^(?:[\p{Lu}0-9|]|l(?=[b-df-hj-np-tv-zß]))[\p{L}0-9|'’-]*$/u;

/** Reads the name that ends at `end` (same line), or null. Returns the name and where it starts. */
function nameBefore(text: string, end: number): { last: string; first: string; start: number } | null {
  const lineStart = text.lastIndexOf('\n', end - 1) + 1;
  const segment = text.slice(Math.max(lineStart, end - 90), end);
  // A lost space joins two names ("VolkerHaddad"): split where a lower-case letter meets an upper-case one.
  const tokens: { 0: string; index: number }[] = [];
  for (const m of segment.matchAll(/[^\s,():;]+|,/gu)) {
    let offset = 0;
    for (const part of m[0].split(/(?<=\p{Ll})(?=\p{Lu})/u)) {
      tokens.push({ 0: part, index: m.index + offset });
      offset += part.length;
    }
  }
  const names: { text: string; index: number }[] = [];
  let comma = -1;
  for (let i = tokens.length - 1; i >= 0 && names.length < 6; i--) {
    const t = tokens[i]![0];
    if (t === ',') {
      if (comma >= 0 || names.length === 0) break;
      comma = names.length;
      continue;
    }
    const lower = letterFold(t);
    if (particles.has(lower)) {
      // "Van der Berg", "von der Leyen": a particle is part of the name when it is capitalised or follows
      // another particle; a lone "von" before a name is a preposition ("Unterhalt von Daria Szabo").
      const earlier = tokens[i - 1]?.[0] ?? '';
      const partOfName = names.length - Math.max(comma, 0) >= 1 && (/^\p{Lu}/u.test(t) || particles.has(letterFold(earlier)));
      if (!partOfName) break;
      names.push({ text: t, index: tokens[i]!.index });
      if (comma >= 0 && !particles.has(letterFold(earlier))) break; // "Van der Berg, Rüdiger": the name starts here
      continue;
    }
    if (!nameToken.test(t) || isNotName(lower) || !/\p{L}/u.test(t) || joinedPreposition.test(lower)) break;
    const afterToken = segment.slice(tokens[i]!.index + t.length, tokens[i + 1]?.index ?? segment.length);
    if (/:/.test(afterToken)) break;
    names.push({ text: t, index: tokens[i]!.index });
  }
  if (comma === names.length) comma = -1; // a comma with nothing before it belongs to the sentence
  while (names.length > 0 && /^\p{Ll}/u.test(names[names.length - 1]!.text)) names.pop();
  if (names.length < 2) return null;
  const ordered = names.slice().reverse().map((n) => titleCase(repairNameToken(n.text)));
  const start = Math.max(lineStart, end - 90) + names[names.length - 1]!.index;
  if (comma > 0) {
    const splitAt = names.length - comma;
    return { last: ordered.slice(0, splitAt).join(' '), first: ordered.slice(splitAt).join(' '), start };
  }
  let lastFrom = ordered.length - 1;
  for (let i = 1; i < ordered.length - 1; i++) if (particles.has(ordered[i]!.toLowerCase())) { lastFrom = i; break; }
  return { last: ordered.slice(lastFrom).join(' '), first: ordered.slice(0, lastFrom).join(' '), start };
}

const birthMarker = /(?:,\s?|\s?\(\s?|\s)(?:geb[.,]?\s?(?:am\s?)?|geboren\s?am\s?)$/u;

/** Name + date of birth written in a sentence. `dates` are the dates already found in the text. */
export function findInlinePersons(text: string, folded: string, dates: readonly Found[]): Found[] {
  const out: Found[] = [];
  for (const d of dates) {
    const before = folded.slice(Math.max(0, d.start - 20), d.start);
    const marker = birthMarker.exec(before);
    if (!marker) continue;
    const name = nameBefore(text, d.start - marker[0].length);
    if (!name) continue;
    const closes = marker[0].includes('(') && text[d.end] === ')';
    out.push({ type: 'person', value: `${name.last}, ${name.first}|${d.value}`, start: name.start,
      end: d.end + (closes ? 1 : 0), confidence: Math.min(0.95, d.confidence) });
  }
  return out;
}

const fieldLabels = {
  last: ['familienname', 'namesurname', 'nachname', 'name'],
  first: ['vornamen', 'vornamegivennames', 'vornamengivennames', 'vorname'],
  birth: ['geburtsdatum', 'geburtsdatumdateofbirth', 'geboren', 'geburtstag'],
};

function field(text: string, lineStart: number, lineEnd: number):
  { label: string; labelStart: number; value: string; valueStart: number } | null {
  const line = text.slice(lineStart, lineEnd);
  const colon = line.lastIndexOf(':');
  if (colon < 0) return null;
  // "Angaben zur Person: Familienname: Kaya": the label is what stands between the last two colons.
  const labelFrom = line.lastIndexOf(':', colon - 1) + 1;
  const labelText = line.slice(labelFrom, colon);
  const lead = /^[\s`'~.,]*/u.exec(labelText)![0].length;
  return { label: letterFold(labelText).replace(/[^\p{L}]/gu, ''), labelStart: lineStart + labelFrom + lead,
    value: line.slice(colon + 1).trim(), valueStart: lineStart + colon + 1 };
}

/** Name + date of birth as form fields on three consecutive lines. */
export function findFieldPersons(text: string, dates: readonly Found[]): Found[] {
  const out: Found[] = [];
  for (const d of dates) {
    const birthLineStart = text.lastIndexOf('\n', d.start - 1) + 1;
    const birth = field(text, birthLineStart, d.start + 1);
    if (!birth || !isFuzzyLabel(birth.label, fieldLabels.birth) || text.slice(birth.valueStart, d.start).trim() !== '') continue;
    const firstEnd = birthLineStart - 1;
    const firstStart = text.lastIndexOf('\n', firstEnd - 1) + 1;
    const lastEnd = firstStart - 1;
    const lastStart = text.lastIndexOf('\n', lastEnd - 1) + 1;
    if (firstEnd <= 0 || lastEnd <= 0) continue;
    const first = field(text, firstStart, firstEnd);
    const last = field(text, lastStart, lastEnd);
    if (!first || !last || !isFuzzyLabel(first.label, fieldLabels.first) || !isFuzzyLabel(last.label, fieldLabels.last)) continue;
    const clean = (s: string) => s.split(/\s+/).filter(Boolean).map((t) => titleCase(repairNameToken(t))).join(' ');
    if (!first.value || !last.value) continue;
    out.push({ type: 'person', value: `${clean(last.value)}, ${clean(first.value)}|${d.value}`, start: last.labelStart, end: d.end,
      confidence: Math.min(0.95, d.confidence) });
  }
  return out;
}
