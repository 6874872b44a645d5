import axios from "axios"
import { parseClient, runCli } from "../cli"

describe("flexiti-sandbox CLI", () => {
  it("parses --client with URLs that contain colons", () => {
    expect(parseClient("id:secret:http://localhost:8000/ok:https://shop.example/cart")).toEqual({
      client_id: "id",
      client_secret: "secret",
      success_url: "http://localhost:8000/ok",
      error_url: "https://shop.example/cart",
    })
    expect(parseClient("id:secret")).toEqual({ client_id: "id", client_secret: "secret", success_url: undefined, error_url: undefined })
    expect(() => parseClient("id-only")).toThrow(/id:secret/)
  })

  it("starts a sandbox with the given clients and token lifetime", async () => {
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined)
    const sandbox = await runCli(["--port", "0", "--client", "cli-id:cli-secret", "--token-lifetime", "30", "--quiet"])
    try {
      expect(log.mock.calls.flat().join("\n")).toContain("client_id=cli-id client_secret=cli-secret")
      const res = await axios.post(
        `${sandbox.url}/flexiti/online-api/oauth/token`,
        new URLSearchParams({ client_id: "cli-id", client_secret: "cli-secret" }).toString(),
        { headers: { "content-type": "application/x-www-form-urlencoded", "x-reference-id": "0123456789abcdef0123456789abcdef" } }
      )
      expect(res.data.expires_in).toBe(30)
    } finally {
      log.mockRestore()
      await sandbox.close()
    }
  })

  it("refuses an invalid port", async () => {
    await expect(runCli(["--port", "abc"])).rejects.toThrow(/--port/)
  })
})
