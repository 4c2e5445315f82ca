import { PDFArray, PDFDict, PDFRawStream, type PDFContext, type PDFObject, type PDFRef } from 'pdf-lib';
import type { WorkBudget } from '../parse/work-budget';

export interface FoundDict {
  readonly dict: PDFDict;
  /** The indirect object it sits in. */
  readonly ref: PDFRef;
  /** It is the dictionary of a stream. */
  readonly stream: PDFRawStream | undefined;
}

/**
 * Every dictionary in the file, including those nested directly inside other objects. Used for rules that
 * hold for the whole file (filters, actions, embedded files), so nothing hides in an unusual place.
 */
export function* allDicts(context: PDFContext, budget: WorkBudget): Generator<FoundDict> {
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const stack: { value: PDFObject; depth: number }[] = [{ value: object, depth: 0 }];
    while (stack.length > 0) {
      const { value, depth } = stack.pop()!;
      budget.visit();
      budget.depth(depth);
      if (value instanceof PDFRawStream) {
        yield { dict: value.dict, ref, stream: value };
        for (const [, v] of value.dict.entries()) stack.push({ value: v, depth: depth + 1 });
      } else if (value instanceof PDFDict) {
        yield { dict: value, ref, stream: undefined };
        for (const [, v] of value.entries()) stack.push({ value: v, depth: depth + 1 });
      } else if (value instanceof PDFArray) {
        for (const v of value.asArray()) stack.push({ value: v, depth: depth + 1 });
      }
    }
  }
}
