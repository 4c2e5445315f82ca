import { AppEvent } from '../../contract/events';

/** Events are checked at the border like any other input; unknown or malformed ones are dropped. */
export function parseEvent(raw: unknown): AppEvent | null {
  const parsed = AppEvent.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
