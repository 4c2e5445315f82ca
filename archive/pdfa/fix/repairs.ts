import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { allDicts } from '../preflight/inspect/all-dicts';
import { dictOf, get, nameOf, resolve } from '../preflight/inspect/pdf-values';
import type { WorkBudget } from '../preflight/parse/work-budget';
import { ALLOWED_NAMED, FORBIDDEN_ACTIONS } from '../preflight/checks/action-checks';

/** Edits on a parsed file that remove what PDF/A forbids without touching what a page shows. */

// The repair removes exactly what the preflight forbids: one list of rules for both.
const FORBIDDEN: ReadonlySet<string> = new Set(['JavaScript', ...FORBIDDEN_ACTIONS]);

function isForbiddenAction(context: PDFContext, value: PDFObject | undefined): boolean {
  const dict = dictOf(context, value);
  if (!dict) return false;
  const type = nameOf(context, get(dict, 'Type'));
  if (type !== undefined && type !== 'Action') return false;
  const kind = nameOf(context, get(dict, 'S'));
  if (kind === 'Named') return !ALLOWED_NAMED.has(nameOf(context, get(dict, 'N')) ?? '');
  return (kind !== undefined && FORBIDDEN.has(kind)) || get(dict, 'JS') !== undefined;
}

/**
 * Removes document JavaScript, additional-actions (/AA) and every reference to a forbidden action
 * (/A, /OpenAction, /Next). Returns how many entries were removed.
 */
export function removeForbiddenActions(context: PDFContext, catalog: PDFDict, budget: WorkBudget): number {
  let removed = 0;
  const names = dictOf(context, get(catalog, 'Names'));
  if (names?.delete(PDFName.of('JavaScript'))) removed++;
  for (const { dict } of [...allDicts(context, budget)]) {
    if (dict.delete(PDFName.of('AA'))) removed++;
    for (const key of ['A', 'OpenAction', 'Next']) {
      const value = get(dict, key);
      if (value === undefined) continue;
      const list = resolve(context, value);
      if (key === 'Next' && list instanceof PDFArray) {
        for (let i = list.size() - 1; i >= 0; i--) {
          if (isForbiddenAction(context, list.get(i))) {
            list.remove(i);
            removed++;
          }
        }
      } else if (isForbiddenAction(context, value)) {
        dict.delete(PDFName.of(key));
        removed++;
      }
    }
  }
  return removed;
}

/**
 * Drops every object not reachable from the trailer's /Root and /Info: old versions left by incremental
 * updates and the actions just cut off, which would otherwise stay in the file.
 */
export function dropUnreachable(context: PDFContext, budget: WorkBudget): number {
  const reachable = new Set<PDFRef>();
  const stack: PDFObject[] = [context.trailerInfo.Root, context.trailerInfo.Info].filter(
    (o): o is PDFObject => o !== undefined,
  );
  while (stack.length > 0) {
    const value = stack.pop()!;
    budget.visit();
    if (value instanceof PDFRef) {
      if (reachable.has(value)) continue;
      reachable.add(value);
      const target = context.lookup(value);
      if (target) stack.push(target);
    } else if (value instanceof PDFRawStream) {
      stack.push(value.dict);
    } else if (value instanceof PDFDict) {
      for (const [, v] of value.entries()) stack.push(v);
    } else if (value instanceof PDFArray) {
      stack.push(...value.asArray());
    }
  }
  let dropped = 0;
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref)) {
      context.delete(ref);
      dropped++;
    }
  }
  return dropped;
}

/** A signature (a /Sig dictionary or a /ByteRange) would be broken by rewriting the file. */
export function hasSignature(context: PDFContext, budget: WorkBudget): boolean {
  for (const { dict } of allDicts(context, budget)) {
    if (nameOf(context, get(dict, 'Type')) === 'Sig' || get(dict, 'ByteRange') !== undefined) return true;
  }
  return false;
}
