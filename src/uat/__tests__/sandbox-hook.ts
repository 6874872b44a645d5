import { RunningSandbox, startSandbox } from "../../sandbox"
import { UatTarget } from "../runner"
import { sandboxTarget } from "../sandbox-target"

/** One sandbox for the describe block, reset before each test, with a fresh UAT target on it. */
export function useUatSandbox(extend: (sandbox: RunningSandbox) => Partial<UatTarget> = () => ({})) {
  const holder: { sandbox?: RunningSandbox; target?: UatTarget } = {}
  beforeAll(async () => {
    holder.sandbox = await startSandbox({ port: 0, quiet: true })
  })
  afterAll(() => holder.sandbox?.close())
  beforeEach(() => {
    holder.sandbox!.reset()
    holder.target = { ...sandboxTarget(holder.sandbox!), ...extend(holder.sandbox!) }
  })
  return {
    get sandbox() {
      return holder.sandbox!
    },
    get target() {
      return holder.target!
    },
  }
}
