/** A check the environment failed. */
export class CaseFailure extends Error {}

/** A step the runner cannot do itself (a shopper in a browser, a 20-minute wait): the report marks it manual. */
export class NeedsTester extends Error {}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CaseFailure(message)
}

/** Runs one checklist case: its id, title and requirement, and the body that proves it (filling `details`). */
export type RunCase = (id: string, title: string, requirement: string, body: (details: string[]) => Promise<void>) => Promise<void>
