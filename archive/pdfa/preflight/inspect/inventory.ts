import { PDFDict, PDFRawStream, type PDFContext, type PDFObject } from 'pdf-lib';
import type { WorkBudget } from '../parse/work-budget';
import { arrayOf, dictOf, entries, get, nameOf, resolve } from './pdf-values';

/**
 * Everything the pages use, found by walking each page's (inherited) resources, its annotations'
 * appearance streams, and recursively the resources of Form XObjects, tiling patterns, Type 3 fonts and
 * soft-mask groups. Each item keeps where it was first met (English, for report details).
 */
export interface Used<T> {
  readonly value: T;
  readonly where: string;
}

export interface Inventory {
  readonly pageCount: number;
  readonly pages: readonly PageEntry[];
  readonly fonts: readonly Used<PDFDict>[];
  readonly images: readonly Used<PDFDict>[];
  readonly forms: readonly Used<PDFDict>[];
  readonly extGStates: readonly Used<PDFDict>[];
  /** Transparency group dictionaries (page /Group, form /Group). */
  readonly groups: readonly Used<PDFDict>[];
  readonly annotations: readonly Used<PDFDict>[];
  /** Colour space values from /ColorSpace resources and image dictionaries, unresolved arrays or names. */
  readonly colorSpaces: readonly Used<PDFObject>[];
}

interface Pending {
  readonly resources: PDFDict | undefined;
  readonly where: string;
  readonly depth: number;
}

export interface PageEntry extends Used<PDFDict> {
  /** The page's own or inherited /Resources, unresolved. */
  readonly resources: PDFObject | undefined;
}

export function collectPages(context: PDFContext, catalog: PDFDict, budget: WorkBudget): PageEntry[] {
  const pages: PageEntry[] = [];
  const seen = new Set<PDFDict>();
  // Inherited attributes travel down the tree; only Resources matters here, the page keeps a copy below.
  const stack: { node: PDFDict; resources: PDFObject | undefined; depth: number }[] = [];
  const root = dictOf(context, get(catalog, 'Pages'));
  if (root) stack.push({ node: root, resources: undefined, depth: 0 });
  while (stack.length > 0) {
    const { node, resources, depth } = stack.pop()!;
    budget.visit();
    budget.depth(depth);
    if (seen.has(node)) continue;
    seen.add(node);
    const ownResources = get(node, 'Resources') ?? resources;
    const kids = arrayOf(context, get(node, 'Kids'));
    if (kids && nameOf(context, get(node, 'Type')) !== 'Page') {
      // Reverse so pages come out in document order from the stack.
      for (const kid of [...kids.asArray()].reverse()) {
        const child = dictOf(context, kid);
        if (child) stack.push({ node: child, resources: ownResources, depth: depth + 1 });
      }
    } else {
      pages.push({ value: node, where: `page ${pages.length + 1}`, resources: ownResources });
    }
  }
  return pages;
}

export function collectInventory(context: PDFContext, catalog: PDFDict, budget: WorkBudget): Inventory {
  const pages = collectPages(context, catalog, budget);
  const fonts = new Map<PDFDict, Used<PDFDict>>();
  const images = new Map<PDFDict, Used<PDFDict>>();
  const forms = new Map<PDFDict, Used<PDFDict>>();
  const extGStates = new Map<PDFDict, Used<PDFDict>>();
  const groups = new Map<PDFDict, Used<PDFDict>>();
  const annotations = new Map<PDFDict, Used<PDFDict>>();
  const colorSpaces: Used<PDFObject>[] = [];
  const seenResources = new Set<PDFDict>();
  const pending: Pending[] = [];

  const addOnce = (map: Map<PDFDict, Used<PDFDict>>, dict: PDFDict, where: string): boolean => {
    if (map.has(dict)) return false;
    map.set(dict, { value: dict, where });
    return true;
  };

  /** A stream with its own resources (form, pattern, glyph procedures' font): walk them later. */
  const queueForm = (
    value: PDFObject | undefined,
    where: string,
    depth: number,
    inherited: PDFDict | undefined,
  ) => {
    const form = dictOf(context, value);
    if (!form || !addOnce(forms, form, where)) return;
    const group = dictOf(context, get(form, 'Group'));
    if (group) addOnce(groups, group, where);
    pending.push({
      resources: dictOf(context, get(form, 'Resources')) ?? inherited,
      where,
      depth: depth + 1,
    });
  };

  const visitFont = (value: PDFObject | undefined, where: string, depth: number) => {
    const font = dictOf(context, value);
    if (!font || !addOnce(fonts, font, where)) return;
    if (nameOf(context, get(font, 'Subtype')) === 'Type3') {
      pending.push({
        resources: dictOf(context, get(font, 'Resources')),
        where: `${where}, Type 3 font`,
        depth: depth + 1,
      });
    }
  };

  const visitXObject = (
    value: PDFObject | undefined,
    where: string,
    depth: number,
    inherited: PDFDict | undefined,
  ) => {
    const xobject = dictOf(context, value);
    if (!xobject) return;
    const subtype = nameOf(context, get(xobject, 'Subtype'));
    if (subtype === 'Form') queueForm(value, where, depth, inherited);
    else if (subtype === 'Image' && addOnce(images, xobject, where)) {
      const colorSpace = get(xobject, 'ColorSpace');
      if (colorSpace) colorSpaces.push({ value: colorSpace, where });
      const smask = dictOf(context, get(xobject, 'SMask'));
      if (smask) addOnce(images, smask, `${where}, soft mask`);
    }
  };

  const visitExtGState = (
    value: PDFObject | undefined,
    where: string,
    depth: number,
    inherited: PDFDict | undefined,
  ) => {
    const gs = dictOf(context, value);
    if (!gs || !addOnce(extGStates, gs, where)) return;
    const smask = dictOf(context, get(gs, 'SMask'));
    if (smask) queueForm(get(smask, 'G'), `${where}, soft mask group`, depth, inherited);
    const font = arrayOf(context, get(gs, 'Font'));
    if (font) visitFont(font.get(0), where, depth);
  };

  const visitResources = ({ resources, where, depth }: Pending) => {
    budget.visit();
    budget.depth(depth);
    if (!resources || seenResources.has(resources)) return;
    seenResources.add(resources);
    const section = (key: string) => {
      const dict = dictOf(context, get(resources, key));
      const list = dict ? entries(dict) : [];
      for (let i = 0; i < list.length; i++) budget.visit();
      return list;
    };
    for (const [name, font] of section('Font')) visitFont(font, `${where}, font /${name}`, depth);
    for (const [name, xobject] of section('XObject'))
      visitXObject(xobject, `${where}, XObject /${name}`, depth, resources);
    for (const [name, gs] of section('ExtGState'))
      visitExtGState(gs, `${where}, ExtGState /${name}`, depth, resources);
    for (const [name, cs] of section('ColorSpace'))
      colorSpaces.push({ value: cs, where: `${where}, ColorSpace /${name}` });
    for (const [name, pattern] of section('Pattern')) {
      const patternDict = dictOf(context, pattern);
      if (!patternDict) continue;
      budget.visit();
      if (resolve(context, pattern) instanceof PDFRawStream)
        queueForm(pattern, `${where}, Pattern /${name}`, depth, resources);
      const shading = dictOf(context, get(patternDict, 'Shading'));
      const shadingSpace = shading && get(shading, 'ColorSpace');
      if (shadingSpace) colorSpaces.push({ value: shadingSpace, where: `${where}, Pattern /${name}` });
    }
    for (const [name, shading] of section('Shading')) {
      const space = dictOf(context, shading) && get(dictOf(context, shading)!, 'ColorSpace');
      if (space) colorSpaces.push({ value: space, where: `${where}, Shading /${name}` });
    }
  };

  for (const page of pages) {
    const group = dictOf(context, get(page.value, 'Group'));
    if (group) addOnce(groups, group, page.where);
    pending.push({ resources: dictOf(context, page.resources), where: page.where, depth: 0 });
    const annots = arrayOf(context, get(page.value, 'Annots'))?.asArray() ?? [];
    annots.forEach((annotValue, i) => {
      budget.visit();
      const annot = dictOf(context, annotValue);
      const where = `${page.where}, annotation ${i + 1}`;
      if (!annot || !addOnce(annotations, annot, where)) return;
      const appearance = dictOf(context, get(annot, 'AP'));
      for (const key of ['N', 'R', 'D']) {
        const entry = resolve(context, appearance && get(appearance, key));
        if (entry instanceof PDFRawStream) queueForm(entry, `${where}, appearance /${key}`, 0, undefined);
        else if (entry instanceof PDFDict) {
          for (const [state, stream] of entries(entry))
            queueForm(stream, `${where}, appearance /${key} /${state}`, 0, undefined);
        }
      }
    });
  }
  while (pending.length > 0) visitResources(pending.pop()!);

  return {
    pageCount: pages.length,
    pages,
    fonts: [...fonts.values()],
    images: [...images.values()],
    forms: [...forms.values()],
    extGStates: [...extGStates.values()],
    groups: [...groups.values()],
    annotations: [...annotations.values()],
    colorSpaces,
  };
}
