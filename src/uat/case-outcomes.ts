/** A check the environment failed. */
export class CaseFailure extends Error {}

/** A step the runner cannot do itself (a shopper in a browser, a 20-minute wait): the report marks it manual. */
export class NeedsTester extends Error {}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CaseFailure(message)
}
