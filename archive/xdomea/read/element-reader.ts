import { AppError } from '../../../contract/app-error';
import type { CodeValue } from '../model';
import type { XmlElement } from '../xml/safe-xml';

/**
 * Navigates the children of one element in the message's namespace. Missing required content and
 * unreadable values become `xdomea.invalid_content` with the element path and line.
 */
export class ElementReader {
  constructor(
    readonly element: XmlElement,
    private readonly ns: string,
    readonly path: string = element.name,
  ) {}

  get line(): number {
    return this.element.line;
  }

  all(name: string): ElementReader[] {
    return this.element.children
      .filter((c) => c.ns === this.ns && c.name === name)
      .map((c) => new ElementReader(c, this.ns, `${this.path}/${name}`));
  }

  opt(name: string): ElementReader | undefined {
    return this.all(name)[0];
  }

  req(name: string): ElementReader {
    const found = this.opt(name);
    if (!found) throw this.invalid(`${this.path}/${name}`, 'missing');
    return found;
  }

  /** The element's own text, exactly as written. */
  get value(): string {
    return this.element.text;
  }

  /** The element's text with surrounding whitespace removed, for typed values (xs:token, dates, ids). */
  get token(): string {
    return this.element.text.trim();
  }

  text(name: string): string | undefined {
    return this.opt(name)?.value;
  }

  reqText(name: string): string {
    return this.req(name).value;
  }

  tokenOf(name: string): string | undefined {
    return this.opt(name)?.token;
  }

  reqToken(name: string): string {
    const token = this.req(name).token;
    if (token === '') throw this.invalid(`${this.path}/${name}`, 'empty');
    return token;
  }

  bool(name: string): boolean | undefined {
    const found = this.opt(name);
    if (!found) return undefined;
    const token = found.token;
    if (token === 'true' || token === '1') return true;
    if (token === 'false' || token === '0') return false;
    throw this.invalid(found.path, 'not a boolean', found.line);
  }

  reqBool(name: string): boolean {
    const result = this.bool(name);
    if (result === undefined) throw this.invalid(`${this.path}/${name}`, 'missing');
    return result;
  }

  uint(name: string): number | undefined {
    const found = this.opt(name);
    if (!found) return undefined;
    if (!/^\+?\d+$/.test(found.token))
      throw this.invalid(found.path, 'not a non-negative integer', found.line);
    return Number(found.token);
  }

  /** This element as an XÖV code: unqualified `code` and `name` children, list attributes on the element. */
  asCode(): CodeValue {
    const children = this.element.children.filter((c) => c.ns === '');
    const code = children.find((c) => c.name === 'code')?.text.trim();
    if (code === undefined) throw this.invalid(`${this.path}/code`, 'missing');
    const codeName = children.find((c) => c.name === 'name')?.text;
    const { listURI, listVersionID } = this.element.attributes;
    return {
      code,
      ...(codeName !== undefined && { name: codeName }),
      ...(listURI !== undefined && { listUri: listURI }),
      ...(listVersionID !== undefined && { listVersion: listVersionID }),
    };
  }

  code(name: string): CodeValue | undefined {
    return this.opt(name)?.asCode();
  }

  reqCode(name: string): CodeValue {
    const result = this.code(name);
    if (!result) throw this.invalid(`${this.path}/${name}`, 'missing');
    return result;
  }

  invalid(element: string, problem: string, line: number = this.line): AppError {
    return new AppError('xdomea.invalid_content', { element, line }, `${element} ${problem} (line ${line})`);
  }
}

/** Drops undefined values and empty lists so that absent content stays absent in the model. */
export function compact<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    result[key] = v;
  }
  return result as T;
}
