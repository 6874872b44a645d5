import { createServer, IncomingMessage, Server, ServerResponse } from "node:http"
import { ONLINE_API_PATH, POS_API_PATH } from "./paths"
import { CONTROL_PREFIX, controlRoutes } from "./control-routes"
import { SandboxCore } from "./core"
import { HttpError, matchRoute, readBody, Reply, RequestContext, Route } from "./http-utils"
import { onlineRoutes } from "./online-routes"
import { onlinePageHtml } from "./pages/online-page"
import { widgetPageHtml } from "./pages/widget-page"
import { posRoutes } from "./pos-routes"

type Area = "pos" | "online" | "control"

function areaOf(path: string): Area | "page" {
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) return "control"
  if (path.startsWith(`${POS_API_PATH}/`)) return "pos"
  if (path.startsWith(`${ONLINE_API_PATH}/`)) return "online"
  return "page"
}

/**
 * Error bodies per area: POS {url, message, error, field_errors} (Error Overview's input error
 * example); Online API {code, error, error_description} (systems/init failure example); token
 * endpoints OAuth-style {error, error_description}; control {error, message, field_errors}.
 */
function errorReply(area: Area, path: string, error: HttpError): Reply {
  const fieldErrors = error.fieldErrors ? { field_errors: error.fieldErrors } : {}
  if (area !== "control" && path.endsWith("/oauth/token")) {
    return { status: error.status, json: { error: error.code, error_description: error.message, ...fieldErrors } }
  }
  if (area === "pos") return { status: error.status, json: { url: path, message: error.message, error: error.code, ...fieldErrors } }
  if (area === "online") {
    return { status: error.status, json: { code: error.status, error: error.code, error_description: error.message, ...fieldErrors } }
  }
  return { status: error.status, json: { error: error.code, message: error.message, ...fieldErrors } }
}

function send(res: ServerResponse, reply: Reply): void {
  if ("html" in reply) {
    res.writeHead(reply.status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
    res.end(reply.html)
    return
  }
  const body = JSON.stringify(reply.json)
  res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) })
  res.end(body)
}

function pageReply(method: string, path: string): Reply {
  if (method !== "GET" && method !== "HEAD") return { status: 404, json: { error: "not_found", message: "Not found" } }
  const isOnline = path === "/online" || path.startsWith("/online/")
  return { status: 200, html: isOnline ? onlinePageHtml() : widgetPageHtml() }
}

export function createSandboxServer(core: SandboxCore): Server {
  const flexitiRoutes: Route[] = [...posRoutes(core), ...onlineRoutes(core)]
  const sandboxRoutes = controlRoutes(core)

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET"
    const url = new URL(req.url ?? "/", "http://sandbox.invalid")
    const path = url.pathname
    const area = areaOf(path)
    if (area === "page") {
      send(res, pageReply(method, path))
      return
    }
    try {
      const rawBody = await readBody(req)
      const routes = area === "control" ? sandboxRoutes : flexitiRoutes
      const found = matchRoute(routes, method, path)
      if (!found) throw new HttpError(404, "not_found", `No ${method} ${path}`)
      const ctx: RequestContext = {
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        params: found.params,
        origin: `http://${req.headers.host ?? "127.0.0.1"}`,
      }
      if (area === "control") {
        send(res, await found.route.handle(ctx))
        return
      }
      core.state.countCall(`${method} ${found.route.pattern}`)
      const isTokenCall = path.endsWith("/oauth/token")
      const decision = await core.faults.before(method, path, isTokenCall)
      if (decision.kind === "error") throw decision.error
      if (decision.kind === "reset") {
        core.log(`${method} ${path} -> socket reset (fault)`)
        req.socket.destroy()
        return
      }
      const reply = decision.kind === "reply" ? decision.reply : await found.route.handle(ctx)
      // Only a call that was applied (handler returned) loses its answer; refused calls throw before this.
      if (decision.kind === "proceed" && !isTokenCall && core.faults.takeResetAfterApply(method, path)) {
        core.log(`${method} ${path} -> applied, then socket reset (fault)`)
        req.socket.destroy()
        return
      }
      core.log(`${method} ${path} -> ${reply.status}`)
      send(res, reply)
    } catch (error) {
      if (error instanceof HttpError) {
        core.log(`${method} ${path} -> ${error.status} ${error.code}`)
        send(res, errorReply(area, path, error))
        return
      }
      core.log(`${method} ${path} -> 500 ${(error as Error).stack ?? String(error)}`)
      send(res, { status: 500, json: { error: "sandbox_error", message: (error as Error).message } })
    }
  }

  return createServer((req, res) => {
    void handle(req, res)
  })
}
