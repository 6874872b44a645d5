import { FlexitiError } from "../flexiti/errors"
import { newReferenceId } from "../flexiti/reference-id"
import { TokenScope } from "../flexiti/schemas"

/** One call the runner made to Flexiti: which token scope it carried and its x-reference-id. */
export interface CallRecord {
  case: string
  call: string
  scope: TokenScope
  referenceId: string
  /** "ok", or what Flexiti answered (HTTP status and code) */
  outcome: string
}

export function describeError(error: unknown): string {
  if (error instanceof FlexitiError) {
    return `HTTP ${error.status ?? "-"} ${error.code ?? error.kind}${error.referenceId ? ` (x-reference-id ${error.referenceId})` : ""}`
  }
  return (error as Error).message
}

/**
 * The runner's record of every call, so the report can cite each call's x-reference-id (what
 * Flexiti's support asks for) and a reader can see which token scope each step used.
 */
export class CallLog {
  readonly records: CallRecord[] = []
  private caseId = ""
  private details: string[] = []

  /** The case whose calls and notes follow. */
  begin(caseId: string, details: string[]): void {
    this.caseId = caseId
    this.details = details
  }

  note(line: string): void {
    this.details.push(line)
  }

  referenceIdsOf(caseId: string): string[] {
    return this.records.filter((r) => r.case === caseId).map((r) => r.referenceId)
  }

  /** A call made outside the client (raw probes with a chosen token). */
  record(entry: Omit<CallRecord, "case">): void {
    this.records.push({ case: this.caseId, ...entry })
  }

  /** Runs one call with a new x-reference-id, recording it whether Flexiti accepts or refuses it. */
  async observe<T>(call: string, scope: TokenScope, send: (referenceId: string) => Promise<T>): Promise<T> {
    const referenceId = newReferenceId()
    const record: CallRecord = { case: this.caseId, call, scope, referenceId, outcome: "ok" }
    this.records.push(record)
    try {
      const result = await send(referenceId)
      this.details.push(`${call} with a ${scope}-scope token: accepted (x-reference-id ${referenceId})`)
      return result
    } catch (error) {
      record.outcome = error instanceof FlexitiError ? `HTTP ${error.status ?? "-"} ${error.code ?? error.kind}` : describeError(error)
      this.details.push(`${call} with a ${scope}-scope token: ${record.outcome} (x-reference-id ${referenceId})`)
      throw error
    }
  }
}
